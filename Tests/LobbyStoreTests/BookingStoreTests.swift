import Foundation
import LobbyCore
import Testing

@testable import LobbyStore

// Appointments in the store: the note sealed, kept, moved, cancelled and no-shows written down;
// a damaged row named; retention forgets who booked and keeps the booking.
@Suite("Booking store")
struct BookingStoreTests {
    let at = Instant(1_795_000_000)

    func store() throws -> Store { try sealedStore() }

    @Test("the note is sealed and opened; keep, move, cancel and the no-shows of a grace change the row as said")
    func lifecycle() throws {
        let store = try store()
        let customer = try store.write { () throws -> StoredCustomer in
            let customer = try store.touchCustomer(phone: "13912345678", name: "Zhang San", at: at)
            try store.addBooking(code: "111111", customer: customer.id, rep: "Wang", at: at + 3600, party: 2, note: "三居室",
                                 madeAt: at, by: "Boss")
            try store.addBooking(code: "222222", customer: customer.id, rep: "Li", at: at + 7200, party: 1, note: nil,
                                 madeAt: at, by: "Boss")
            return customer
        }
        let raw = try store.database.rows("SELECT note FROM bookings WHERE code = '111111'").first?["note"]
        guard case let .text(sealed)? = raw else { Issue.record("no note: \(String(describing: raw))"); return }
        #expect(sealed.hasPrefix(Vault.prefix) && !sealed.contains("三居室"))
        #expect(try store.bookingNote(code: "111111") == "三居室")
        #expect(try store.bookingNote(code: "222222") == nil)
        #expect(try store.openBookings(customer: customer.id).map(\.code) == ["111111", "222222"])

        try store.write {
            try store.keepBooking(code: "111111", day: "2026-11-23", ticket: "A001", at: at + 3000)
            try store.moveBooking(code: "222222", to: at + 600, at: at + 10, by: "Li")
        }
        let kept = try #require(try store.booking(code: "111111"))
        #expect(kept.status == .kept && kept.day == "2026-11-23" && kept.ticket == "A001" && kept.changedBy == "kiosk")
        #expect(try store.bookingsKept(day: "2026-11-23").map(\.code) == ["111111"])
        #expect(try store.booking(code: "222222")?.at == at + 600)
        #expect(try store.bookings(at: at, before: at + 601).map(\.code) == ["222222"])

        // Grace 900 s: at 1500 s after its time (600) it is a no-show; a kept one stays kept.
        try store.write { try store.markBookingNoshows(graceSeconds: 900, now: at + 1499) }
        #expect(try store.booking(code: "222222")?.status == .open)
        try store.write { try store.markBookingNoshows(graceSeconds: 900, now: at + 1500) }
        #expect(try store.booking(code: "222222")?.status == .noshow)
        #expect(try store.booking(code: "111111")?.status == .kept)

        // Retention forgets who booked and what the note said; the booking stays for the report.
        try store.write { _ = try store.forgetPersonalData(olderThan: at + 1) }
        let forgotten = try #require(try store.booking(code: "111111"))
        #expect(forgotten.customer == nil && forgotten.status == .kept)
        #expect(try store.bookingNote(code: "111111") == nil)
    }

    @Test("a booking with a status the rules do not know throws, naming bookings row code")
    func damaged() throws {
        let store = try store()
        let customer = try store.write { try store.touchCustomer(phone: "13912345678", name: nil, at: at) }
        try store.database.execute("""
            INSERT INTO bookings(code, customer, rep, at, party, status, made_at, made_by)
            VALUES ('333333', \(customer.id), 'Wang', \(at.seconds), 1, 'maybe', \(at.seconds), 'Boss');
            """)
        do {
            _ = try store.booking(code: "333333")
            Issue.record("expected a damaged bookings row")
        } catch let error as StoreError {
            guard case let .damaged(table, row, what) = error else { Issue.record("\(error)"); return }
            #expect(table == "bookings" && row.contains("333333") && what.contains("maybe"), "\(error)")
        }
    }
}
