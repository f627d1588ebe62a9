import Foundation
import LobbyCore
import LobbyStore
import Testing

@Suite("Site clock and PIN checks in the store")
struct SiteClockAndPinCheckTests {
    @Test("the clock kind is fixed at creation; a database without one is a real site")
    func clockKindIsFixedAtCreation() throws {
        let dir = try TempDir()
        let path = dir.path("site.sqlite")
        #expect(try Store(path: path, create: true, newSiteClock: .simulated) { "{}" }.clock == .simulated)
        // Reopened asking for another kind: the stored one stands.
        #expect(try Store(path: path, newSiteClock: .system) { "{}" }.clock == .simulated)

        let old = dir.path("old.sqlite")
        let store = try Store(path: old, create: true, newSiteClock: .simulated) { "{}" }
        try store.write { try store.database.run("DELETE FROM site WHERE key = 'clock'") }
        #expect(try Store(path: old, newSiteClock: .simulated) { "{}" }.clock == .system)
    }

    @Test("checkPin counts wrong PINs, locks at the limit, and refuses the right PIN while locked")
    func checkPinLocks() throws {
        let dir = try TempDir()
        let store = try Store(path: dir.path("pins.sqlite"), create: true) { "{}" }
        try store.write {
            try store.addStaff("Wang", role: .rep, pinHash: try PinHash.hash("640512"), at: Instant(0), by: "test")
            try store.addStaff("Zhou", role: .receptionist, pinHash: nil, at: Instant(0), by: "test")
        }
        func check(_ name: String, _ pin: String?, at: Int64) throws -> PinCheck {
            try store.checkPin(name, pin: pin, action: "test", at: Instant(at), attempts: 3, lockSeconds: 600)
        }
        #expect(try check("Wang", "640512", at: 1) == .accepted)
        #expect(try check("Wang", "000000", at: 2) == .wrong(lockedNow: false))
        #expect(try check("Wang", "000001", at: 3) == .wrong(lockedNow: false))
        #expect(try check("Wang", "000002", at: 4) == .wrong(lockedNow: true))
        #expect(try check("Wang", "640512", at: 5) == .locked(until: Instant(604)))
        #expect(try check("Wang", "640512", at: 604) == .accepted)
        #expect(try check("Mallory", "640512", at: 605) == .unknownMember)
        #expect(try check("Zhou", "640512", at: 606) == .noPin)
        #expect(try check("Wang", nil, at: 607) == .noPinGiven)
        #expect(try store.staff("Zhou")?.role == .receptionist)
        let outcomes = try store.database.rows("SELECT outcome FROM security_log ORDER BY id").map { $0.text(0) ?? "" }
        #expect(outcomes == [
            "wrong PIN", "wrong PIN", "wrong PIN; locked", "refused while locked", "not on the staff list", "no PIN set",
            "no PIN given",
        ])
    }
}
