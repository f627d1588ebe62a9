import Testing
@testable import LobbyCore

// The report's arithmetic: means, medians, shares, budget buckets, waits with those still
// waiting and never received, the estimate's accuracy, per-rep figures.
@Suite("Report figures")
struct ReportFiguresTests {
    static func visitor(_ ticket: TicketID, wait: Double, _ outcome: ReportVisitor.Outcome = .called, p50: Int? = nil, p80: Int? = nil,
                        party: Int = 1, budget: String? = nil, consenting: Bool = false, complete: Bool = false) -> ReportVisitor {
        ReportVisitor(day: "2026-11-23", ticket: ticket, hour: 10, purpose: "buy", source: nil, visit: "first", party: party,
                      budget: budget, wait: wait, outcome: outcome, quotedP50: p50, quotedP80: p80,
                      consenting: consenting, complete: complete)
    }

    @Test("mean, median, share and buckets; empty samples give zero")
    func math() {
        #expect(ReportMath.mean([1, 2, 6]) == 3 && ReportMath.mean([]) == 0)
        #expect(ReportMath.median([5, 1, 3, 10]) == 4 && ReportMath.median([]) == 0)
        #expect(ReportMath.share([1, 10, 10.5, 30], atMost: 10) == 0.5 && ReportMath.share([], atMost: 10) == 0)
        #expect(ReportMath.budgetBucket("300万") == "300-500" && ReportMath.budgetBucket("８０") == "<100")
        #expect(ReportMath.budgetBucket("800") == "800+" && ReportMath.budgetBucket("150 w") == "100-200")
        #expect(ReportMath.budgetBucket(nil) == "none" && ReportMath.budgetBucket("看情况") == "看情况")
        #expect(ReportMath.budgetBucket("200-300") == "200-300", "a range stays as stated")
        #expect(ReportMath.counts(["b", "a", "b"]).map { "\($0.key)\($0.count)" } == ["a1", "b2"])
    }

    @Test("waits include those still waiting and never received; the estimate is measured over quoted visitors")
    func waitsAndEstimates() {
        var input = ReportInput()
        input.visitors = [
            Self.visitor("A001", wait: 2, p50: 0, p80: 5), Self.visitor("A002", wait: 12, p50: 10, p80: 15),
            Self.visitor("A003", wait: 40, .notReceived, p50: 20, p80: 30), Self.visitor("A004", wait: 6, .stillWaiting, party: 3),
        ]
        let f = ReportFigures(input, serviceLevelMinutes: 10)
        #expect(f.waits.n == 4 && f.waits.mean == 15 && f.waits.longest == 40)
        #expect(f.waits.p50 == Quantile.of(sorted: [2, 6, 12, 40], 0.5) && f.waits.p90 == Quantile.of(sorted: [2, 6, 12, 40], 0.9))
        #expect(f.waits.withinServiceLevel == 0.5 && f.waits.stillWaiting == 1 && f.waits.notReceived == 1)
        #expect(f.estimates.n == 3 && f.estimates.mae == (2.0 + 2 + 20) / 3)
        #expect(f.estimates.p80Coverage == 2.0 / 3)
        #expect(f.visitors.groups == 4 && f.visitors.people == 6)
        #expect(f.satisfaction.n == 0 && f.complaints.opened == 0 && f.bookings.made == 0 && f.registrationCompleteness == 0)
    }

    @Test("per rep: counted, uncounted by rule, assists, covers, reception length, no-shows, satisfaction")
    func reps() {
        var input = ReportInput()
        input.receptions = [
            ReportReception(day: "d", rep: "Wang", kind: .rotation, counted: true, rule: nil, minutes: 10),
            ReportReception(day: "d", rep: "Wang", kind: .cover, counted: false, rule: "R23", minutes: 30),
            ReportReception(day: "d", rep: "Wang", kind: .rotation, counted: false, rule: nil, minutes: nil, noshow: true),
            ReportReception(day: "d", rep: "Li", kind: .assist, counted: false, rule: "R23", minutes: 10),
            ReportReception(day: "d", rep: "Li", kind: .other, counted: false, rule: "R22", minutes: 4),
        ]
        input.feedback = [ReportFeedback(day: "d", ticket: "A001", rep: "Wang", score: 5, comment: "好"),
                          ReportFeedback(day: "d", ticket: "A002", rep: "Wang", score: 2, comment: nil)]
        input.complaints = [ReportComplaint(day: "d", openedAt: Instant(0), resolvedAt: Instant(600)), ReportComplaint(day: "d", openedAt: Instant(0), resolvedAt: nil)]
        let f = ReportFigures(input, serviceLevelMinutes: 10, repOrder: ["Li", "Wang", "Zhao"])
        #expect(f.reps.map(\.rep) == ["Li", "Wang", "Zhao"])
        let wang = f.reps[1], li = f.reps[0]
        #expect(wang.counted == 1 && wang.uncounted == 1 && wang.covers == 1 && wang.noshows == 1)
        #expect(wang.receptionMean == 20 && wang.receptionMedian == 20 && wang.satisfactionMean == 3.5)
        #expect(li.assists == 1 && li.uncountedBy.map(\.key) == ["R22", "R23"] && li.receptionMean == 4, "assists are not receptions' length")
        #expect(f.reps[2].counted == 0 && f.reps[2].receptionMean == 0)
        #expect(f.satisfaction.distribution == [0, 1, 0, 0, 1] && f.satisfaction.comments.map(\.comment) == ["好"])
        #expect(f.complaints.resolved == 1 && f.complaints.stillOpen == 1 && f.complaints.handlingMedian == 10)
    }
}
