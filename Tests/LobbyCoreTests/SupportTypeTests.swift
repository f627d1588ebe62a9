import Testing
@testable import LobbyCore

@Suite("CivilTime")
struct CivilTimeTests {
    @Test("parse with an offset, with Z, and with a compact offset")
    func parseOffsets() throws {
        let shanghai = try #require(CivilTime.parse("2026-11-23T10:15:00+08:00"))
        #expect(shanghai.year == 2026 && shanghai.month == 11 && shanghai.day == 23)
        #expect(shanghai.hour == 10 && shanghai.minute == 15 && shanghai.second == 0)
        #expect(shanghai.offset == 8 * 3600)
        // 10:15 in Shanghai is 02:15 UTC.
        let utc = try #require(CivilTime.parse("2026-11-23T02:15:00Z"))
        #expect(utc.offset == 0)
        #expect(utc.instant == shanghai.instant)
        #expect(CivilTime.parse("2026-11-23T02:15:00z")?.instant == shanghai.instant)
        #expect(CivilTime.parse("2026-11-23T10:15+0800")?.instant == shanghai.instant)
        #expect(CivilTime.parse("2026-11-23 10:15:00.250+08:00")?.instant == shanghai.instant)
        let newYork = try #require(CivilTime.parse("2026-11-22T21:15:00-05:00"))
        #expect(newYork.offset == -5 * 3600)
        #expect(newYork.instant == shanghai.instant)
        #expect(shanghai.instant == Instant(1_795_400_100))  // date -d 2026-11-23T02:15:00Z +%s
    }

    @Test("refuse a time without an offset, and malformed times")
    func refuse() {
        #expect(CivilTime.parse("2026-11-23T10:15:00") == nil)
        #expect(CivilTime.parse("2026-11-23T10:15") == nil)
        #expect(CivilTime.parse("2026-11-23") == nil)
        #expect(CivilTime.parse("2026-02-30T10:15:00Z") == nil)
        #expect(CivilTime.parse("2026-13-01T10:15:00Z") == nil)
        #expect(CivilTime.parse("2026-11-23T24:00:00Z") == nil)
        #expect(CivilTime.parse("2026-11-23T10:15:00+08:00 ") == nil)
        #expect(CivilTime.parse("2026-11-23T10:15:00+8") == nil)
        #expect(CivilTime.parse("") == nil)
        #expect(CivilTime.parseDate("2026-11-23").map { [$0.0, $0.1, $0.2] } == [2026, 11, 23])
        #expect(CivilTime.parseDate("2026-11-23T00:00Z") == nil)
        #expect(CivilTime.parseDate("2028-02-29") != nil)  // a leap year
        #expect(CivilTime.parseDate("2100-02-29") == nil)  // not one
    }

    @Test("round-trip instant ↔ iso8601")
    func roundTrip() throws {
        let instants = [0, 951_782_400, 1_795_400_100, 1_795_451_999, 4_102_444_800, -86_401].map { Instant($0) }
        for instant in instants {
            for offset in [0, 8 * 3600, -5 * 3600, 5 * 3600 + 1800] {
                let civil = CivilTime(instant, offset: offset)
                #expect(civil.instant == instant)
                let text = civil.iso8601
                let parsed = try #require(CivilTime.parse(text), "\(text)")
                #expect(parsed == civil, "\(text)")
                #expect(parsed.instant == instant, "\(text)")
            }
        }
        #expect(CivilTime(Instant(1_795_400_100), offset: 8 * 3600).iso8601 == "2026-11-23T10:15:00+08:00")
        #expect(CivilTime(Instant(1_795_400_100), offset: 0).iso8601 == "2026-11-23T02:15:00+00:00")
        #expect(CivilTime(Instant(1_795_400_100), offset: -5 * 3600).iso8601 == "2026-11-22T21:15:00-05:00")
        #expect(CivilTime(Instant(0), offset: 0).iso8601 == "1970-01-01T00:00:00+00:00")
        #expect(CivilTime(Instant(-1), offset: 0).iso8601 == "1969-12-31T23:59:59+00:00")
    }

