import Foundation
import LobbyCore
import Testing

@testable import LobbyStore

@Suite("Schema 3 chains the events recorded before it")
struct ChainMigrationTests {
    @Test("a version 2 file: events chained in order, customers given person ids, notes moved to their namespace")
    func migratesExistingEvents() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lobby-chain-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("lobby.sqlite").path
        do {
            let old = try Database(path: path)
            try Migrator(Array(Schema.migrations.prefix(2))).migrate(old)
            try old.execute("""
                INSERT INTO days(day, utc_offset, opening, closing, tallies) VALUES ('2026-11-23', 28800, '', 'Wang', 'Wang\t0\t0');
                INSERT INTO customers(id, phone, name, last_activity) VALUES (7, '13912345678', 'Zhang San', 1795000000);
                INSERT INTO events(day, at, actor, kind, rep, detail) VALUES ('2026-11-23', 1795000000, 'Boss', 'rep-add', 'Wang', 'rep');
                INSERT INTO events(day, at, actor, kind, detail) VALUES ('2026-11-23', 1795000001, 'Boss', 'roster', 'Wang');
                INSERT INTO events(day, at, actor, kind, ticket, detail, number, customer) VALUES ('2026-11-23', 1795000002, 'kiosk', 'checkin', 'A001', 'new', 1, 7);
                INSERT INTO events(day, at, actor, kind, ticket, detail, number, customer) VALUES ('2026-11-23', 1795000003, 'kiosk', 'checkin', 'A002', 'new', 1, 3);
                """)
        }
        let store = try Store(path: path) { "{}" }
        // The first open with the key seals the personal data stored in clear (schema 9).
        try store.attachVault(keyPath: path + ".key")
        for file in [path, path + "-wal"] {
            let bytes = FileManager.default.contents(atPath: file) ?? Data()
            #expect(bytes.range(of: Data("Zhang San".utf8)) == nil && bytes.range(of: Data("13912345678".utf8)) == nil,
                    "\(file) still holds the clear name or phone")
        }
        let mode = try FileManager.default.attributesOfItem(atPath: path + ".key")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let report = try store.verifyChain()
        #expect(report.firstBreak == nil)
        #expect(report.events == 4)
        #expect(try store.database.rows("SELECT kind FROM events WHERE seq = 1").first?[0] == .text("note:rep-add"))
        let person = try #require(try store.customer(phone: "13912345678")?.person)
        #expect(try store.database.rows("SELECT person FROM events WHERE ticket = 'A001'").first?[0] == .integer(person))
        let forgotten = try store.database.rows("SELECT person FROM events WHERE ticket = 'A002'").first?[0]
        #expect(forgotten != .integer(3) && forgotten != .null, "a forgotten customer's rowid is replaced by a pseudonym")
        #expect(throws: SQLiteError.self) { try store.database.execute("UPDATE events SET actor = 'x'") }
        let day = try store.day(DayKey(date: "2026-11-23", utcOffset: 28800), settings: Settings())
        #expect(day.tickets.count == 2)
    }
}
