// BylineSQLite