    @Test("the business date at local midnight boundaries in +08:00")
    func dateAtMidnight() throws {
        let offset = 8 * 3600
        let midnight = try #require(CivilTime.parse("2026-11-24T00:00:00+08:00")).instant
        let utcEvening = try #require(CivilTime.parse("2026-11-23T16:00:00Z")).instant
        #expect(midnight == utcEvening)
        #expect(CivilTime(midnight, offset: offset).date == "2026-11-24")
        #expect(CivilTime(midnight - 1, offset: offset).date == "2026-11-23")
        #expect(CivilTime(midnight - 1, offset: offset).iso8601 == "2026-11-23T23:59:59+08:00")
        // The same instants are still the 23rd in UTC: the business day is the site's.
        #expect(CivilTime(midnight, offset: 0).date == "2026-11-23")
        // Across a month and a year.
        let newYear = try #require(CivilTime.parse("2027-01-01T00:00:00+08:00")).instant
        #expect(CivilTime(newYear, offset: offset).date == "2027-01-01")
        #expect(CivilTime(newYear - 1, offset: offset).date == "2026-12-31")
        #expect(CivilTime(newYear, offset: 0).date == "2026-12-31")
        let leap = try #require(CivilTime.parse("2028-03-01T00:00:00+08:00")).instant
        #expect(CivilTime(leap - 1, offset: offset).date == "2028-02-29")
    }
}

@Suite("TicketNumber")
struct TicketNumberTests {
    @Test("format: a prefix and at least three digits")
    func format() {
        #expect(TicketNumber.format(prefix: "A", sequence: 1) == "A001")
        #expect(TicketNumber.format(prefix: "A", sequence: 42) == "A042")
        #expect(TicketNumber.format(prefix: "A", sequence: 999) == "A999")
        #expect(TicketNumber.format(prefix: "A", sequence: 1000) == "A1000")
        #expect(TicketNumber.format(prefix: "VIP", sequence: 7) == "VIP007")
    }

    @Test("parse: case-insensitive, with or without the leading zeros")
    func parse() {
        #expect(TicketNumber.parse("a7", prefix: "A") == 7)
        #expect(TicketNumber.parse("A007", prefix: "A") == 7)
        #expect(TicketNumber.parse("A001", prefix: "A") == 1)
        #expect(TicketNumber.parse("A1000", prefix: "A") == 1000)
        #expect(TicketNumber.parse("vip007", prefix: "VIP") == 7)
        #expect(TicketNumber.parse("B007", prefix: "A") == nil)
        #expect(TicketNumber.parse("A", prefix: "A") == nil)
        #expect(TicketNumber.parse("A000", prefix: "A") == nil)
        #expect(TicketNumber.parse("A-7", prefix: "A") == nil)
        #expect(TicketNumber.parse("A+7", prefix: "A") == nil)  // Int("+7") would take it
        #expect(TicketNumber.parse("A 7", prefix: "A") == nil)
        #expect(TicketNumber.parse("A7x", prefix: "A") == nil)
        #expect(TicketNumber.parse("A١٢", prefix: "A") == nil)  // Arabic-Indic digits are not ticket digits
        for sequence in [1, 9, 10, 99, 100, 999, 1000, 12_345] {
            #expect(TicketNumber.parse(TicketNumber.format(prefix: "A", sequence: sequence).rawValue, prefix: "A") == sequence)
        }
    }
}

@Suite("WaitEstimator")
struct WaitEstimatorTests {
    let model = ServiceModel(medianMinutes: 40)
    let now = local(11)

    /// A day whose reps started their receptions the given minutes before `now` (nil: ready),
    /// then `waiting` new tickets W01… checked in.
    func floor(_ elapsed: [Int?], waiting: Int, away: Set<Int> = []) throws -> Day {
        let names = elapsed.indices.map { RepName("R\($0)") }
        var day = Day(opening: names)
        for (index, minutes) in elapsed.enumerated() {
            if let minutes {
                let at = now - Int64(minutes) * 60
                try day.apply(Event(at: at, .checkin(TicketInfo(id: "S\(index)", category: .named, rep: names[index]))))
                try day.apply(Event(at: at, .call(ticket: "S\(index)", rep: nil, cover: false)))
            } else if away.contains(index) {
                try day.apply(Event(at: now - 600, .away(names[index], .business)))
            }
        }
        for number in 0..<waiting {
            try day.apply(Event(at: now, .checkin(TicketInfo(id: "W\(number + 1)", category: .new))))
        }
        return day
    }

    func wait(_ day: Day, _ ticket: TicketID) -> Wait {
        WaitEstimator.estimate(day: day, ticket: ticket, now: now, model: model)
    }

    @Test("0 when a rep is ready and nobody is ahead")
    func zero() throws {
        let day = try floor([5, nil], waiting: 1)
        #expect(wait(day, "W1") == .zero)
        #expect(wait(day, "W9") == .zero)  // not waiting: nothing to estimate
    }

    @Test("grows with the number of tickets ahead")
    func growsWithQueue() throws {
        let day = try floor([5, 20], waiting: 6)
        let waits = (1...6).map { wait(day, "W\($0)") }
        for (earlier, later) in zip(waits, waits.dropFirst()) {
            #expect(later.p50 > earlier.p50, "\(waits)")
            #expect(later.p80 >= earlier.p80, "\(waits)")
        }
        #expect(waits[0].p50 > 0)
    }

