import GRDB
import GRDBSQLite

/// A statement GRDB prepares and caches, bound and stepped by hand with SQLite's C API: for what GRDB cannot bind
/// (a pointer) or reads too slowly on a hot path (search results). It is left reset with no bindings, as GRDB
/// expects of a cached statement.
struct RawStatement {
    let handle: OpaquePointer
    private let db: Database
    private let sql: String

    /// Runs `body` with the cached statement for `sql`.
    /// - Throws: `DatabaseError` when the statement cannot be prepared, or what `body` throws.
    static func with<T>(_ db: Database, sql: String, _ body: (RawStatement) throws -> T) throws -> T {
        let handle = try db.cachedStatement(sql: sql).sqliteStatement
        defer { sqlite3_reset(handle); sqlite3_clear_bindings(handle) }
        return try body(RawStatement(handle: handle, db: db, sql: sql))
    }

    /// SQLite's result code `code` as GRDB's error, with the connection's message and the statement.
    func error(_ code: CInt) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) }, sql: sql)
    }

    /// Throws ``error(_:)`` unless `code` is `SQLITE_OK`.
    func check(_ code: CInt) throws {
        guard code == SQLITE_OK else { throw error(code) }
    }
}

/// Rows read straight from a ``RawStatement``, for the hot path of search results: the ids are bound with
/// `sqlite3_bind_int64` and columns read with `sqlite3_column_*`, valid only inside the closure that gets the row.
struct ResultRows {
    private let statement: OpaquePointer

    /// Runs `sql` with `ids` bound to its parameters in order, calling `body` for each row.
    /// - Throws: `DatabaseError` from SQLite, or what `body` throws.
    static func each(_ db: Database, sql: String, ids: [Int64], _ body: (ResultRows) throws -> Void) throws {
        try RawStatement.with(db, sql: sql) { statement in
            for (index, id) in ids.enumerated() {
                try statement.check(sqlite3_bind_int64(statement.handle, CInt(index + 1), id))
            }
            while true {
                let code = sqlite3_step(statement.handle)
                if code == SQLITE_DONE { return }
                guard code == SQLITE_ROW else { throw statement.error(code) }
                try body(ResultRows(statement: statement.handle))
            }
        }
    }

    func int64(_ column: CInt) -> Int64 { sqlite3_column_int64(statement, column) }
    func double(_ column: CInt) -> Double { sqlite3_column_double(statement, column) }
    func isNull(_ column: CInt) -> Bool { sqlite3_column_type(statement, column) == SQLITE_NULL }
    /// The column's UTF-8 bytes (empty for NULL), valid until the next step.
    func bytes(_ column: CInt) -> UnsafeBufferPointer<UInt8> {
        guard let text = sqlite3_column_text(statement, column) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, column)))
    }
    /// The column as text ("" for NULL; invalid UTF-8 is repaired).
    func text(_ column: CInt) -> String { String(decoding: bytes(column), as: UTF8.self) }
    func optionalText(_ column: CInt) -> String? { isNull(column) ? nil : text(column) }
}
