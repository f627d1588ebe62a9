import Testing
@testable import LobbyCore

@Suite("Learned service times")
struct ServiceTimesTests {
    let prior = LogNormal(medianMinutes: 40, sigma: 0.5)
    let now = local(11)
    let day: Int64 = 86_400

    func history(_ entries: [(RepName, Category, Double, Instant)], halfLife: Double = 28) -> ServiceHistory {
        var history = ServiceHistory()
        for (rep, category, minutes, at) in entries {
            history.record(rep: rep, category: category, minutes: minutes, at: at, halfLifeDays: halfLife)
        }
        return history
    }

    func median(_ model: ServiceModel, _ rep: RepName?, _ category: Category = .new) -> Double {
        model.distribution(rep: rep, category: category).median
    }

    @Test("a new site uses the configured default")
    func newSite() {
        let model = ServiceHistory().model(at: now, halfLifeDays: 28, prior: prior)
        #expect(abs(median(model, nil) - 40) < 1e-9)
        #expect(abs(median(model, "Ann") - 40) < 1e-9)
        #expect(abs(model.distribution(rep: "Ann", category: .new).sigma - 0.5) < 1e-9)
    }

    @Test("a rep with little history is drawn toward the site; with much, toward their own times")
    func shrinkage() {
        var entries: [(RepName, Category, Double, Instant)] = []
        for i in 0..<60 { entries.append((ann, .new, 30, now - Int64(i) * 3600)) }
        entries.append((bo, .new, 90, now - 600))
        var model = history(entries).model(at: now, halfLifeDays: 28, prior: prior)
        // The site has learned 30 minutes from Ann's many receptions.
        #expect(abs(median(model, ann) - 30) < 1.5)
        // Bo's single 90-minute reception moves him up a little, not to 90.
        #expect(median(model, bo) > median(model, nil))
        #expect(median(model, bo) < 40)
        // Sixty of them make him a 90-minute rep.
        for i in 0..<60 { entries.append((bo, .new, 90, now - Int64(i) * 3600)) }
        model = history(entries).model(at: now, halfLifeDays: 28, prior: prior)
        #expect(median(model, bo) > 75)
        #expect(median(model, ann) < 36)
        // A rep the history has never seen gets the site's times.
        #expect(median(model, "Zed") == median(model, nil))
    }

    @Test("recent weeks weigh more than old ones")
    func recency() {
        var entries: [(RepName, Category, Double, Instant)] = []
        for i in 0..<40 { entries.append((ann, .new, 20, now - 120 * day - Int64(i) * 3600)) }
        for i in 0..<40 { entries.append((ann, .new, 60, now - 2 * day - Int64(i) * 3600)) }
        let model = history(entries).model(at: now, halfLifeDays: 28, prior: prior)
        // Evenly weighted the median would be about 35 (the geometric mean of 20 and 60).
        #expect(median(model, ann) > 50)
        // The decay is the same whichever order the receptions are recorded in.
        let reversed = history(entries.reversed()).model(at: now, halfLifeDays: 28, prior: prior)
        #expect(abs(median(reversed, ann) - median(model, ann)) < 1e-6)
    }

    @Test("categories of visitor get their own times where the data supports it")
    func categories() {
        var entries: [(RepName, Category, Double, Instant)] = []
        for i in 0..<50 {
            entries.append((i % 2 == 0 ? ann : bo, .new, 50, now - Int64(i) * 3600))
            entries.append((i % 2 == 0 ? ann : bo, .returning, 15, now - Int64(i) * 3600))
        }
        let model = history(entries).model(at: now, halfLifeDays: 28, prior: prior)
        #expect(median(model, ann, .returning) < 20)
        #expect(median(model, ann, .new) > 42)
        // No history of non-sales visits: they take the site's overall time.
        #expect(abs(median(model, nil, .other) - model.site.median) < 1e-9)
        #expect(median(model, nil, .other) < median(model, nil, .new))
        #expect(median(model, nil, .other) > median(model, nil, .returning))
    }

    @Test("the spread is learned, and p80 is a quantile of it, not a fixed multiple")
    func spread() {
        let tight = history((0..<80).map { (ann, .new, 40 + Double($0 % 3), now - Int64($0) * 600) })
            .model(at: now, halfLifeDays: 28, prior: prior).distribution(rep: ann, category: .new)
        let loose = history((0..<80).map { (ann, .new, [10, 40, 160][$0 % 3], now - Int64($0) * 600) })
            .model(at: now, halfLifeDays: 28, prior: prior).distribution(rep: ann, category: .new)
        #expect(tight.sigma < 0.2)
        #expect(loose.sigma > 0.9)
        #expect(tight.quantile(0.8) / tight.median < loose.quantile(0.8) / loose.median)
    }

    @Test("only a finish teaches: the visit's receptions, not assists, and no-shows nothing")
    func finishedReceptions() throws {
        var floor = Floor([ann, bo, cy])
        floor.now = local(10)
        try floor.day.apply(Event(at: floor.now, .checkin(TicketInfo(id: "A1", category: .new))))
        try floor.day.apply(Event(at: floor.now, .call(ticket: "A1", rep: nil, cover: false)))
        try floor.day.apply(Event(at: local(10, 5), .assist("A1", bo)))
        try floor.day.apply(Event(at: local(10, 1), .checkin(TicketInfo(id: "A2", category: .new))))
        try floor.day.apply(Event(at: local(10, 1), .call(ticket: "A2", rep: nil, cover: false)))
        let before = floor.day
        let finish = Event(at: local(10, 45), .finish("A1"))
        try floor.day.apply(finish)
        let learned = ServiceHistory.finished(by: finish, before: before, after: floor.day)
        #expect(learned.count == 1)
        #expect(learned.first?.rep == ann)
        #expect(learned.first?.category == .new)
        #expect(learned.first?.minutes == 45)
        let noshowBefore = floor.day
        let noshow = Event(at: local(10, 50), .noshow("A2"))
        try floor.day.apply(noshow)
        #expect(ServiceHistory.finished(by: noshow, before: noshowBefore, after: floor.day).isEmpty)
    }

