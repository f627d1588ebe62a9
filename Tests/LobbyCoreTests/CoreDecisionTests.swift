import Testing
@testable import LobbyCore

// Decisions the executable used to make itself, now the core's: R6's supervisor actions, rule
// ids, the report's quantile, a walk-in's wait, the cover offer (R10), the receiver (R15).
@Suite("Core decisions")
struct CoreDecisionTests {
    @Test("R6: the rotation's order, event mode and the kiosk's opening need a supervisor; the floor's work does not")
    func supervisorActions() {
        for action in [StaffAction.roster, .makeup, .eventMode, .pauseCheckin, .resumeCheckin] {
            #expect(action.needsSupervisor, "\(action)")
        }
        for action in [StaffAction.call, .finish, .noshow, .away, .back, .assist, .transfer, .claim, .group, .followup] {
            #expect(!action.needsSupervisor, "\(action)")
        }
        #expect(StaffAction.addStaff(supervisorExists: true).needsSupervisor)
        #expect(!StaffAction.addStaff(supervisorExists: false).needsSupervisor, "anyone may add the first supervisor")
        #expect(StaffAction.setPin(own: false).needsSupervisor)
        #expect(!StaffAction.setPin(own: true).needsSupervisor)
        #expect(StaffAction.supervisorRule == .r6)
    }

    @Test("rule ids print as rotation.md writes them, in refusals too")
    func ruleIDs() throws {
        #expect(RuleID.r6.description == "R6" && RuleID.r27.description == "R27")
        var f = Floor()
        let refused = f.refused(.makeup(ann, place: 9))
        let refusal = try #require(refused)
        #expect(refusal.rule == .r6)
        #expect(refusal.description.hasPrefix("refused (R6): "), "\(refusal.description)")
    }

    @Test("one quantile: linear between the nearest ranks; 0 for no data")
    func quantile() {
        #expect(Quantile.of(sorted: [], 0.9) == 0)
        #expect(Quantile.of(sorted: [4], 0.9) == 4)
        #expect(Quantile.of(sorted: [0, 10], 0.5) == 5)
        #expect(Quantile.of(sorted: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9) == 9.1)
    }

    @Test("the report's p90 is that quantile of the waits to the first call")
    func reportFigures() throws {
        var f = Floor()
        for n in 1...3 { try f.apply(.checkin(TicketInfo(id: "A00\(n)", category: .new))) }
        try f.apply(.call(ticket: nil, rep: nil, cover: false))  // A001 after 3 min
        try f.apply(.call(ticket: nil, rep: nil, cover: false))  // A002 after 3 min
        let figures = f.day.figures
        #expect(figures.visitors == 3 && figures.served == 2 && figures.stillWaiting == 1)
        #expect(figures.waitMean == 3.0)
        #expect(figures.waitP90 == Quantile.of(sorted: [3, 3], 0.9))
        #expect(figures.reps == four)
    }

    @Test("a walk-in's wait is the wait of a new ticket behind everyone waiting")
    func walkIn() throws {
        var f = Floor([ann])
        try f.apply(.checkin(TicketInfo(id: "A001", category: .new)))
        try f.apply(.call(ticket: nil, rep: nil, cover: false))
        try f.apply(.checkin(TicketInfo(id: "A002", category: .new)))
        let model = ServiceHistory().model(at: f.now, halfLifeDays: 28, prior: LogNormal(medianMinutes: 40, sigma: 0.5))
        var probe = f.day
        try probe.apply(Event(at: f.now, .checkin(TicketInfo(id: "A003", category: .new))))
        let expected = WaitEstimator.estimate(day: probe, ticket: "A003", now: f.now, model: model)
        #expect(WaitEstimator.walkIn(day: f.day, now: f.now, model: model) == expected)
        #expect(expected.p50 > 0)
    }

    @Test("R10: a cover is offered only when it comes at least coverOfferMinutes sooner")
    func coverOffer() {
        let own = Wait(p50: 20, p80: 30)
        #expect(Wait.offersCover(Wait(p50: 20 - Wait.coverOfferMinutes, p80: 25), over: own))
        #expect(!Wait.offersCover(Wait(p50: 20 - Wait.coverOfferMinutes + 1, p80: 25), over: own))
    }

    @Test("R15: a non-sales visitor's receiver is the tail rep; a named one's is their rep; a new one's nobody yet")
    func receiver() {
        let day = Day(opening: four)
        #expect(day.receiver(of: TicketInfo(id: "A001", category: .other)) == dee)
        #expect(day.receiver(of: TicketInfo(id: "A002", category: .named, rep: bo)) == bo)
        #expect(day.receiver(of: TicketInfo(id: "A003", category: .new)) == nil)
    }
}
