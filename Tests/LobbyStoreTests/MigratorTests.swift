import Foundation
import LobbyStore
import Testing

private let one = Migration(version: 1, sql: """
    CREATE TABLE staff(name TEXT PRIMARY KEY);
    INSERT INTO staff VALUES ('王');
    """)
private let two = Migration(version: 2, sql: "ALTER TABLE staff ADD COLUMN supervisor INTEGER NOT NULL DEFAULT 0")
private let three = Migration(version: 3, sql: "CREATE TABLE tickets(id TEXT PRIMARY KEY, rep TEXT REFERENCES staff(name))")

@Suite struct MigratorTests {
    @Test func appliesInVersionOrderAndRecordsTheVersion() throws {
        let dir = try TempDir()
        let db = try Database(path: dir.path("lobby.sqlite"))
        let migrator = Migrator([two, one])  // given out of order on purpose
        #expect(migrator.newestVersion == 2)
        try migrator.migrate(db)
        #expect(try db.userVersion == 2)
        #expect(try db.firstRow("SELECT name, supervisor FROM staff")?.values == [.text("王"), .integer(0)])
    }

    @Test func isIdempotentAndAppliesOnlyWhatIsNew() throws {
        let dir = try TempDir()
        let db = try Database(path: dir.path("lobby.sqlite"))
        try Migrator([one, two]).migrate(db)
        try Migrator([one, two]).migrate(db)  // would fail (duplicate row, duplicate column) if re-run
        #expect(try db.firstRow("SELECT count(*) FROM staff")?.int(0) == 1)
        try Migrator([one, two, three]).migrate(db)
        #expect(try db.userVersion == 3)
        #expect(try db.rows("SELECT * FROM tickets").isEmpty)
    }

    @Test func refusesADatabaseFromANewerLobby() throws {
        let dir = try TempDir()
        let path = dir.path("lobby.sqlite")
        let db = try Database(path: path)
        try Migrator([one, two, three]).migrate(db)
        let error = #expect(throws: DatabaseTooNewError.self) { try Migrator([one, two]).migrate(db) }
        #expect(error?.databaseVersion == 3)
        #expect(error?.newestKnownVersion == 2)
        #expect(error?.description.contains("\(path) was made by a newer version of lobby") == true)
        #expect(try db.userVersion == 3)
    }

    @Test func aFailingMigrationLeavesNoTrace() throws {
        let dir = try TempDir()
        let db = try Database(path: dir.path("lobby.sqlite"))
        let broken = Migration(version: 2, sql: "CREATE TABLE half(x); INSERT INTO nowhere VALUES (1)")
        #expect(throws: SQLiteError.self) { try Migrator([one, broken]).migrate(db) }
        #expect(try db.userVersion == 1)
        #expect(try db.rows("SELECT name FROM sqlite_master WHERE name = 'half'").isEmpty)
        #expect(!db.isInTransaction)
    }

    /// Two desks starting at once on a new file: each migrates with its own connection;
    /// all must succeed and each step must run exactly once.
    @Test(arguments: 0..<5)
    func concurrentMigrationOfAFreshFile(round: Int) throws {
        let dir = try TempDir()
        let path = dir.path("lobby-\(round).sqlite")
        // A slow first step widens the window in which the others wait.
        let seed = Migration(version: 1, sql: """
            CREATE TABLE n(i INTEGER);
            WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 20000)
            INSERT INTO n SELECT i FROM c;
            """)
        let bump = Migration(version: 2, sql: "INSERT INTO n VALUES (0)")
        let migrator = Migrator([seed, bump])
        let errors = onThreads(4) { _ in
            let db = try Database(path: path)  // not Sendable: each thread opens its own
            try migrator.migrate(db)
        }
        #expect(errors.isEmpty, "\(errors)")
        let db = try Database(path: path)
        #expect(try db.userVersion == 2)
        #expect(try db.firstRow("SELECT count(*) FROM n")?.int(0) == 20001)
    }
}
