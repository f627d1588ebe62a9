import CLobbySQLite
import Glibc

/// One SQLite connection. A process opens one and uses it from one place, so this is
/// deliberately not `Sendable`: a thread that needs the database opens its own.
public final class Database {
    /// The file, as given; every error names it.
    public let path: String
    public let isReadOnly: Bool
    /// nil once closed, so a use after `close()` is a clear error rather than a crash.
    private var handle: OpaquePointer?
    private var cache: [String: Statement] = [:]
    private let origin: Origin

    /// Opens (or, read-write, creates) the database at `path` and sets it up: WAL,
    /// `synchronous = NORMAL`, foreign keys on.
    ///
    /// A file that is not a database fails here, with `.notADatabase`, not at the first
    /// query; a path that cannot be opened (missing folder, a directory) with `.cantOpen`.
    public init(path: String, readOnly: Bool = false, busyTimeoutMilliseconds: Int32 = 5000) throws(SQLiteError) {
        _ = Self.configured
        let origin = Origin(path: path, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        // NOMUTEX: the connection is confined to one thread, so SQLite's own mutex is waste.
        let flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
            | SQLITE_OPEN_NOMUTEX
        if !readOnly { try Self.createPrivately(path, origin: origin) }
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            // A handle is usually returned even on failure; it holds the message and must be closed.
            let code = db.map { sqlite3_extended_errcode($0) } ?? rc
            let failure = SQLiteError(code: code, db: db, sql: nil, origin: origin)
            sqlite3_close_v2(db)
            throw failure
        }
        do {
            try Self.configure(db, readOnly: readOnly, origin: origin)
        } catch {
            sqlite3_close_v2(db)
            throw error
        }
        self.path = path
        self.isReadOnly = readOnly
        self.origin = origin
        self.handle = db
    }

    /// SQLite's process-wide settings (CLobbySQLite's shim.h), made before the first connection
    /// opens; a later call would be refused, and changes nothing.
    private static let configured: Bool = lobby_sqlite_configure() == SQLITE_OK

