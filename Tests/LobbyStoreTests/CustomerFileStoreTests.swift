import Foundation
import LobbyCore
import Testing

@testable import LobbyStore

// The readers of a customer's file: personal values opened with the key, the other tables
// read as they stand, a damaged row named.
@Suite("Customer file readers")
struct CustomerFileStoreTests {
    let at = Instant(1_795_000_000)

    func store() throws -> Store { try sealedStore() }

    @Test("name, phone and follow-up notes are opened; bookings, complaints (sealed or not) and feedback are found by customer and ticket")
    func readers() throws {
        let store = try store()
        let customer = try store.write { () throws -> StoredCustomer in
            _ = try store.ensureDay(DayKey(date: "2026-11-23", utcOffset: 8 * 3600))
            let customer = try store.touchCustomer(phone: "13912345678", name: "Zhang San", at: at)
            try store.setOwner(customer: customer.id, owner: "Wang", at: at)
            try store.addFollowUp(customer: customer.id, rep: "Wang", note: "call Friday", at: at + 60, actor: "Wang")
            try store.insertTicket(TicketRecord(
                day: "2026-11-23", sequence: 1, id: "A001", token: "T", category: .new, rep: nil, purpose: .buy, party: 2,
                name: "Zhang San", project: "Park", budget: nil, source: nil, firstVisit: nil, customer: customer.id, issuedAt: at))
            let sealed = try store.vault.seal("rude at the door")
            try store.database.execute("""
                INSERT INTO bookings(code, customer, rep, at, party, status, made_at, made_by)
                    VALUES ('B1', \(customer.id), 'Wang', \(at.seconds + 86_400), 2, 'open', \(at.seconds), 'Boss');
                INSERT INTO feedback(day, ticket, rep, score, at) VALUES ('2026-11-23', 'A001', 'Wang', 4, \(at.seconds + 600));
                INSERT INTO complaints(customer, text, opened_at, opened_by) VALUES (\(customer.id), 'too long a wait', \(at.seconds), 'Boss');
                INSERT INTO complaints(day, ticket, text, opened_at, opened_by) VALUES ('2026-11-23', 'A001', '\(sealed)', \(at.seconds + 1), 'Boss');
                INSERT INTO complaints(day, ticket, text, opened_at, opened_by) VALUES ('2026-11-23', 'A009', 'someone else', \(at.seconds + 2), 'Boss');
                """)
            return customer
        }
        let details = try #require(try store.customerDetails(id: customer.id))
        #expect(details.name == "Zhang San" && details.phone == "13912345678")
        #expect(details.customer.record.owner == "Wang")
        #expect(try store.followUps(customer: customer.id).map(\.note) == ["call Friday"])
        #expect(try store.visits(customer: customer.id).map(\.project) == ["Park"])
        #expect(try store.bookings(customer: customer.id).map(\.code) == ["B1"])
        #expect(try store.feedback(customer: customer.id).map(\.score) == [4])
        #expect(try store.complaints(customer: customer.id).map(\.text) == ["too long a wait", "rude at the door"])
        #expect(try store.customers(owner: "Wang").map(\.id) == [customer.id])
        #expect(try store.customers(owner: "Li").isEmpty)
        #expect(try store.customerDetails(id: customer.id + 1) == nil)
    }

    @Test("a booking without its rep throws, naming bookings row code")
    func damagedBooking() throws {
        let store = try store()
        let customer = try store.write { try store.touchCustomer(phone: "13912345678", name: nil, at: at) }
        try store.database.execute("""
            CREATE TABLE b2 AS SELECT * FROM bookings; DROP TABLE bookings;
            CREATE TABLE bookings (code TEXT, customer INTEGER, rep TEXT, at INTEGER, party INTEGER, status TEXT);
            INSERT INTO bookings VALUES ('B7', \(customer.id), NULL, \(at.seconds), 1, 'open');
            """)
        do {
            _ = try store.bookings(customer: customer.id)
            Issue.record("expected a damaged bookings row")
        } catch let error as StoreError {
            guard case let .damaged(table, row, what) = error else { Issue.record("\(error)"); return }
            #expect(table == "bookings" && row.contains("B7") && what.contains("rep"), "\(error)")
        }
    }
}
