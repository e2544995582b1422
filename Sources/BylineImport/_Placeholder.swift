// BylineImport
