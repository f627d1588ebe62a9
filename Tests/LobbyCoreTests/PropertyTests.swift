import Testing
@testable import LobbyCore

/// Random days, generated with a fixed seed, checked against "Fairness — what must hold" of
/// rotation.md: R1 on every rotation call, R19 at every moment, the ±1 fairness bound on the days
/// that meet its condition, and replay of every day's applied events.
@Suite("Properties of random days")
struct PropertyTests {
    static let pool: [RepName] = ["Ann", "Bo", "Cy", "Dee", "Eve", "Fay", "Gus"]
    static let offsets = [0, 8 * 3600, -5 * 3600]

    /// One generated day: the day, the events it accepted, and what went wrong.
    struct Run {
        let opening: [RepName]
        let settings: Settings
        let utcOffset: Int
        var day: Day
        var log: [Event] = []
        var failures: [String] = []
        var stats: Stats

        init(opening: [RepName], settings: Settings, utcOffset: Int, stats: Stats) {
            self.opening = opening
            self.settings = settings
            self.utcOffset = utcOffset
            self.day = Day(opening: opening, settings: settings, utcOffset: utcOffset)
            self.stats = stats
        }

        /// Applies the event if the rules accept it, checking the invariants around it; a refused
        /// event must leave the day exactly as it was and is not logged.
        @discardableResult
        mutating func attempt(_ event: Event) -> Day.Effect? {
            let before = day
            var next = day
            let effect: Day.Effect
            do {
                effect = try next.apply(event)
            } catch {
                stats.refused += 1
                if next != before { fail("refused \(event.action) (\(error)) but changed the day") }
                return nil
            }
            // R3: count the forfeits this event imposed, for the coverage check.
            let had = Set(before.reps.filter(\.forfeit).map(\.name))
            stats.forfeits += next.reps.filter { $0.forfeit && !had.contains($0.name) }.count
            day = next
            log.append(event)
            stats.applied += 1
            if case let .called(reception) = effect { checkCall(reception, before: before, event: event) }
            checkNoInterruptions(after: event)
            return effect
        }

        /// R1 and the waiting-tickets rule, on one call.
        mutating func checkCall(_ reception: Day.Reception, before: Day, event: Event) {
            guard let ticket = before.ticket(reception.ticket) else {
                return fail("\(reception.ticket) called but unknown before the call")
            }
            if reception.kind == .rotation {
                stats.rotationCalls += 1
                if reception.rep != before.up {
                    fail("R1: \(reception.ticket) went to \(reception.rep), up was \(before.up ?? "nobody")")
                }
                // Nobody ahead of the receiver was ready: they could only have been passed.
                let ahead = before.reps.prefix { $0.name != reception.rep }
                if let ready = ahead.first(where: { $0.state == .ready }) {
                    fail("R1: \(ready.name) was ready ahead of \(reception.rep) for \(reception.ticket)")
                }
                stats.passed += ahead.filter { $0.state != .serving }.count
            }
            // A new visitor goes to the rep who is up, by rotation, and to nobody else.
            if ticket.info.category == .new && reception.kind != .rotation {
                fail("R1: new visitor \(reception.ticket) received as \(reception.kind) by \(reception.rep)")
            }
            if !reception.counted { stats.uncountedBy[reception.rule?.rawValue ?? "?", default: 0] += 1 }
            // Waiting tickets: first come, first served, skipping only tickets for a busy rep.
            if case .call(ticket: nil, _, _, _) = event.action {
                for earlier in before.waiting.prefix(while: { $0.id != reception.ticket }) {
                    let forBusyRep = (earlier.info.category == .named || earlier.info.category == .returning)
                        && earlier.info.rep.map { before.state(of: $0).isBusy } == true
                    if !forBusyRep {
                        fail("FCFS: \(reception.ticket) called before \(earlier.id) (\(earlier.info.category))")
                    } else {
                        stats.skippedForBusyRep += 1
                    }
                }
            }
        }

        /// R19: no rep has two open receptions; a rep with one is busy, a rep without one is not.
        mutating func checkNoInterruptions(after event: Event) {
            var open: [RepName: Int] = [:]
            for reception in day.receptions where reception.isOpen { open[reception.rep, default: 0] += 1 }
            for (rep, count) in open where count > 1 {
                fail("R19: \(rep) has \(count) open receptions after \(event.action)")
            }
            for rep in day.reps {
                let serving = open[rep.name] != nil
                if serving != rep.state.isBusy {
                    fail("\(rep.name) is \(rep.state.rawValue) with \(open[rep.name] ?? 0) open receptions after \(event.action)")
                }
            }
        }

        /// The day must be reconstructible from its opening order and its applied events.
        mutating func checkReplay() {
            var replay = Day(opening: opening, settings: settings, utcOffset: utcOffset)
            for event in log {
                do {
                    try replay.apply(event)
                } catch {
                    return fail("replay refused \(event.action): \(error)")
                }
            }
            if replay.closingOrder != day.closingOrder { fail("replay closing order \(replay.closingOrder) ≠ \(day.closingOrder)") }
            if replay.tallies != day.tallies { fail("replay tallies differ") }
            if replay.receptions != day.receptions { fail("replay receptions differ") }
            if replay != day { fail("replay day differs") }
        }

