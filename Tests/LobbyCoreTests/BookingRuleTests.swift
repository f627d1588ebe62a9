import Testing
@testable import LobbyCore

/// Appointments (预约): a booked visitor is a named visitor (R9, R10); the booked rep is held
/// before the time and keeps their place (as on company business, R3); a booking not kept by
/// its grace is a no-show.
@Suite("Bookings (R9, R10, R3 holds)")
struct BookingRuleTests {
    /// 10:30, with the defaults: held from 10:20, a no-show from 10:45.
    static let time = local(10, 30)

    func slot(_ rep: RepName, at: Instant = BookingRuleTests.time, status: BookingStatus = .open, ticket: TicketID? = nil,
              code: String = "482913") -> BookingSlot {
        BookingSlot(code: code, rep: rep, at: at, status: status, ticket: ticket)
    }

    @Test("the hold starts bookingHoldMinutes before the time and ends when the grace runs out, then a no-show")
    func window() {
        let settings = Settings()
        #expect(settings.bookingHoldMinutes == 10 && settings.bookingGraceMinutes == 15)
        let day = Day(opening: four)
        let booking = slot(bo)
        let at = { (hour: Int, minute: Int) in BookingRules.holds([booking], day: day, at: local(hour, minute), settings: settings).map(\.rep) }
        #expect(at(10, 19) == [])
        #expect(at(10, 20) == [bo])
        #expect(at(10, 44) == [bo])
        #expect(at(10, 45) == [])
        #expect(BookingRules.status(of: booking, at: local(10, 44), settings: settings) == .open)
        #expect(BookingRules.status(of: booking, at: local(10, 45), settings: settings) == .noshow)
        #expect(BookingRules.canKeep(booking, at: local(9, 0), settings: settings))  // early is fine
        #expect(!BookingRules.canKeep(booking, at: local(10, 45), settings: settings))

        var longer = Settings()
        longer.bookingHoldMinutes = 30
        longer.bookingGraceMinutes = 5
        #expect(BookingRules.holds([booking], day: day, at: local(10, 0), settings: longer).map(\.rep) == [bo])
        #expect(BookingRules.status(of: booking, at: local(10, 35), settings: longer) == .noshow)
        // Cancelled, kept or no-show bookings hold nobody; nor does a booking for a rep off the table.
        for status in [BookingStatus.cancelled, .noshow, .kept] {
            #expect(BookingRules.holds([slot(bo, status: status)], day: day, at: local(10, 25), settings: settings).isEmpty)
        }
        #expect(BookingRules.holds([slot("Eve")], day: day, at: local(10, 25), settings: settings).isEmpty)
        // One hold a rep: the earliest booking.
        let two = [slot(bo, at: local(10, 35), code: "222222"), slot(bo, code: "111111")]
        #expect(BookingRules.holds(two, day: day, at: local(10, 25), settings: settings).map(\.code) == ["111111"])
    }

    @Test("R3 — a held rep is not given a rotation visitor, keeps their place, and forfeits nothing")
    func holdKeepsPlace() throws {
        var f = Floor()
        f.day.hold([BookingHold(rep: ann, code: "482913", at: Self.time, ticket: nil)])
        #expect(f.day.up == bo)
        try f.checkin("A001")
        let first = try f.apply(.call(ticket: nil, rep: nil, cover: false, held: [ann]))
        guard case let .called(reception) = first else { Issue.record("no reception"); return }
        #expect(reception.rep == bo && reception.kind == .rotation && reception.counted)
        #expect(f.order == [ann, cy, dee])
        #expect(f.forfeit(ann) == false)
        #expect(f.state(ann) == .ready)

        // The call's record holds the hold: replayed without today's holds, the same rep receives.
        var replayed = Day(opening: four)
        for event in f.day.applied { try replayed.apply(event) }
        #expect(replayed.receptions == f.day.receptions)
        #expect(replayed.rotation.map(\.name) == [ann, cy, dee])
        #expect(replayed.holds.isEmpty)

        // Naming the held rep for a rotation visitor is refused by R1: the rules give it to Cy.
        try f.checkin("A002")
        let jump = f.refused(.call(ticket: "A002", rep: ann, cover: false, held: [ann]))
        #expect(jump?.rule == "R1")
        // Once the hold is over (no held reps on the call), Ann is up again at her place.
        let next = try f.call()
        #expect(next.rep == ann && next.kind == .rotation)
    }

    @Test("R3 — a held rep keeps their place even where businessAbsence = supervisor")
    func holdKeepsPlaceUnderSupervisor() throws {
        var settings = Settings()
        settings.businessAbsence = .supervisor
        var f = Floor(settings: settings)
        try f.checkin("A001")
        _ = try f.apply(.call(ticket: nil, rep: nil, cover: false, held: [ann]))
        #expect(f.forfeit(ann) == false)
        #expect(f.order == [ann, cy, dee])
    }