    @Test("a reception past its usual length is not taken as almost over")
    func longRunning() throws {
        // Naively, 40 − 60 minutes would leave nothing; conditioned on having run 60 minutes
        // the reception still has a sizeable time to go.
        let longRun = wait(try floor([60], waiting: 1), "W1")
        #expect(longRun.p50 >= 10)
        // Past the usual length, the longer it has run, the longer it is expected to go on.
        let longer = wait(try floor([240], waiting: 1), "W1")
        #expect(longer.p50 > longRun.p50)
        #expect(longer.p80 > longRun.p80)
        // A just-started reception has its whole length ahead of it.
        let fresh = wait(try floor([0], waiting: 1), "W1")
        #expect(fresh.p50 >= 35 && fresh.p50 <= 45)
    }

    @Test("an away rep does not count as capacity")
    func awayIsNoCapacity() throws {
        let present = try floor([10, nil], waiting: 1)
        let away = try floor([10, nil], waiting: 1, away: [1])
        #expect(away.state(of: "R1") == .awayBusiness)
        #expect(wait(present, "W1") == .zero)
        #expect(wait(away, "W1").p50 > 0)
        // The same as if that rep were not on the table at all.
        let alone = try floor([10], waiting: 1)
        #expect(wait(away, "W1") == wait(alone, "W1"))
        // Everyone away: still an estimate, not zero.
        let allAway = try floor([nil, nil], waiting: 1, away: [0, 1])
        #expect(wait(allAway, "W1").p50 > 0)
    }

    @Test("a ticket waiting for its own busy rep waits for that rep")
    func namedLane() throws {
        var day = try floor([30, nil], waiting: 0)
        try day.apply(Event(at: now, .checkin(TicketInfo(id: "N1", category: .named, rep: "R0"))))
        #expect(wait(day, "N1").p50 > 0)  // R1 is ready but the visitor waits for R0 (R9)
    }

    @Test("p80 ≥ p50, and the estimate repeats exactly for the same state")
    func percentiles() throws {
        for elapsed in [[0], [5, 60], [nil, 30, 90], [200, 1, 15, 45]] as [[Int?]] {
            let day = try floor(elapsed, waiting: 5)
            for number in 1...5 {
                let estimate = wait(day, "W\(number)")
                #expect(estimate.p80 >= estimate.p50, "\(elapsed) W\(number)")
                #expect(estimate == wait(day, "W\(number)"))
            }
        }
    }

    @Test("estimateAll: one simulation gives every waiting ticket an estimate")
    func estimateAll() throws {
        var day = try floor([5, 50, nil], waiting: 0)
        try day.apply(Event(at: now, .checkin(TicketInfo(id: "W1", category: .new))))
        try day.apply(Event(at: now, .checkin(TicketInfo(id: "N1", category: .named, rep: "R1"))))
        try day.apply(Event(at: now, .checkin(TicketInfo(id: "W2", category: .new))))
        try day.apply(Event(at: now, .checkin(TicketInfo(id: "W3", category: .other))))
        let all = WaitEstimator.estimateAll(day: day, now: now, model: model)
        #expect(Set(all.keys) == ["W1", "N1", "W2", "W3"])
        #expect(all["W1"] == .zero)  // R2 is ready
        #expect(all.values.allSatisfy { $0.p80 >= $0.p50 })
        let w1 = try #require(all["W1"]), w2 = try #require(all["W2"]), w3 = try #require(all["W3"])
        #expect(w1.p50 <= w2.p50 && w2.p50 <= w3.p50)
        // Up to the last ticket is the whole queue: the same simulation, the same answer.
        #expect(WaitEstimator.estimateAll(day: day, now: now, model: model, through: "W3") == all)
        #expect(WaitEstimator.estimate(day: day, ticket: "W3", now: now, model: model) == all["W3"])
        // Through a ticket: that ticket and those before it.
        #expect(Set(WaitEstimator.estimateAll(day: day, now: now, model: model, through: "N1").keys) == ["W1", "N1"])
        #expect(WaitEstimator.estimateAll(day: day, now: now, model: model, through: "Z9").isEmpty)
        #expect(WaitEstimator.estimateAll(day: Day(opening: ["R0"]), now: now, model: model).isEmpty)
    }

