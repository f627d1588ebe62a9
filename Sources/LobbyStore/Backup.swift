import CLobbySQLite
import Glibc

/// Copies of a whole database through SQLite's online backup API: consistent while other
/// processes write (one read snapshot of the source, taken when the copy starts), never a
/// file copy of a WAL database, which can be torn.
public enum Backup {
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let description: String
        /// Bad input (a file that exists, is damaged or is another site's): refused, not a store failure.
        public let refused: Bool
    }

    /// Copies `source` into a new file `destination`, owner-only (0600); refuses a file that exists.
    public static func copy(from source: String, to destination: String, busyTimeoutMilliseconds: Int32 = 30_000) throws(Failure) {
        let fd = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let why = errno == EEXIST ? "exists already; a backup never overwrites a file" : String(cString: strerror(errno))
            throw Failure(description: "backup: \(destination) \(why)", refused: errno == EEXIST)
        }
        close(fd)
        do throws(Failure) {
            try transfer(from: source, to: destination, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        } catch {
            unlink(destination)
            throw error
        }
    }

    /// Replaces the content of the live database `destination` with `source`, page by page
    /// under SQLite's write lock, so processes that have it open see the new content.
    public static func replace(_ destination: String, with source: String, busyTimeoutMilliseconds: Int32 = 30_000) throws(Failure) {
        try transfer(from: source, to: destination, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
    }

    /// What a file to restore is: nil when it passes `PRAGMA integrity_check` and is a lobby
    /// database, else why not. `siteId` is the id its site was given at init.
    public static func inspect(_ path: String) -> (siteId: String?, version: Int, problem: String?) {
        var db: OpaquePointer?
        defer { sqlite3_close_v2(db) }
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, nil) == SQLITE_OK, let db else {
            return (nil, 0, "cannot be opened")
        }
        func rows(_ sql: String) -> [String]? {
            var statement: OpaquePointer?
            guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK else { return nil }
            defer { sqlite3_finalize(statement) }
            var result: [String] = []
            while true {
                let rc = sqlite3_step(statement)
                if rc == SQLITE_DONE { return result }
                guard rc == SQLITE_ROW else { return nil }
                result.append(sqlite3_column_text(statement, 0).map { String(cString: $0) } ?? "")
            }
        }
        guard let check = rows("PRAGMA integrity_check") else { return (nil, 0, "is not a database, or is damaged") }
        guard check == ["ok"] else { return (nil, 0, "fails the integrity check (\(check.prefix(3).joined(separator: "; ")))") }
        let version = rows("PRAGMA user_version").flatMap { $0.first }.flatMap { Int($0) } ?? 0
        guard let id = rows("SELECT value FROM site WHERE key = 'id'")?.first else {
            return (nil, version, "is not a Lobby site database")
        }
        return (id, version, nil)
    }

    private static func transfer(from source: String, to destination: String, busyTimeoutMilliseconds: Int32) throws(Failure) {
        var from: OpaquePointer?
        var to: OpaquePointer?
        defer {
            sqlite3_close_v2(from)
            sqlite3_close_v2(to)
        }
        guard sqlite3_open_v2(source, &from, SQLITE_OPEN_READONLY, nil) == SQLITE_OK, let from else {
            throw Failure(description: "backup: cannot open \(source)", refused: false)
        }
        guard sqlite3_open_v2(destination, &to, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK, let to else {
            throw Failure(description: "backup: cannot open \(destination)", refused: false)
        }
        sqlite3_busy_timeout(from, busyTimeoutMilliseconds)
        sqlite3_busy_timeout(to, busyTimeoutMilliseconds)
        guard let backup = sqlite3_backup_init(to, "main", from, "main") else {
            throw Failure(description: "backup: \(String(cString: sqlite3_errmsg(to)))", refused: false)
        }
        // All pages in one step: one read snapshot of the source, so the copy is the database
        // as it was when the step began; in WAL the writers go on meanwhile. A busy or locked
        // answer (another writer holding the destination) is retried within the timeout.
        let deadline = ContinuousClock.now + .milliseconds(Int(busyTimeoutMilliseconds))
        var rc: Int32
        repeat {
            rc = sqlite3_backup_step(backup, -1)
            if rc == SQLITE_BUSY || rc == SQLITE_LOCKED { usleep(20_000) }
        } while (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && ContinuousClock.now < deadline
        let finished = sqlite3_backup_finish(backup)
        guard rc == SQLITE_DONE, finished == SQLITE_OK else {
            throw Failure(description: "backup: \(String(cString: sqlite3_errstr(rc == SQLITE_DONE ? finished : rc)))", refused: false)
        }
    }
}
