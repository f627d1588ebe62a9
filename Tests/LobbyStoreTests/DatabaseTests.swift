import Foundation
import LobbyStore
import Testing

private struct Boom: Error, Equatable {}

@Suite struct DatabaseOpenTests {
    @Test func createsFileInWALMode() throws {
        let dir = try TempDir()
        let path = dir.path("lobby.sqlite")
        let db = try Database(path: path)
        #expect(db.path == path)
        #expect(try db.firstRow("PRAGMA journal_mode")?.text(0) == "wal")
        #expect(try db.firstRow("PRAGMA synchronous")?.int(0) == 1)  // NORMAL
        #expect(try db.firstRow("PRAGMA foreign_keys")?.int(0) == 1)
        try db.execute("CREATE TABLE t(x)")
        try db.run("INSERT INTO t VALUES (1)")
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func walPersistsForLaterConnections() throws {
        let dir = try TempDir()
        let path = dir.path("lobby.sqlite")
        try Database(path: path).execute("CREATE TABLE t(x)")
        let reader = try Database(path: path, readOnly: true)
        #expect(try reader.firstRow("PRAGMA journal_mode")?.text(0) == "wal")
    }

    @Test func inMemoryDatabaseOpens() throws {
        let db = try Database(path: ":memory:")
        #expect(try db.firstRow("PRAGMA journal_mode")?.text(0) == "memory")
        try Migrator([Migration(version: 1, sql: "CREATE TABLE t(x)")]).migrate(db)
        #expect(try db.userVersion == 1)
    }

    @Test func fileOfRandomBytesIsNotADatabase() throws {
        let dir = try TempDir()
        let path = dir.path("junk.sqlite")
        var rng = SystemRandomNumberGenerator()
        let bytes = (0..<8192).map { _ in UInt8.random(in: 0...255, using: &rng) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: SQLiteError.self) { try Database(path: path) }
        #expect(error?.kind == .notADatabase)
        #expect(error?.path == path)
        #expect(error?.description.contains("\(path) is not a SQLite database or is damaged") == true)
    }

    @Test func missingDirectoryCannotOpen() throws {
        let dir = try TempDir()
        let path = dir.path("no/such/dir/lobby.sqlite")
        let error = #expect(throws: SQLiteError.self) { try Database(path: path) }
        #expect(error?.kind == .cantOpen)
        #expect(error?.description.hasPrefix("cannot open the database \(path)") == true)
    }

    @Test func directoryCannotOpen() throws {
        let dir = try TempDir()
        let error = #expect(throws: SQLiteError.self) { try Database(path: dir.url.path) }
        #expect(error?.kind == .cantOpen)
    }

    @Test func readOnlyMissingFileCannotOpen() throws {
        let dir = try TempDir()
        let error = #expect(throws: SQLiteError.self) {
            try Database(path: dir.path("absent.sqlite"), readOnly: true)
        }
        #expect(error?.kind == .cantOpen)
    }

    // Tests run as root, where chmod 0444 does not stop writes; a read-only open does.
    @Test func readOnlyConnectionRefusesWrites() throws {
        let dir = try TempDir()
        let path = dir.path("lobby.sqlite")
        let writer = try Database(path: path)
        try writer.execute("CREATE TABLE t(x); INSERT INTO t VALUES (1)")
        let reader = try Database(path: path, readOnly: true)
        #expect(reader.isReadOnly)
        #expect(try reader.firstRow("SELECT count(*) FROM t")?.int(0) == 1)
        let error = #expect(throws: SQLiteError.self) { try reader.run("INSERT INTO t VALUES (2)") }
        #expect(error?.kind == .readOnly)
        #expect(error?.sql == "INSERT INTO t VALUES (2)")
        #expect(error?.description.contains("is read-only") == true)
    }

    @Test func busyWriterGetsBusyAfterTimeout() throws {
        let dir = try TempDir()
        let path = dir.path("lobby.sqlite")
        let holder = try Database(path: path)
        try holder.execute("CREATE TABLE t(x)")
        try holder.execute("BEGIN IMMEDIATE")
        defer { try? holder.execute("ROLLBACK") }

        let other = try Database(path: path, busyTimeoutMilliseconds: 100)
        let started = ContinuousClock.now
        let error = #expect(throws: SQLiteError.self) {
            try other.write { try other.run("INSERT INTO t VALUES (1)") }
        }
        #expect(ContinuousClock.now - started >= .milliseconds(90))
        #expect(error?.kind == .busy)
        #expect(error?.description.contains("is busy (another process holds the write lock; tried for 100 ms)") == true)
        #expect(!other.isInTransaction)
        // WAL: reading still works while another connection writes.
        #expect(try other.firstRow("SELECT count(*) FROM t")?.int(0) == 0)
    }

    @Test func closedConnectionRefusesUseAndHeldStatementsStaySafe() throws {
        let dir = try TempDir()
        let db = try Database(path: dir.path("lobby.sqlite"))
        let held = try db.prepare("SELECT 1")
        db.close()
        db.close()  // twice is harmless
        let error = #expect(throws: SQLiteError.self) { try db.prepare("SELECT 2") }
        #expect(error?.message.contains("closed") == true)
        _ = held  // released after close: the connection lingers until then (sqlite3_close_v2)
    }
}

