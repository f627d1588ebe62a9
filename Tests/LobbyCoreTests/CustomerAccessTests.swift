import Testing
@testable import LobbyCore

// R11's lapse date and the CRM policy's access rights, as the core decides them.
@Suite("Customer ownership lapse and access")
struct CustomerAccessTests {
    let wang = RepName("Wang"), li = RepName("Li")

    @Test("R11: owned until ownershipLapseDays after the last activity, lapsed one second later")
    func lapseDate() {
        var settings = Settings()
        settings.ownershipLapseDays = 30
        let last = local(10)
        let record = CustomerRecord(owner: wang, lastActivity: last)
        let until = last + 30 * 86_400
        #expect(record.ownedUntil(settings: settings) == until)
        #expect(record.activeOwner(at: until, settings: settings) == wang)
        #expect(record.activeOwner(at: until + 1, settings: settings) == nil)
        settings.ownershipLapseDays = 7
        #expect(record.ownedUntil(settings: settings) == last + 7 * 86_400)
        #expect(CustomerRecord(owner: nil, lastActivity: last).ownedUntil(settings: settings) == nil)
        #expect(CustomerRecord(owner: wang, lastActivity: last, returnedUnit: true).ownedUntil(settings: settings) == nil, "R17")
    }

    @Test("lapsing within DAYS: alive now and at most DAYS days left; days left rounded up")
    func lapsingWithin() {
        let settings = Settings()  // 30 days
        let last = local(10)
        let record = CustomerRecord(owner: wang, lastActivity: last)
        let now = last + 27 * 86_400 + 3600  // 2 days 23 hours left
        #expect(record.ownershipDaysLeft(at: now, settings: settings) == 3)
        #expect(record.lapses(within: 3, at: now, settings: settings))
        #expect(!record.lapses(within: 2, at: now, settings: settings))
        #expect(record.lapses(within: 0, at: last + 30 * 86_400, settings: settings), "the last instant owned")
        let after = last + 30 * 86_400 + 1
        #expect(!record.lapses(within: 10, at: after, settings: settings), "already lapsed: no longer the rep's")
        #expect(record.ownershipDaysLeft(at: after, settings: settings) == nil)
    }

    @Test("a supervisor sees all; a rep their own customers and the visitor they receive; the desk today's visitors only")
    func access() {
        #expect(CustomerAccess.mayView(.supervisor, .record(owner: wang)))
        #expect(CustomerAccess.mayView(.supervisor, .record(owner: nil)))
        #expect(CustomerAccess.mayView(.rep(wang), .record(owner: wang)))
        #expect(!CustomerAccess.mayView(.rep(li), .record(owner: wang)))
        #expect(!CustomerAccess.mayView(.rep(li), .record(owner: nil)))
        #expect(!CustomerAccess.mayView(.receptionist, .record(owner: wang)))
        #expect(CustomerAccess.mayView(.rep(li), .visitor(owner: wang, receiving: li)), "a cover receives Wang's customer")
        #expect(CustomerAccess.mayView(.rep(wang), .visitor(owner: wang, receiving: li)))
        #expect(!CustomerAccess.mayView(.rep(li), .visitor(owner: wang, receiving: wang)))
        #expect(!CustomerAccess.mayView(.rep(li), .visitor(owner: nil, receiving: nil)))
        #expect(CustomerAccess.mayView(.receptionist, .visitor(owner: wang, receiving: nil)))
        #expect(CustomerAccess.mayList(.rep(wang), rep: wang) && !CustomerAccess.mayList(.rep(li), rep: wang))
        #expect(CustomerAccess.mayList(.supervisor, rep: wang) && !CustomerAccess.mayList(.receptionist, rep: wang))
    }
}