    /// Two reps busy for the same time, one visitor waiting for each by name.
    func namedFloor() throws -> Day {
        var day = Day(opening: [ann, bo])
        for (ticket, rep) in [("S1", ann), ("S2", bo)] as [(TicketID, RepName)] {
            try day.apply(Event(at: now - 600, .checkin(TicketInfo(id: ticket, category: .new))))
            try day.apply(Event(at: now - 600, .call(ticket: ticket, rep: rep, cover: false)))
        }
        try day.apply(Event(at: now, .checkin(TicketInfo(id: "NA", category: .named, rep: ann))))
        try day.apply(Event(at: now, .checkin(TicketInfo(id: "NB", category: .named, rep: bo))))
        return day
    }

    @Test("a slow rep's history raises the waits of visitors named to them")
    func slowRep() throws {
        let day = try namedFloor()
        let flat = ServiceModel(site: prior)
        let even = WaitEstimator.estimateAll(day: day, now: now, model: flat)
        let a = try #require(even["NA"]), b = try #require(even["NB"])
        #expect(abs(a.p50 - b.p50) <= 3)  // the same but for sampling
        var entries: [(RepName, Category, Double, Instant)] = []
        for i in 0..<40 {
            entries.append((ann, .new, 25, now - Int64(i) * 3600))
            entries.append((bo, .new, 75, now - Int64(i) * 3600))
        }
        let learned = history(entries).model(at: now, halfLifeDays: 28, prior: prior)
        let waits = WaitEstimator.estimateAll(day: day, now: now, model: learned)
        let fast = try #require(waits["NA"]), slow = try #require(waits["NB"])
        #expect(slow.p50 > 2 * fast.p50)
        #expect(slow.p80 > slow.p50)
    }

    @Test("a named visitor is told both: the wait for their rep, and the wait to be covered now")
    func coverAlternative() throws {
        var day = try namedFloor()
        try day.apply(Event(at: now, .checkin(TicketInfo(id: "W1", category: .new))))
        let model = ServiceModel(site: prior)
        // Nobody ready: covering does not make it sooner than the first free rep.
        let own = WaitEstimator.estimate(day: day, ticket: "NA", now: now, model: model)
        let covered = WaitEstimator.estimate(day: day, ticket: "NA", now: now, model: model, covered: true)
        #expect(covered.p50 <= own.p50)
        #expect(own.p50 > 0)
    }

    @Test("the normal quantile inverts the distribution function, in the tails too")
    func normalQuantile() {
        // Reference values of the standard normal's quantiles.
        let known: [(Double, Double)] = [
            (0.5, 0), (0.8, 0.8416212335729143), (0.975, 1.959963984540054), (0.025, -1.959963984540054),
            (0.999, 3.090232306167813), (1e-6, -4.753424308822899), (1e-10, -6.361340902404056),
        ]
        for (p, z) in known {
            #expect(abs(Gaussian.quantile(p) - z) < 1e-12 * max(1, abs(z)), "p \(p)")
        }
        var p = 1e-11
        while p < 1 {
            let z = Gaussian.quantile(p)
            #expect(abs(Gaussian.cdf(z) - p) < 1e-13 + 1e-10 * p, "p \(p)")
            p *= 1.37
        }
        // Above 5, 1 − p has too few digits left in a Double to say more.
        for z in stride(from: -6.5, through: 5, by: 0.25) {
            #expect(abs(Gaussian.quantile(Gaussian.cdf(z)) - z) < 1e-8, "z \(z)")
        }
    }

    @Test("p80 ≥ p50 for every waiting ticket, whatever the state and the history")
    func ordered() throws {
        var rng = SplitMix64(seed: 7)
        for round in 0..<40 {
            var entries: [(RepName, Category, Double, Instant)] = []
            for i in 0..<Int(rng.next() % 30) {
                let rep = four[Int(rng.next() % 4)]
                let category = Category.allCases[Int(rng.next() % 4)]
                entries.append((rep, category, 5 + Double(rng.next() % 120), now - Int64(i) * 7200))
            }
            let model = history(entries).model(at: now, halfLifeDays: 28, prior: prior)
            var day = Day(opening: four)
            for index in four.indices where rng.next() % 3 != 0 {
                try day.apply(Event(at: now - Int64(rng.next() % 7200), .checkin(TicketInfo(id: "S\(index)", category: .new))))
                try day.apply(Event(at: now - Int64(rng.next() % 600), .call(ticket: "S\(index)", rep: nil, cover: false)))
            }
            for number in 0..<Int(rng.next() % 8) {
                let named = rng.next() % 3 == 0
                try day.apply(Event(at: now, .checkin(TicketInfo(
                    id: "W\(number)", category: named ? .named : .new, rep: named ? four[Int(rng.next() % 4)] : nil))))
            }
            for (ticket, wait) in WaitEstimator.estimateAll(day: day, now: now, model: model) {
                #expect(wait.p80 >= wait.p50, "round \(round) \(ticket)")
                #expect(wait.p50 >= 0)
            }
        }
    }
}