    private static func configure(_ db: OpaquePointer, readOnly: Bool, origin: Origin) throws(SQLiteError) {
        sqlite3_extended_result_codes(db, 1)
        // Wait for another process's lock instead of failing at once.
        sqlite3_busy_timeout(db, origin.busyTimeoutMilliseconds)
        // SQLite opens lazily: read the schema once so a file that is not a database fails now.
        _ = try makeStatement(db, "SELECT count(*) FROM sqlite_master", origin, persistent: false).firstRow()
        // A read-only connection (asked for, or because the file is not writable) cannot
        // change the journal mode, and must still open for reading; the writer sets WAL.
        if !readOnly && sqlite3_db_readonly(db, "main") == 0 {
            try enableWAL(db, origin: origin)
        }
        // NORMAL is durable enough in WAL (a power cut may lose the last commit, never corrupt).
        // secure_delete: a page freed by an erasure or a re-sealed row is zeroed, not left readable.
        try exec(db, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON", origin)
    }

    /// WAL lets readers (board, feed) run while a desk writes. The pragma answers with the
    /// mode it ended in, which is not always the one asked for, so check the answer.
    ///
    /// Two processes opening a new file at once can get BUSY here at once: the switch does
    /// not call the busy handler. So retry, within the same busy timeout.
    private static func enableWAL(_ db: OpaquePointer, origin: Origin) throws(SQLiteError) {
        let sql = "PRAGMA journal_mode = WAL"
        let statement = try makeStatement(db, sql, origin, persistent: false)
        let deadline = ContinuousClock.now + .milliseconds(Int(origin.busyTimeoutMilliseconds))
        var mode: String?
        while true {
            do throws(SQLiteError) {
                mode = try statement.firstRow()?.text(0)
                break
            } catch where error.kind == .busy && ContinuousClock.now < deadline {
                usleep(5_000)
            }
        }
        switch mode?.lowercased() {
        case "wal", "memory": return  // "memory": an in-memory database, used by tests
        default:
            throw SQLiteError(
                extendedCode: SQLITE_ERROR,
                message: "could not switch to WAL journal mode (the journal mode is \(mode ?? "unknown"))",
                sql: sql, path: origin.path)
        }
    }

    deinit { close() }

    // MARK: File modes

    /// A file path SQLite will create, as opposed to ":memory:", "" (a temporary database) or a URI.
    private static func isFilePath(_ path: String) -> Bool {
        !path.isEmpty && path != ":memory:" && !path.hasPrefix("file:")
    }

    /// Creates a new database file owner-only (0600) before SQLite does, whatever the umask:
    /// SQLite gives the -wal and -shm it creates the main file's mode, so they are private too.
    /// An existing file is left to `restrictFiles`.
    private static func createPrivately(_ path: String, origin: Origin) throws(SQLiteError) {
        guard isFilePath(path) else { return }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        // EEXIST: an existing file, left to restrictFiles. Anything else: SQLite reports what it
        // cannot open, in its own words and with the path.
        guard fd >= 0 else { return }
        defer { _ = Glibc.close(fd) }
        if fchmod(fd, 0o600) != 0 {
            throw SQLiteError(
                extendedCode: SQLITE_CANTOPEN, message: "cannot make the new file owner-only (errno \(errno))",
                path: origin.path)
        }
    }

    /// Gives the database, its -wal and its -shm the site's mode: 0600, or 0660 and the group
    /// `group` (for a board running as another user in that group). A file wider than that is
    /// narrowed; a file of another owner (a reader that is not the writer) is left as it is.
    /// Run on each open: SQLite recreates -wal and -shm after the last connection closes.
    public func restrictFiles(group: gid_t?) throws(SQLiteError) {
        guard Self.isFilePath(path), !isReadOnly else { return }
        let mode: mode_t = group == nil ? 0o600 : 0o660
        for file in [path, path + "-wal", path + "-shm"] {
            var info = stat()
            guard lstat(file, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_uid == geteuid() else { continue }
            if let group, info.st_gid != group, chown(file, uid_t.max, group) != 0 {
                throw SQLiteError(
                    extendedCode: SQLITE_PERM,
                    message: "cannot give \(file) the group \(group) named by fileGroup (errno \(errno)); is this user in it?",
                    path: origin.path)
            }
            if info.st_mode & 0o7777 != mode, chmod(file, mode) != 0 {
                throw SQLiteError(
                    extendedCode: SQLITE_PERM, message: "cannot set the mode of \(file) (errno \(errno))", path: origin.path)
            }
        }
    }

    /// Finalizes the cached statements, then closes. `sqlite3_close_v2` rather than
    /// `sqlite3_close`: if a caller still holds a `Statement`, the connection lingers until
    /// that statement is released instead of failing with BUSY and leaking.
    public func close() {
        cache.removeAll()
        if let handle {
            sqlite3_close_v2(handle)
            self.handle = nil
        }
    }

    // MARK: Statements

    /// A prepared statement for `sql`, one statement only. Cached per connection, keyed by
    /// the SQL text: the same `sql` returns the same `Statement`, so do not run a statement
    /// again (with the same SQL) while iterating over it with `step()`.
    public func prepare(_ sql: String) throws(SQLiteError) -> Statement {
        if let cached = cache[sql] { return cached }
        let statement = try Self.makeStatement(try connection(), sql, origin, persistent: true)
        cache[sql] = statement
        return statement
    }

    /// Runs one or more statements without parameters (schema, pragmas) via `sqlite3_exec`.
    public func execute(_ sql: String) throws(SQLiteError) {
        try Self.exec(try connection(), sql, origin)
    }

    /// `prepare(sql).run(values)`.
    public func run(_ sql: String, _ values: [SQLValue] = []) throws(SQLiteError) {
        try prepare(sql).run(values)
    }

    /// `prepare(sql).rows(values)`.
    public func rows(_ sql: String, _ values: [SQLValue] = []) throws(SQLiteError) -> [Row] {
        try prepare(sql).rows(values)
    }

    /// `prepare(sql).firstRow(values)`.
    public func firstRow(_ sql: String, _ values: [SQLValue] = []) throws(SQLiteError) -> Row? {
        try prepare(sql).firstRow(values)
    }

    // MARK: Transactions

    public var isInTransaction: Bool {
        handle.map { sqlite3_get_autocommit($0) == 0 } ?? false
    }

    /// Runs `body` in a `BEGIN IMMEDIATE` transaction and commits; on any error rolls back
    /// and rethrows that error unchanged.
    ///
    /// IMMEDIATE takes the write lock up front, where the busy timeout can wait for it; a
    /// deferred transaction that upgrades later gets a BUSY that no waiting can fix.
    /// Nesting is refused (SQLite has no nested BEGIN, and silently joining the outer
    /// transaction would let an inner "failure" be committed by the outer one).
    public func write<T>(_ body: () throws -> T) throws -> T {
        guard !isInTransaction else {
            throw SQLiteError.misuse(
                "write() was called inside another transaction; nested transactions are not supported",
                origin: origin)
        }
        return try transaction("BEGIN IMMEDIATE", body)
    }

    /// Runs `body` in a `BEGIN DEFERRED` transaction, so several SELECTs see one snapshot.
    /// For reading only: a write inside may fail with BUSY. Inside `write()` or `read()`
    /// the snapshot already exists, so `body` simply runs.
    public func read<T>(_ body: () throws -> T) throws -> T {
        if isInTransaction { return try body() }
        return try transaction("BEGIN DEFERRED", body)
    }

    private func transaction<T>(_ begin: String, _ body: () throws -> T) throws -> T {
        try execute(begin)
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            // SQLite may already have rolled back by itself (e.g. on a full disk).
            if isInTransaction { try? execute("ROLLBACK") }
            throw error
        }
    }

    // MARK: Connection facts

    /// The rowid of the last INSERT on this connection.
    public var lastInsertRowID: Int64 { handle.map { sqlite3_last_insert_rowid($0) } ?? 0 }

    /// Rows changed by the last INSERT, UPDATE or DELETE on this connection.
    public var changes: Int { handle.map { Int(sqlite3_changes($0)) } ?? 0 }

    /// Changes when another connection commits to the file: a cheap "did anything
    /// change?" for screens that poll.
    public func dataVersion() throws(SQLiteError) -> Int64 {
        try firstRow("PRAGMA data_version")?.int64(0) ?? 0
    }

    /// The schema version recorded in the file header (used by `Migrator`).
    public var userVersion: Int {
        get throws(SQLiteError) { try firstRow("PRAGMA user_version")?.int(0) ?? 0 }
    }

    /// PRAGMA takes no parameters, hence the interpolation (of an integer only).
    public func setUserVersion(_ version: Int) throws(SQLiteError) {
        try execute("PRAGMA user_version = \(version)")
    }

    // MARK: Helpers

    private func connection() throws(SQLiteError) -> OpaquePointer {
        guard let handle else { throw .misuse("the database connection is closed", origin: origin) }
        return handle
    }

    private static func exec(_ db: OpaquePointer, _ sql: String, _ origin: Origin) throws(SQLiteError) {
        let rc = sqlite3_exec(db, sql, nil, nil, nil)
        guard rc == SQLITE_OK else { throw SQLiteError(code: rc, db: db, sql: sql, origin: origin) }
    }

    /// Prepares exactly one statement. Text after it that is more than whitespace or
    /// comments is refused: `sqlite3_prepare` would silently ignore it.
    static func makeStatement(
        _ db: OpaquePointer, _ sql: String, _ origin: Origin, persistent: Bool
    ) throws(SQLiteError) -> Statement {
        var stmt: OpaquePointer?
        var hasMore = false
        let rc = sql.withCString { text -> Int32 in
            var tail: UnsafePointer<CChar>?
            let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
            let rc = sqlite3_prepare_v3(db, text, -1, flags, &stmt, &tail)
            if rc == SQLITE_OK, let tail, tail.pointee != 0 {
                var extra: OpaquePointer?
                let extraRC = sqlite3_prepare_v2(db, tail, -1, &extra, nil)
                hasMore = extra != nil || extraRC != SQLITE_OK
                sqlite3_finalize(extra)
            }
            return rc
        }
        guard rc == SQLITE_OK else {
            throw SQLiteError(code: rc, db: db, sql: sql, origin: origin)
        }
        guard let stmt else { throw .misuse("no SQL statement to prepare", sql: sql, origin: origin) }
        let statement = Statement(handle: stmt, sql: sql, origin: origin)
        if hasMore {
            throw .misuse("prepare() takes one statement; use execute() for several", sql: sql, origin: origin)
        }
        return statement
    }
}
