import Foundation
import LobbyCore
import Testing

@testable import LobbyStore

@Suite("Damaged rows are named, never defaulted")
struct DamagedRowTests {
    let key = DayKey(date: "2026-11-23", utcOffset: 8 * 3600)
    let at = Instant(1_795_000_000)

    /// A store with one rep on the roster and one check-in.
    func store() throws -> (Store, String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lobby-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("lobby.sqlite").path
        let store = try Store(path: path, create: true) { "{}" }
        try store.write {
            var day = try store.day(key, settings: Settings())
            try store.append(.roster(["Wang"], carry: false), to: &day, key: key, at: at, actor: "Boss", clock: .simulated)
            try store.append(.checkin(TicketInfo(id: "A001", category: .new)), to: &day, key: key, at: at + 60, actor: "kiosk", clock: .simulated)
            try store.insertTicket(TicketRecord(
                day: key.date, sequence: 1, id: "A001", token: "T", category: .new, rep: nil, purpose: .buy, party: 1,
                name: nil, project: nil, budget: nil, source: nil, firstVisit: nil, customer: nil, issuedAt: at + 60))
        }
        return (store, path)
    }

    func expectDamaged(table: String, row: String, mentioning: String, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("expected a damaged \(table) row")
        } catch let error as StoreError {
            guard case let .damaged(t, r, what) = error else { Issue.record("\(error)"); return }
            #expect(t == table)
            #expect(r == row)
            #expect(what.contains(mentioning), "\(what)")
        } catch {
            Issue.record("not a store error: \(error)")
        }
    }

    @Test("an event of an unknown kind is not skipped: it throws, naming events row seq N")
    func unknownEventKind() throws {
        let (store, _) = try store()
        try store.database.execute("DROP TRIGGER events_append_only_update; UPDATE events SET kind = 'bogus' WHERE seq = 2")
        expectDamaged(table: "events", row: "seq 2", mentioning: "unknown event kind 'bogus'") {
            _ = try store.day(key, settings: Settings())
        }
    }

    @Test("a check-in without its ticket id throws, naming the column")
    func missingColumnValue() throws {
        let (store, _) = try store()
        try store.database.execute("DROP TRIGGER events_append_only_update; UPDATE events SET ticket = NULL WHERE seq = 2")
        expectDamaged(table: "events", row: "seq 2", mentioning: "column ticket is NULL") {
            _ = try store.day(key, settings: Settings())
        }
    }

    @Test("a ticket whose category is unknown throws instead of reading as new")
    func ticketCategory() throws {
        let (store, _) = try store()
        try store.database.execute("UPDATE tickets SET category = 'vip'")
        expectDamaged(table: "tickets", row: "ticket 2026-11-23 A001", mentioning: "category has an unknown value 'vip'") {
            _ = try store.ticket(day: key.date, id: "A001")
        }
    }

    @Test("a day whose offset is not an integer throws, naming days row day D")
    func dayOffset() throws {
        let (store, _) = try store()
        try store.database.execute("UPDATE days SET utc_offset = 'east'")
        expectDamaged(table: "days", row: "day 2026-11-23", mentioning: "utc_offset is text, not an integer") {
            _ = try store.dayOffset(key.date)
        }
    }

    @Test("a staff row with a supervisor flag that is not 0 or 1 throws")
    func staffFlag() throws {
        let (store, _) = try store()
        try store.addStaff("Wang", role: .rep, pinHash: nil, at: at, by: "Boss")
        try store.database.execute("UPDATE staff SET supervisor = 7")
        expectDamaged(table: "staff", row: "name Wang", mentioning: "supervisor is 7") {
            _ = try store.staff("Wang")
        }
    }

    @Test("notes live in their own namespace: a note named like a rule event is not read as one")
    func noteNamespace() throws {
        let (store, _) = try store()
        try store.write {
            try store.appendNote(.followup, key: key, at: at + 120, actor: "Boss", rep: "Wang", clock: .simulated)
        }
        #expect(try store.database.rows("SELECT kind FROM events WHERE seq = 3").first?[0] == .text("note:followup"))
        #expect(try store.day(key, settings: Settings()).tickets.count == 1)
        #expect(try store.verifyChain().firstBreak == nil)
    }

    @Test("a closed day refuses, and a real clock's step back is dated or refused by its tolerance")
    func timeRunsForward() throws {
        let (store, _) = try store()
        let next = DayKey(date: "2026-11-24", utcOffset: key.utcOffset)
        try store.write { try store.appendNote(.repAdd, key: next, at: at + 86_400, actor: "Boss", clock: .simulated) }
        #expect(throws: StoreError.dayClosed(day: "2026-11-23", next: "2026-11-24")) {
            try store.write { try store.appendNote(.repPin, key: key, at: at + 200, actor: "Boss", clock: .simulated) }
        }
        let clock = ClockPolicy.real(toleranceSeconds: 120)
        try store.write { try store.appendNote(.repPin, key: next, at: at + 86_400 - 100, actor: "Boss", clock: clock) }
        #expect(try store.database.rows("SELECT at FROM events ORDER BY seq DESC LIMIT 1").first?[0] == .integer(at + 86_400))
        #expect(throws: StoreError.clockBehind(day: "2026-11-24", by: 121, tolerance: 120)) {
            try store.write { try store.appendNote(.repPin, key: next, at: at + 86_400 - 121, actor: "Boss", clock: clock) }
        }
    }
}
