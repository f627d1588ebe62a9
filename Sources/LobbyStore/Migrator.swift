/// One schema step. `sql` may hold several statements but no BEGIN/COMMIT: the migrator
/// wraps each step in its own transaction.
public struct Migration: Sendable {
    /// Recorded in `PRAGMA user_version` once the step is applied; positive, increasing.
    public let version: Int
    public let sql: String
    /// Work SQL cannot do (hashing), run after `sql` in the same transaction.
    public let then: (@Sendable (Database) throws -> Void)?

    public init(version: Int, sql: String, then: (@Sendable (Database) throws -> Void)? = nil) {
        self.version = version
        self.sql = sql
        self.then = then
    }
}

/// The file was written by a newer lobby whose schema this one does not know. Refusing is
/// the only safe answer: writing with the old rules could damage the newer data.
public struct DatabaseTooNewError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let databaseVersion: Int
    public let newestKnownVersion: Int

    public var description: String {
        "the database \(path) was made by a newer version of lobby (schema \(databaseVersion); "
            + "this lobby knows up to \(newestKnownVersion)): update lobby"
    }
}

/// Brings a database's schema up to date: an ordered list of migrations, each applied in
/// its own IMMEDIATE transaction together with the new `user_version`, so a step is either
/// wholly done and recorded or not done at all.
public struct Migrator: Sendable {
    public let migrations: [Migration]

    /// Versions must be unique and positive; the list is a constant of the program, so a
    /// mistake there is a programming error.
    public init(_ migrations: [Migration]) {
        let sorted = migrations.sorted { $0.version < $1.version }
        precondition(sorted.first.map { $0.version > 0 } ?? true, "migration versions start at 1")
        precondition(
            zip(sorted, sorted.dropFirst()).allSatisfy { $0.version < $1.version },
            "migration versions must be unique")
        self.migrations = sorted
    }

    /// The version a fully migrated database has.
    public var newestVersion: Int { migrations.last?.version ?? 0 }

    /// Applies the pending migrations in order. Costs one read when nothing is pending.
    ///
    /// Throws `DatabaseTooNewError` for a file from a newer lobby, `SQLiteError` otherwise.
    public func migrate(_ db: Database) throws {
        let start = try db.userVersion
        try refuseIfNewer(start, db)
        for migration in migrations where migration.version > start {
            try db.write {
                // Read again under the write lock: another process may have applied this
                // step between our first read and now (two desks creating the same file).
                let current = try db.userVersion
                try refuseIfNewer(current, db)
                guard current < migration.version else { return }
                try db.execute(migration.sql)
                try migration.then?(db)
                try db.setUserVersion(migration.version)
            }
        }
    }

    private func refuseIfNewer(_ version: Int, _ db: Database) throws(DatabaseTooNewError) {
        guard version > newestVersion else { return }
        throw DatabaseTooNewError(path: db.path, databaseVersion: version, newestKnownVersion: newestVersion)
    }
}