    @Test("R9 — the booked visitor who checked in is served by the booked rep, before a rotation visitor who came earlier")
    func bookedVisitorFirst() throws {
        var f = Floor([ann, bo])
        try f.checkin("A001")
        try f.checkin("A002", .named, rep: ann)
        // Ann is held while her booked visitor waits (a kept booking with its ticket waiting).
        let holds = BookingRules.holds([slot(ann, status: .kept, ticket: "A002")], day: f.day, at: f.now, settings: Settings())
        #expect(holds.map(\.rep) == [ann])
        f.day.hold(holds)
        #expect(f.day.up == bo)
        let first = try f.apply(.call(ticket: nil, rep: nil, cover: false, held: f.day.heldReps))
        guard case let .called(a001) = first else { Issue.record("no reception"); return }
        #expect(a001.ticket == "A001" && a001.rep == bo && a001.kind == .rotation)
        let second = try f.call()
        #expect(second.ticket == "A002" && second.rep == ann && second.kind == .named && second.counted)  // R9, R20
        // Served: the hold is over.
        #expect(BookingRules.holds([slot(ann, status: .kept, ticket: "A002")], day: f.day, at: f.now, settings: Settings()).isEmpty)
    }

    @Test("R8 — with every ready rep held, a rotation visitor waits; a named one for a held rep is still received")
    func everyoneHeld() throws {
        var f = Floor([ann, bo])
        try f.checkin("A001")
        let refusal = f.refused(.call(ticket: "A001", rep: nil, cover: false, held: [ann, bo]))
        #expect(refusal?.rule == "R8")
        try f.checkin("A002", .named, rep: bo)
        let named = try f.apply(.call(ticket: nil, rep: nil, cover: false, held: [ann, bo]))
        guard case let .called(reception) = named else { Issue.record("no reception"); return }
        #expect(reception.ticket == "A002" && reception.rep == bo && reception.kind == .named)
    }

    @Test("R15 — a visitor on other business goes to the last ready rep who is not held")
    func tailNotHeld() throws {
        var f = Floor()
        f.day.hold([BookingHold(rep: dee, code: "482913", at: Self.time, ticket: nil)])
        #expect(f.day.tail == cy)
        try f.checkin("A001", .other)
        let effect = try f.apply(.call(ticket: nil, rep: nil, cover: false, held: [dee]))
        guard case let .called(reception) = effect else { Issue.record("no reception"); return }
        #expect(reception.rep == cy && reception.kind == .other)
    }

    @Test("R10 — a booked visitor whose rep is away is covered by the rep who is up, uncounted, the cover keeping their place")
    func bookedRepAway() throws {
        var f = Floor()
        try f.apply(.away(bo, .business))
        try f.checkin("A001", .named, rep: bo)
        // Away: nobody is held (the booking's rep is not on the floor to keep free).
        let reception = try f.call()
        #expect(reception.rep == ann && reception.kind == .cover && !reception.counted && reception.rule == "R23")
        try f.apply(.finish("A001"))
        #expect(f.order == [ann, bo, cy, dee])
    }

    @Test("the wait estimate: a held rep serves the queue only after the visitor who booked them")
    func waitKnowsHold() throws {
        var f = Floor([ann, bo])
        try f.checkin("A001")
        _ = try f.call()  // Ann serves A001
        try f.checkin("A002")
        let model = ServiceModel(medianMinutes: 40)
        // Bo free: A002 would be received now.
        #expect(WaitEstimator.estimate(day: f.day, ticket: "A002", now: f.now, model: model) == .zero)
        // Bo held for a visitor due in 8 minutes: A002 waits for Ann or for Bo after that reception.
        var held = f.day
        held.hold([BookingHold(rep: bo, code: "482913", at: f.now + 8 * 60, ticket: nil)])
        let wait = WaitEstimator.estimate(day: held, ticket: "A002", now: f.now, model: model)
        #expect(wait.p50 > 8)
        #expect(WaitEstimator.walkIn(day: held, now: f.now, model: model).p50 > 8)

        // The booked visitor checked in and waits behind A002: Bo takes no one before them.
        try f.checkin("A003", .named, rep: bo)
        var waiting = f.day
        waiting.hold([BookingHold(rep: bo, code: "482913", at: f.now, ticket: "A003")])
        let all = WaitEstimator.estimateAll(day: waiting, now: f.now, model: model)
        #expect(all["A003"] == .zero)
        #expect((all["A002"]?.p50 ?? 0) > 0)
        #expect(WaitEstimator.estimateAll(day: f.day, now: f.now, model: model)["A002"] == .zero)
    }
}