        mutating func fail(_ message: String) {
            failures.append("[\(opening.map(\.rawValue).joined(separator: ","))] \(message)")
        }
    }

    struct Stats {
        var days = 0, fairDays = 0, applied = 0, refused = 0, rotationCalls = 0, passed = 0
        var skippedForBusyRep = 0, forfeits = 0, maxCounted = 0
        var uncountedBy: [String: Int] = [:]
    }

    // MARK: - Generators

    static func pick<T>(_ items: [T], _ rng: inout SplitMix64) -> T? {
        items.isEmpty ? nil : items[Int(rng.next() % UInt64(items.count))]
    }

    static func roll(_ rng: inout SplitMix64, _ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(rng.next() % UInt64(range.count))
    }

    static func chance(_ rng: inout SplitMix64, _ percent: Int) -> Bool {
        Int(rng.next() % 100) < percent
    }

    /// An arrival as the kiosk would classify it. `fair` keeps to what the fairness condition
    /// allows: new walk-ins, non-sales and returning visitors.
    static func arrival(
        _ id: TicketID, table: [RepName], at now: Instant, settings: Settings, fair: Bool, rng: inout SplitMix64
    ) -> TicketInfo {
        let customer: Int64? = chance(&rng, 40) ? Int64(roll(&rng, 1...6)) : nil
        let draw = roll(&rng, 0...99)
        switch draw {
        case ..<50:  // a walk-in, possibly a customer seen before today (R25)
            return TicketInfo(id: id, category: .new, customer: customer, brought: !fair && chance(&rng, 10))
        case ..<65:  // returning, or lapsed back to new (R11), or a returned unit (R17)
            let record = CustomerRecord(
                owner: pick(table, &rng), lastActivity: now - Int64(roll(&rng, 0...40)) * 86_400,
                returnedUnit: chance(&rng, 10))
            let routed = Routing.classify(purpose: .buy, namedRep: nil, customer: record, at: now, settings: settings)
            return TicketInfo(id: id, category: routed.category, rep: routed.rep, customer: customer)
        case ..<80:  // non-sales (R15)
            let routed = Routing.classify(purpose: .other, namedRep: nil, customer: nil, at: now, settings: settings)
            return TicketInfo(id: id, category: routed.category, rep: routed.rep)
        case ..<92 where !fair:  // named, sometimes someone not on the table (R9, R10)
            let named = chance(&rng, 15) ? "Zed" : pick(table, &rng)
            let routed = Routing.classify(purpose: .buy, namedRep: named, customer: nil, at: now, settings: settings)
            return TicketInfo(id: id, category: routed.category, rep: routed.rep, customer: customer, brought: chance(&rng, 20))
        case ..<100 where !fair:  // company staff (R27)
            return TicketInfo(id: id, category: chance(&rng, 50) ? .new : .other, staff: true)
        default:
            return TicketInfo(id: id, category: .new, customer: customer)
        }
    }

    static func setup(_ rng: inout SplitMix64, index: Int) -> (opening: [RepName], settings: Settings, offset: Int, start: Instant) {
        let size = roll(&rng, 2...6)
        let opening = Array(pool.shuffled(using: &rng).prefix(size))
        var settings = Settings()
        settings.businessAbsence = chance(&rng, 50) ? .keep : .supervisor
        let offset = pick(offsets, &rng) ?? 0
        // Open before the working hours, close after them: R21 gets both sides.
        let start = CivilTime(year: 2026, month: 11, day: 1 + index % 28, hour: 7, minute: 30, offset: offset).instant
        return (opening, settings, offset, start)
    }