    @Test("lanes and tickets ahead follow the waiting-tickets rule")
    func lanesAndAhead() throws {
        var day = try floor([5, 50, nil], waiting: 0)
        try day.apply(Event(at: now - 300, .away("R2", .personal)))
        let tickets: [TicketInfo] = [
            TicketInfo(id: "N1", category: .named, rep: "R1"),     // waits for R1 (R9)
            TicketInfo(id: "W1", category: .new),
            TicketInfo(id: "N2", category: .returning, rep: "R1"), // waits for R1 too (R11)
            TicketInfo(id: "C1", category: .named, rep: "R2"),     // R2 away: covered (R10)
            TicketInfo(id: "W2", category: .new),
            TicketInfo(id: "Z1", category: .named, rep: "Zed"),    // not on the table: covered
        ]
        for info in tickets { try day.apply(Event(at: now, .checkin(info))) }
        #expect(day.lane(of: tickets[0]) == "R1")
        #expect(day.lane(of: tickets[1]) == nil)
        #expect(day.lane(of: tickets[2]) == "R1")
        #expect(day.lane(of: tickets[3]) == nil)
        #expect(day.lane(of: tickets[5]) == nil)
        #expect(day.ahead(of: "N1") == 0)
        #expect(day.ahead(of: "W1") == 0)  // N1 does not hold it up
        #expect(day.ahead(of: "N2") == 1)
        #expect(day.ahead(of: "C1") == 1)
        #expect(day.ahead(of: "W2") == 2)
        #expect(day.ahead(of: "Z1") == 3)
        #expect(day.ahead(of: "nope") == 0)
    }

    @Test("quantiles by selection are the quantiles of the sorted samples")
    func selection() {
        var rng = SplitMix64(seed: 11)
        for count in [1, 2, 3, 5, 10, 399, 400, 401] {
            for round in 0..<20 {
                // Ties and runs as well as spread values: waits of 0 are common.
                var values = (0..<count).map { _ in round % 3 == 0 ? Double(rng.next() % 4) : rng.nextUnit() * 90 }
                let sorted = values.sorted()
                values.withUnsafeMutableBufferPointer { buffer in
                    for q in [0.5, 0.8] {
                        let expected = Quantile.of(sorted: sorted, q)
                        #expect(Quantile.of(selecting: buffer, q) == expected, "count \(count) round \(round) q \(q)")
                    }
                }
            }
        }
    }

    @Test("every waiting ticket's wait is the same from estimate and from estimateAll")
    func oneTicketAgreesWithAll() throws {
        var day = try floor([5, 50, 12, nil], waiting: 12)
        try day.apply(Event(at: now, .checkin(TicketInfo(id: "N1", category: .named, rep: "R1"))))
        try day.apply(Event(at: now, .checkin(TicketInfo(id: "W13", category: .returning, rep: "R0"))))
        for ticket in day.waiting {
            let all = WaitEstimator.estimateAll(day: day, now: now, model: model, through: ticket.id)
            #expect(wait(day, ticket.id) == all[ticket.id], "\(ticket.id)")
        }
    }

    @Test("ServiceModel keeps its parameters in range")
    func serviceModel() {
        #expect(ServiceModel(medianMinutes: 0).medianMinutes == 1)
        #expect(ServiceModel(medianMinutes: 40, sigma: 0).sigma == 0.05)
    }
}

@Suite("Ownership (首次接待负责制)")
struct OwnershipTests {
    @Test("the first rep to receive a customer owns them; covers keep, transfers change (R10, R11, R14)")
    func owner() {
        // A first visit, or one after the ownership lapsed (R11): the receiver becomes the owner.
        for kind in [ReceptionKind.rotation, .named, .assigned, .claimed, .returning] {
            #expect(Routing.owner(after: kind, by: ann, ticketRep: nil, activeOwner: nil) == ann, "\(kind)")
            #expect(Routing.owner(after: kind, by: ann, ticketRep: nil, activeOwner: bo) == bo, "\(kind)")
        }
        // A cover stands in for the named rep: the customer stays with them (R10).
        #expect(Routing.owner(after: .cover, by: ann, ticketRep: bo, activeOwner: nil) == bo)
        #expect(Routing.owner(after: .cover, by: ann, ticketRep: bo, activeOwner: bo) == bo)
        // Only a transfer at the customer's request changes the owner (R14).
        #expect(Routing.owner(after: .transferred, by: cy, ticketRep: bo, activeOwner: bo) == cy)
        // Assists and non-sales visits own nobody.
        #expect(Routing.owner(after: .assist, by: ann, ticketRep: nil, activeOwner: nil) == nil)
        #expect(Routing.owner(after: .assist, by: ann, ticketRep: nil, activeOwner: bo) == bo)
        #expect(Routing.owner(after: .other, by: dee, ticketRep: nil, activeOwner: nil) == nil)
    }
}