@Suite struct StatementTests {
    let dir: TempDir
    let db: Database

    init() throws {
        dir = try TempDir()
        db = try Database(path: dir.path("lobby.sqlite"))
        // No declared types: no affinity, so every value is stored as given.
        try db.execute("CREATE TABLE v(a, b, c, d, e)")
    }

    @Test func roundTripsEveryStorageClass() throws {
        let values: [SQLValue] = [.integer(Int64.max), .real(3.25), .text("王小明，您好 👋"), .blob([0, 1, 2, 255]), .null]
        try db.run("INSERT INTO v VALUES (?, ?, ?, ?, ?)", values)
        let row = try #require(try db.firstRow("SELECT a, b, c, d, e FROM v"))
        #expect(row.values == values)
        #expect(row.columnNames == ["a", "b", "c", "d", "e"])
        #expect(row["c"] == .text("王小明，您好 👋"))
        #expect(row.int64(0) == Int64.max)
        #expect(row.double(1) == 3.25)
        #expect(row.text(2) == "王小明，您好 👋")
        #expect(row.blob(3) == [0, 1, 2, 255])
        #expect(row.isNull(4))
        #expect(row.text(4) == nil)
        #expect(row.optionalInt(4) == nil)
    }

    @Test func columnAccessorsReadTheCurrentRow() throws {
        try db.run("INSERT INTO v VALUES (?, ?, ?, ?, ?)", [42, 1.5, "上海", nil, true])
        let statement = try db.prepare("SELECT a, b, c, d, e FROM v")
        try statement.bind([])
        #expect(try statement.step())
        #expect(statement.int(0) == 42)
        #expect(statement.int64(0) == 42)
        #expect(statement.double(1) == 1.5)
        #expect(statement.text(2) == "上海")
        #expect(statement.isNull(3))
        #expect(statement.text(3) == nil)
        #expect(statement.int(4) == 1)
        #expect(try !statement.step())
        statement.reset()
    }

    @Test func emptyTextAndBlobAreNotNullAndNULsSurvive() throws {
        try db.run("INSERT INTO v VALUES (?, ?, ?, ?, ?)", [.text(""), .blob([]), .text("a\u{0}b"), SQLValue(nil as String?), SQLValue(7 as Int?)])
        let row = try #require(try db.firstRow("SELECT a, b, c, d, e FROM v"))
        #expect(row.values == [.text(""), .blob([]), .text("a\u{0}b"), .null, .integer(7)])
    }

    @Test func rowsReturnsAllRowsInOrder() throws {
        for i in 1...3 { try db.run("INSERT INTO v(a) VALUES (?)", [SQLValue(i)]) }
        let rows = try db.rows("SELECT a FROM v WHERE a >= ? ORDER BY a", [2])
        #expect(rows.map { $0.int(0) } == [2, 3])
        #expect(try db.rows("SELECT a FROM v WHERE a > 99").isEmpty)
        #expect(db.changes == 1)
    }

    @Test func lastInsertRowIDAndChanges() throws {
        try db.run("INSERT INTO v(a) VALUES (1)")
        try db.run("INSERT INTO v(a) VALUES (2)")
        #expect(db.lastInsertRowID == 2)
        try db.run("UPDATE v SET b = 0")
        #expect(db.changes == 2)
    }

    @Test func cacheReturnsTheSameStatement() throws {
        let first = try db.prepare("SELECT a FROM v")
        let second = try db.prepare("SELECT a FROM v")
        #expect(first === second)
        #expect(try db.prepare("SELECT b FROM v") !== first)
    }

    @Test func wrongNumberOfValuesIsRefused() throws {
        let error = #expect(throws: SQLiteError.self) { try db.run("INSERT INTO v(a) VALUES (?)", [1, 2]) }
        #expect(error?.sql == "INSERT INTO v(a) VALUES (?)")
        #expect(error?.message.contains("expected 1 values") == true)
    }

    @Test func prepareRefusesSeveralStatementsButAllowsTrailingComments() throws {
        #expect(throws: SQLiteError.self) { try db.prepare("SELECT 1; SELECT 2") }
        #expect(try db.firstRow("SELECT 1; -- why\n")?.int(0) == 1)
    }

    @Test func syntaxErrorCarriesTheSQL() throws {
        let error = #expect(throws: SQLiteError.self) { try db.prepare("SELEC nonsense") }
        #expect(error?.sql == "SELEC nonsense")
        #expect(error?.kind == .other)
        #expect(error?.debugDescription.contains("SELEC nonsense") == true)
    }

    @Test func constraintViolationIsNamed() throws {
        try db.execute("CREATE TABLE u(name TEXT PRIMARY KEY)")
        try db.run("INSERT INTO u VALUES ('王')")
        let error = #expect(throws: SQLiteError.self) { try db.run("INSERT INTO u VALUES ('王')") }
        #expect(error?.kind == .constraint)
        #expect(error?.code == 19)
        #expect(error?.extendedCode == 1555)  // SQLITE_CONSTRAINT_PRIMARYKEY: extended codes are on
    }