    /// A day with everything the desk does: queues, aways, assists, covers, no-shows, groups.
    static func generalDay(_ rng: inout SplitMix64, index: Int, stats: Stats) -> Run {
        let (opening, settings, offset, start) = setup(&rng, index: index)
        var run = Run(opening: opening, settings: settings, utcOffset: offset, stats: stats)
        var now = start
        var sequence = 0
        let steps = roll(&rng, 40...140)
        for _ in 0..<steps {
            now += Int64(roll(&rng, 1...12)) * 60
            let day = run.day
            let tickets = day.tickets
            let open = day.openReceptions
            let action: Action?
            switch roll(&rng, 0...99) {
            case ..<28:
                sequence += 1
                let id = TicketNumber.format(prefix: "A", sequence: sequence)
                action = .checkin(arrival(id, table: opening, at: now, settings: settings, fair: false, rng: &rng))
            case ..<50:
                if chance(&rng, 75) {
                    action = .call(ticket: nil, rep: nil, cover: false)
                } else {
                    // The console picks a ticket, sometimes asking for a cover, sometimes naming a rep.
                    let ticket = pick(day.waiting.map(\.id), &rng)
                    let rep = chance(&rng, 20) ? pick(opening, &rng) : nil
                    action = .call(ticket: ticket, rep: rep, cover: chance(&rng, 40))
                }
            case ..<72:
                // Mostly an open reception; sometimes any ticket at all, to be refused.
                let id = chance(&rng, 90) ? pick(open.map(\.ticket), &rng) : pick(tickets.map(\.id), &rng)
                action = id.map { .finish($0) }
            case ..<79:
                action = pick(opening, &rng).map { .away($0, chance(&rng, 50) ? .business : .personal) }
            case ..<87:
                let away = day.reps.filter { $0.state.isAway || $0.state == .assisting }.map(\.name)
                action = (pick(away, &rng) ?? pick(opening, &rng)).map { .back($0) }
            case ..<91:
                let serving = tickets.filter { $0.status == .serving }.map(\.id)
                if let id = pick(serving, &rng), let rep = pick(opening, &rng) { action = .assist(id, rep) } else { action = nil }
            case ..<94:
                action = pick(tickets.filter { $0.status == .serving }.map(\.id), &rng).map { .noshow($0) }
            case ..<96:
                let ids = tickets.map(\.id)
                if let main = pick(ids, &rng), let other = pick(ids, &rng) { action = .group(main, with: other) } else { action = nil }
            case ..<97:
                // R13: a rep recognizes their own returning customer at the door.
                let returning = day.waiting.filter { $0.info.category == .returning }
                action = pick(returning, &rng).flatMap { t in t.info.rep.map { .claim(t.id, $0) } }
            case ..<98:
                let serving = tickets.filter { $0.status == .serving }.map(\.id)
                if let id = pick(serving, &rng), let rep = pick(opening, &rng) { action = .transfer(id, rep) } else { action = nil }
            default:
                action = pick(opening, &rng).map { .makeup($0, place: chance(&rng, 50) ? nil : roll(&rng, 0...opening.count + 1)) }
            }
            if let action { run.attempt(Event(at: now, action)) }
        }
        return run
    }

    /// A day that meets the fairness condition: every rep on the floor all day (no aways), every
    /// reception over before the next visitor arrives, and only new walk-ins, non-sales and
    /// returning visitors, so that every counted reception comes from the rotation.
    static func fairDay(_ rng: inout SplitMix64, index: Int, stats: Stats) -> Run {
        let (opening, settings, offset, start) = setup(&rng, index: index)
        var run = Run(opening: opening, settings: settings, utcOffset: offset, stats: stats)
        var now = start
        let visitors = roll(&rng, 5...40)
        for sequence in 1...visitors {
            now += Int64(roll(&rng, 1...10)) * 60
            let id = TicketNumber.format(prefix: "A", sequence: sequence)
            run.attempt(Event(at: now, .checkin(arrival(id, table: opening, at: now, settings: settings, fair: true, rng: &rng))))
            now += 60
            guard run.attempt(Event(at: now, .call(ticket: nil, rep: nil, cover: false))) != nil else {
                run.fail("fair day: nobody could take \(id) although everyone was ready")
                continue
            }
            now += Int64(roll(&rng, 1...30)) * 60
            if chance(&rng, 8) {
                run.attempt(Event(at: now, .noshow(id)))
            } else if run.attempt(Event(at: now, .finish(id))) == nil {
                run.fail("fair day: could not finish \(id)")
            }
        }
        let counted = opening.map { run.day.tallies[$0]?.counted ?? 0 }
        if let high = counted.max(), let low = counted.min() {
            run.stats.maxCounted = max(run.stats.maxCounted, high)
            if high - low > 1 {
                run.fail("fairness: counted \(zip(opening, counted).map { "\($0)=\($1)" })")
            }
        }
        return run
    }

    @Test("Property — 400 random days: R1 on every call, R19 always, fairness, replay")
    func randomDays() {
        var rng = SplitMix64(seed: 0x4C4F_4242_5952_3031)
        var stats = Stats()
        var failures: [String] = []
        for index in 0..<400 {
            let fair = index % 2 == 1
            var run = fair
                ? Self.fairDay(&rng, index: index, stats: stats)
                : Self.generalDay(&rng, index: index, stats: stats)
            run.checkReplay()
            stats = run.stats
            stats.days += 1
            if fair { stats.fairDays += 1 }
            failures += run.failures.map { "day \(index): \($0)" }
        }
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(5).joined(separator: "\n"))")

        // The generator must reach what the rules are about, or the properties say little.
        #expect(stats.days == 400 && stats.fairDays == 200)
        #expect(stats.rotationCalls > 3_000)
        #expect(stats.refused > 500)
        #expect(stats.skippedForBusyRep > 20)
        #expect(stats.forfeits > 20)
        #expect(stats.passed > 500)
        #expect(stats.maxCounted >= 8)
        for rule in ["R21", "R22", "R23", "R25", "R27"] {
            #expect(stats.uncountedBy[rule, default: 0] > 10, "few receptions uncounted by \(rule)")
        }
    }
}
