import CLobbySQLite

/// A prepared statement. Preparing is the costly part of a query, so a `Database` keeps
/// these in a cache and hands the same one out again; it is finalized when released.
///
/// Not thread-safe, like the connection it belongs to.
public final class Statement {
    public let sql: String
    let handle: OpaquePointer
    private let origin: Origin

    init(handle: OpaquePointer, sql: String, origin: Origin) {
        self.handle = handle
        self.sql = sql
        self.origin = origin
    }

    deinit {
        // Safe even after `Database.close()`: `sqlite3_close_v2` keeps the connection
        // alive until its last statement is finalized.
        sqlite3_finalize(handle)
    }

    // MARK: Binding and stepping

    /// Resets the statement and binds `values` to its `?` parameters, in order. A count
    /// that does not match the SQL is refused: silently NULL parameters hide bugs.
    public func bind(_ values: [SQLValue]) throws(SQLiteError) {
        reset()
        sqlite3_clear_bindings(handle)
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard values.count == expected else {
            throw .misuse("expected \(expected) values to bind, got \(values.count)", sql: sql, origin: origin)
        }
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let rc = Self.bind(value, at: index, in: handle)
            guard rc == SQLITE_OK else { throw error(rc) }
        }
    }

    private static func bind(_ value: SQLValue, at i: Int32, in stmt: OpaquePointer) -> Int32 {
        switch value {
        case .null:
            return sqlite3_bind_null(stmt, i)
        case .integer(let v):
            return sqlite3_bind_int64(stmt, i, v)
        case .real(let v):
            return sqlite3_bind_double(stmt, i, v)
        case .text(var s):
            // Explicit length: keeps embedded NULs, and a NULL base address (possible for an
            // empty buffer) would bind SQL NULL instead of "".
            return s.withUTF8 { bytes -> Int32 in
                guard let base = bytes.baseAddress, bytes.count > 0 else {
                    return sqlite3_bind_text(stmt, i, "", 0, lobby_sqlite_transient())
                }
                return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                    sqlite3_bind_text(stmt, i, $0, Int32(bytes.count), lobby_sqlite_transient())
                }
            }
        case .blob(let b):
            return b.withUnsafeBytes { raw -> Int32 in
                guard let base = raw.baseAddress, raw.count > 0 else {
                    return sqlite3_bind_zeroblob(stmt, i, 0)
                }
                return sqlite3_bind_blob(stmt, i, base, Int32(raw.count), lobby_sqlite_transient())
            }
        }
    }

    /// Advances one row: `true` when a row is ready to read, `false` when done.
    public func step() throws(SQLiteError) -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let failure = error(rc)
            reset()
            throw failure
        }
    }

    /// Ends an iteration early. An unfinished statement keeps its read snapshot (and, in
    /// WAL, blocks checkpoints), so `rows`/`run` always reset when they finish.
    public func reset() {
        sqlite3_reset(handle)
    }

    /// Binds `values` and runs to completion (INSERT, UPDATE, DELETE, DDL).
    public func run(_ values: [SQLValue] = []) throws(SQLiteError) {
        try bind(values)
        defer { reset() }
        while try step() {}
    }

    /// Binds `values` and returns every row.
    public func rows(_ values: [SQLValue] = []) throws(SQLiteError) -> [Row] {
        try bind(values)
        defer { reset() }
        let names = columnNames
        var result: [Row] = []
        while try step() {
            result.append(currentRow(names: names))
        }
        return result
    }

    /// Binds `values` and returns the first row only, or nil when there is none.
    public func firstRow(_ values: [SQLValue] = []) throws(SQLiteError) -> Row? {
        try bind(values)
        defer { reset() }
        return try step() ? currentRow(names: columnNames) : nil
    }

    // MARK: Reading the current row

    public var columnCount: Int32 { sqlite3_column_count(handle) }

    public var columnNames: [String] {
        (0..<columnCount).map { i in sqlite3_column_name(handle, i).map { String(cString: $0) } ?? "" }
    }

    public func isNull(_ i: Int32) -> Bool { sqlite3_column_type(handle, i) == SQLITE_NULL }
    public func int64(_ i: Int32) -> Int64 { sqlite3_column_int64(handle, i) }
    public func int(_ i: Int32) -> Int { Int(truncatingIfNeeded: sqlite3_column_int64(handle, i)) }
    public func double(_ i: Int32) -> Double { sqlite3_column_double(handle, i) }

    /// nil for NULL; other types are converted the way SQLite converts them.
    public func text(_ i: Int32) -> String? {
        guard !isNull(i), let p = sqlite3_column_text(handle, i) else { return nil }
        // Ask for the length after the text: the conversion may change it.
        let count = Int(sqlite3_column_bytes(handle, i))
        return String(decoding: UnsafeBufferPointer(start: p, count: count), as: UTF8.self)
    }

    /// nil for NULL; an empty blob is `[]`.
    public func blob(_ i: Int32) -> [UInt8]? {
        guard !isNull(i) else { return nil }
        guard let p = sqlite3_column_blob(handle, i) else { return [] }
        let count = Int(sqlite3_column_bytes(handle, i))
        return Array(UnsafeRawBufferPointer(start: p, count: count))
    }

    /// The column as it is stored, without conversion.
    public func value(_ i: Int32) -> SQLValue {
        switch sqlite3_column_type(handle, i) {
        case SQLITE_INTEGER: return .integer(int64(i))
        case SQLITE_FLOAT: return .real(double(i))
        case SQLITE_TEXT: return text(i).map { .text($0) } ?? .null
        case SQLITE_BLOB: return blob(i).map { .blob($0) } ?? .null
        default: return .null
        }
    }

    private func currentRow(names: [String]) -> Row {
        Row(values: (0..<columnCount).map(value), columnNames: names)
    }

    private func error(_ rc: Int32) -> SQLiteError {
        SQLiteError(code: rc, db: sqlite3_db_handle(handle), sql: sql, origin: origin)
    }
}