    @Test func foreignKeysAreEnforced() throws {
        try db.execute("CREATE TABLE p(id INTEGER PRIMARY KEY); CREATE TABLE c(p REFERENCES p(id))")
        let error = #expect(throws: SQLiteError.self) { try db.run("INSERT INTO c VALUES (9)") }
        #expect(error?.kind == .constraint)
    }
}

@Suite struct TransactionTests {
    let dir: TempDir
    let db: Database

    init() throws {
        dir = try TempDir()
        db = try Database(path: dir.path("lobby.sqlite"))
        try db.execute("CREATE TABLE t(x)")
    }

    func count() throws -> Int { try db.firstRow("SELECT count(*) FROM t")?.int(0) ?? -1 }

    @Test func writeCommitsAndReturnsTheBodyValue() throws {
        let id = try db.write { () throws -> Int64 in
            try db.run("INSERT INTO t VALUES ('a')")
            return db.lastInsertRowID
        }
        #expect(id == 1)
        #expect(try count() == 1)
        #expect(!db.isInTransaction)
        // Committed for other connections too.
        let other = try Database(path: db.path)
        #expect(try other.firstRow("SELECT count(*) FROM t")?.int(0) == 1)
    }

    @Test func writeRollsBackAndRethrowsTheOriginalError() throws {
        #expect(throws: Boom()) {
            try db.write {
                try db.run("INSERT INTO t VALUES ('a')")
                throw Boom()
            }
        }
        #expect(try count() == 0)
        #expect(!db.isInTransaction)
    }

    @Test func nestedWriteIsRefusedAndTheOuterRollsBack() throws {
        let error = #expect(throws: SQLiteError.self) {
            try db.write {
                try db.run("INSERT INTO t VALUES ('a')")
                try db.write { try db.run("INSERT INTO t VALUES ('b')") }
            }
        }
        #expect(error?.message.contains("nested transactions are not supported") == true)
        #expect(try count() == 0)
        #expect(!db.isInTransaction)
    }

    @Test func writeInsideReadIsRefused() throws {
        #expect(throws: SQLiteError.self) {
            try db.read { try db.write { try db.run("INSERT INTO t VALUES ('a')") } }
        }
        #expect(!db.isInTransaction)
    }

    @Test func readSeesOneSnapshot() throws {
        let other = try Database(path: db.path)
        let (before, during) = try db.read { () throws -> (Int, Int) in
            let before = try count()
            try other.run("INSERT INTO t VALUES ('z')")  // commits on the other connection
            return (before, try count())
        }
        #expect(before == 0)
        #expect(during == 0)
        #expect(try count() == 1)
    }

    @Test func readInsideWriteJustRuns() throws {
        let n = try db.write { () throws -> Int in
            try db.run("INSERT INTO t VALUES ('a')")
            return try db.read { try count() }
        }
        #expect(n == 1)
    }

    @Test func dataVersionMovesWhenAnotherConnectionCommits() throws {
        let other = try Database(path: db.path)
        let v1 = try db.dataVersion()
        #expect(try db.dataVersion() == v1)
        try other.run("INSERT INTO t VALUES ('a')")
        #expect(try db.dataVersion() != v1)
    }

    @Test func userVersionRoundTrips() throws {
        #expect(try db.userVersion == 0)
        try db.setUserVersion(7)
        #expect(try db.userVersion == 7)
    }
}

@Suite struct SQLiteErrorTests {
    @Test func kindsFollowThePrimaryCode() {
        func kind(_ code: Int32, errno: Int32 = 0) -> SQLiteError.Kind {
            SQLiteError(extendedCode: code, message: "m", path: "/x/lobby.sqlite", systemErrno: errno).kind
        }
        #expect(kind(5) == .busy)
        #expect(kind(6) == .busy)
        #expect(kind(517) == .busy)  // SQLITE_BUSY_SNAPSHOT
        #expect(kind(8) == .readOnly)
        #expect(kind(13) == .full)
        #expect(kind(26) == .notADatabase)
        #expect(kind(11) == .corrupt)
        #expect(kind(14) == .cantOpen)
        #expect(kind(3) == .cantOpen)
        #expect(kind(23) == .cantOpen)
        #expect(kind(2067) == .constraint)
        #expect(kind(778, errno: ENOSPC) == .full)  // SQLITE_IOERR_WRITE on a full disk
        #expect(kind(778, errno: EIO) == .other)
        #expect(kind(1) == .other)
    }

    @Test func descriptionNamesCauseAndFile() {
        let busy = SQLiteError(
            extendedCode: 5, message: "database is locked", path: "/x/lobby.sqlite", busyTimeoutMilliseconds: 5000)
        #expect(busy.description
            == "the database /x/lobby.sqlite is busy (another process holds the write lock; tried for 5 s): database is locked")
        let full = SQLiteError(extendedCode: 13, message: "database or disk is full", path: "/x/lobby.sqlite")
        #expect(full.description == "cannot write the database /x/lobby.sqlite: the disk is full: database or disk is full")
    }
}
