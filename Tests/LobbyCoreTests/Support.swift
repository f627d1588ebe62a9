import Testing
@testable import LobbyCore

// The reps of the hand-written scenarios, in opening order.
let ann: RepName = "Ann", bo: RepName = "Bo", cy: RepName = "Cy", dee: RepName = "Dee"
let four = [ann, bo, cy, dee]

/// Monday 2026-11-23 in the site's zone: `local(10, 0, offset:)` is 10:00 there.
func local(_ hour: Int, _ minute: Int = 0, offset: Int = 0, day: Int = 23) -> Instant {
    CivilTime(year: 2026, month: 11, day: day, hour: hour, minute: minute, offset: offset).instant
}

/// A day under test with a clock that moves one minute per event, so that every scenario
/// reads as the list of what happened at the front desk.
struct Floor {
    var day: Day
    var now: Instant

    init(_ names: [RepName] = four, settings: Settings = Settings(), utcOffset: Int = 0, at start: Instant? = nil) {
        day = Day(opening: names, settings: settings, utcOffset: utcOffset)
        now = start ?? local(10, offset: utcOffset)
    }

    /// The rotation as rotation.md shows it: reps who hold a place, in order.
    var order: [RepName] { day.rotation.map(\.name) }

    func state(_ rep: RepName) -> RepState { day.state(of: rep) }

    func forfeit(_ rep: RepName) -> Bool? { day.reps.first { $0.name == rep }?.forfeit }

    func counted(_ rep: RepName) -> Int { day.tallies[rep]?.counted ?? 0 }

    func uncounted(_ rep: RepName) -> Int { day.tallies[rep]?.uncounted ?? 0 }

    /// The latest reception of a ticket (by `rep`, when given).
    func reception(_ ticket: TicketID, by rep: RepName? = nil) -> Day.Reception? {
        day.receptions.last { $0.ticket == ticket && (rep == nil || $0.rep == rep) }
    }

    func status(_ ticket: TicketID) -> Day.TicketStatus? { day.ticket(ticket)?.status }

    @discardableResult
    mutating func apply(_ action: Action) throws(RuleViolation) -> Day.Effect {
        now += 60
        return try day.apply(Event(at: now, action))
    }

    /// Applies an action that the rules must refuse; returns the refusal, and records a failure
    /// if it was applied or if the refused action changed the day (a refusal must change nothing,
    /// else a replay of the applied events would not give the same day).
    @discardableResult
    mutating func refused(_ action: Action, sourceLocation: SourceLocation = #_sourceLocation) -> RuleViolation? {
        let before = day
        do {
            try apply(action)
            Issue.record("\(action) was applied; expected a refusal", sourceLocation: sourceLocation)
            return nil
        } catch {
            #expect(day == before, "a refused action changed the day", sourceLocation: sourceLocation)
            return error
        }
    }

    mutating func checkin(
        _ id: TicketID, _ category: Category = .new, rep: RepName? = nil, customer: Int64? = nil,
        staff: Bool = false, brought: Bool = false
    ) throws(RuleViolation) {
        try apply(.checkin(TicketInfo(
            id: id, category: category, rep: rep, customer: customer, staff: staff, brought: brought)))
    }

    @discardableResult
    mutating func call(_ id: TicketID? = nil, rep: RepName? = nil, cover: Bool = false) throws(RuleViolation) -> Day.Reception {
        let effect = try apply(.call(ticket: id, rep: rep, cover: cover))
        guard case let .called(reception) = effect else {
            throw .refused(nil, "test: a call that was applied reported no reception")
        }
        return reception
    }

    /// Check a visitor in and call them at once: what happens when nobody is waiting.
    @discardableResult
    mutating func receive(
        _ id: TicketID, _ category: Category = .new, rep: RepName? = nil, customer: Int64? = nil,
        staff: Bool = false, brought: Bool = false
    ) throws(RuleViolation) -> Day.Reception {
        try checkin(id, category, rep: rep, customer: customer, staff: staff, brought: brought)
        return try call(id)
    }

    mutating func finish(_ id: TicketID) throws(RuleViolation) { try apply(.finish(id)) }
    mutating func away(_ rep: RepName, _ reason: AwayReason) throws(RuleViolation) { try apply(.away(rep, reason)) }
    mutating func back(_ rep: RepName) throws(RuleViolation) { try apply(.back(rep)) }
}
