import CLobbySQLite
import Glibc

/// A failure reported by SQLite, kept as one value so the executable can map every store
/// failure to one exit code and one line for a person, in one place.
public struct SQLiteError: Error, CustomStringConvertible, CustomDebugStringConvertible, Sendable {
    /// The extended result code (extended codes are switched on at open).
    public let extendedCode: Int32
    /// `sqlite3_errmsg` at the moment of the failure.
    public let message: String
    /// The statement that failed, when there was one.
    public let sql: String?
    /// The database file, so the message can name it.
    public let path: String
    /// `sqlite3_system_errno` for I/O failures (ENOSPC tells "disk full" apart), else 0.
    public let systemErrno: Int32
    /// How long the connection waited for a lock, to say so in a busy message.
    public let busyTimeoutMilliseconds: Int32

    public init(
        extendedCode: Int32, message: String, sql: String? = nil, path: String,
        systemErrno: Int32 = 0, busyTimeoutMilliseconds: Int32 = 0
    ) {
        self.extendedCode = extendedCode
        self.message = message
        self.sql = sql
        self.path = path
        self.systemErrno = systemErrno
        self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
    }

    /// The primary result code: the low byte of the extended one.
    public var code: Int32 { extendedCode & 0xFF }

    /// What went wrong, in the terms a person can act on.
    public enum Kind: Sendable, Equatable {
        case busy, readOnly, full, notADatabase, corrupt, cantOpen, constraint, other
    }

    public var kind: Kind {
        switch code {
        case SQLITE_BUSY, SQLITE_LOCKED: return .busy
        case SQLITE_READONLY: return .readOnly
        case SQLITE_FULL: return .full
        case SQLITE_NOTADB: return .notADatabase
        case SQLITE_CORRUPT: return .corrupt
        case SQLITE_CANTOPEN, SQLITE_PERM, SQLITE_AUTH: return .cantOpen
        case SQLITE_CONSTRAINT: return .constraint
        case SQLITE_IOERR:
            // A write that hits a full disk or quota can surface as an I/O error.
            switch systemErrno {
            case ENOSPC, EDQUOT: return .full
            case EROFS: return .readOnly
            default: return .other
            }
        default: return .other
        }
    }

    /// One line naming the cause and the file, then SQLite's own words.
    public var description: String {
        let db = "the database \(path)"
        let cause: String
        switch kind {
        case .busy:
            let waited = busyTimeoutMilliseconds > 0
                ? "; tried for \(Self.duration(busyTimeoutMilliseconds))" : ""
            cause = "\(db) is busy (another process holds the write lock\(waited))"
        case .readOnly: cause = "\(db) is read-only"
        case .full: cause = "cannot write \(db): the disk is full"
        case .notADatabase, .corrupt: cause = "\(db) is not a SQLite database or is damaged"
        case .cantOpen: cause = "cannot open \(db) (does its folder exist, and may this user write there?)"
        case .constraint: cause = "\(db) refused the change (constraint)"
        case .other: cause = "\(db) failed (SQLite code \(extendedCode))"
        }
        return "\(cause): \(message)"
    }

    /// The description plus the SQL, for logs and test failures, not for people at the desk.
    public var debugDescription: String {
        guard let sql else { return description }
        return "\(description) [SQL: \(sql)]"
    }

    private static func duration(_ ms: Int32) -> String {
        if ms < 1000 { return "\(ms) ms" }
        if ms % 1000 == 0 { return "\(ms / 1000) s" }
        return "\(ms / 1000).\((ms % 1000) / 100) s"
    }
}

extension SQLiteError {
    /// Captures the connection's message right away: a later call would overwrite it.
    init(code: Int32, db: OpaquePointer?, sql: String?, origin: Origin) {
        let text = db.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        self.init(
            extendedCode: code,
            message: text ?? sqlite3_errstr(code).map { String(cString: $0) } ?? "SQLite error \(code)",
            sql: sql,
            path: origin.path,
            systemErrno: db.map { sqlite3_system_errno($0) } ?? 0,
            busyTimeoutMilliseconds: origin.busyTimeoutMilliseconds)
    }

    /// A misuse of this wrapper (closed connection, nested write, wrong number of values):
    /// a programming error, reported with the same type so callers need one catch.
    static func misuse(_ message: String, sql: String? = nil, origin: Origin) -> SQLiteError {
        SQLiteError(extendedCode: SQLITE_MISUSE, message: message, sql: sql, path: origin.path)
    }
}

/// What a statement needs to know about its connection to describe its own failures.
struct Origin: Sendable {
    let path: String
    let busyTimeoutMilliseconds: Int32
}
