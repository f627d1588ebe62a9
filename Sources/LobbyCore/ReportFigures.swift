/// The arithmetic of `lobby report`: what the store read, reduced to the figures of a period or
/// of one day. Pure: the caller reads the rows and formats the result; nothing here reads a clock.
public enum ReportMath {
    /// The arithmetic mean; 0 for no values.
    public static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }

    /// The median, by the one quantile method of every figure (`Quantile`).
    public static func median(_ values: [Double]) -> Double { Quantile.of(sorted: values.sorted(), 0.5) }

    /// The share (0…1) of `values` at most `limit`; 0 for no values.
    public static func share(_ values: [Double], atMost limit: Double) -> Double {
        values.isEmpty ? 0 : Double(values.filter { $0 <= limit }.count) / Double(values.count)
    }

    /// One decimal place, as the report prints its minutes.
    public static func tenth(_ value: Double) -> Double { (value * 10).rounded() / 10 }

    /// Three decimal places, as the report prints its shares.
    public static func thousandth(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

    /// How often each key occurs, keys in ascending order.
    public static func counts(_ keys: [String]) -> [(key: String, count: Int)] {
        var tally: [String: Int] = [:]
        for key in keys { tally[key, default: 0] += 1 }
        return tally.map { (key: $0.key, count: $0.value) }.sorted { $0.key < $1.key }
    }

    /// The bucket edges of numeric budgets, in 万 (ten thousand yuan).
    public static let budgetEdges: [Double] = [100, 200, 300, 500, 800]

    /// A budget as stated, bucketed where it is a number of 万 ("300", "300万", "２５０ 万"):
    /// "<100", "100-200", …, "800+"; "none" when not stated; any other text as typed.
    public static func budgetBucket(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "none" }
        guard let amount = budgetAmount(text) else { return text }
        guard let first = budgetEdges.first, amount >= first else { return "<\(Int(budgetEdges[0]))" }
        for (lower, upper) in zip(budgetEdges, budgetEdges.dropFirst()) where amount < upper {
            return "\(Int(lower))-\(Int(upper))"
        }
        return "\(Int(budgetEdges[budgetEdges.count - 1]))+"
    }

    /// The number of 万 in a budget typed as digits (ASCII or full-width), optionally followed
    /// by 万 or w; nil for anything else (a range, words).
    static func budgetAmount(_ text: String) -> Double? {
        var digits = ""
        var rest = Substring(text.filter { $0 != " " && $0 != "\u{3000}" })
        while let c = rest.first {
            if let v = c.unicodeScalars.first?.value, c.unicodeScalars.count == 1 {
                if (0x30...0x39).contains(v) { digits.append(c); rest = rest.dropFirst(); continue }
                if (0xFF10...0xFF19).contains(v), let scalar = Unicode.Scalar(v - 0xFF10 + 0x30) {
                    digits.append(Character(scalar)); rest = rest.dropFirst(); continue
                }
                if c == ".", !digits.isEmpty, !digits.contains(".") { digits.append(c); rest = rest.dropFirst(); continue }
            }
            break
        }
        guard !digits.isEmpty, ["", "万", "w", "W", "万元"].contains(String(rest)) else { return nil }
        return Double(digits)
    }
}

/// One visitor (ticket) of the period, as the report needs it.
public struct ReportVisitor: Sendable, Equatable {
    public enum Outcome: String, Sendable, Equatable {
        /// Called (received, or called and not answered).
        case called
        /// Still waiting now, on a day not yet closed.
        case stillWaiting
        /// Still waiting when the day closed: never received.
        case notReceived
    }

    public var day: String
    public var ticket: TicketID
    /// Local hour of check-in, 0–23.
    public var hour: Int
    public var purpose: String
    public var source: String?
    /// "booked", "returning" or "first".
    public var visit: String
    public var party: Int
    public var budget: String?
    /// Minutes waited: to the first call; still waiting: to now; not received: to the close.
    public var wait: Double
    public var outcome: Outcome
    public var quotedP50: Int?
    public var quotedP80: Int?
    /// Agreed that their details are kept.
    public var consenting: Bool
    /// Consenting, with every registration field given.
    public var complete: Bool

    public init(day: String, ticket: TicketID, hour: Int, purpose: String, source: String?, visit: String, party: Int,
                budget: String?, wait: Double, outcome: Outcome, quotedP50: Int?, quotedP80: Int?,
                consenting: Bool, complete: Bool) {
        self.day = day; self.ticket = ticket; self.hour = hour; self.purpose = purpose; self.source = source
        self.visit = visit; self.party = party; self.budget = budget; self.wait = wait; self.outcome = outcome
        self.quotedP50 = quotedP50; self.quotedP80 = quotedP80; self.consenting = consenting; self.complete = complete
    }
}

/// One reception, or a call given up as a no-show.
public struct ReportReception: Sendable, Equatable {
    public var day: String
    public var rep: RepName
    public var kind: ReceptionKind
    public var counted: Bool
    public var rule: String?
    /// Minutes from the call to the finish; nil while open.
    public var minutes: Double?
    public var noshow: Bool

    public init(day: String, rep: RepName, kind: ReceptionKind, counted: Bool, rule: String?, minutes: Double?, noshow: Bool = false) {
        self.day = day; self.rep = rep; self.kind = kind; self.counted = counted; self.rule = rule
        self.minutes = minutes; self.noshow = noshow
    }
}

public struct ReportFeedback: Sendable, Equatable {
    public var day: String
    public var ticket: TicketID
    public var rep: RepName?
    public var score: Int
    public var comment: String?
    public init(day: String, ticket: TicketID, rep: RepName?, score: Int, comment: String?) {
        self.day = day; self.ticket = ticket; self.rep = rep; self.score = score; self.comment = comment
    }
}

public struct ReportComplaint: Sendable, Equatable {
    public var day: String
    public var openedAt: Instant
    public var resolvedAt: Instant?
    public init(day: String, openedAt: Instant, resolvedAt: Instant?) {
        self.day = day; self.openedAt = openedAt; self.resolvedAt = resolvedAt
    }
}

public struct ReportBooking: Sendable, Equatable {
    /// The business day of the appointment.
    public var day: String
    /// open | kept | cancelled | noshow
    public var status: String
    public init(day: String, status: String) { self.day = day; self.status = status }
}

/// A supervisor's action: roster change, make-up, event mode, undo, site settings.
public struct ReportAction: Sendable, Equatable {
    public var day: String
    public var at: String
    public var kind: String
    public var by: String
    public var what: String?
    public var why: String?
    public init(day: String, at: String, kind: String, by: String, what: String?, why: String?) {
        self.day = day; self.at = at; self.kind = kind; self.by = by; self.what = what; self.why = why
    }
}

/// Everything the store read for a period.
public struct ReportInput: Sendable, Equatable {
    public var visitors: [ReportVisitor] = []
    public var receptions: [ReportReception] = []
    public var feedback: [ReportFeedback] = []
    public var complaints: [ReportComplaint] = []
    public var bookings: [ReportBooking] = []
    public var actions: [ReportAction] = []
    public init() {}

    /// The part of the input that belongs to `day`.
    public func only(_ day: String) -> ReportInput {
        var part = ReportInput()
        part.visitors = visitors.filter { $0.day == day }
        part.receptions = receptions.filter { $0.day == day }
        part.feedback = feedback.filter { $0.day == day }
        part.complaints = complaints.filter { $0.day == day }
        part.bookings = bookings.filter { $0.day == day }
        part.actions = actions.filter { $0.day == day }
        return part
    }
}

/// The figures of a period (or a day).
public struct ReportFigures: Sendable, Equatable {
    public struct Visitors: Sendable, Equatable {
        public var groups: Int
        public var people: Int
        /// Check-ins per local hour, hours with none left out.
        public var byHour: [(key: String, count: Int)]
        public var byPurpose: [(key: String, count: Int)]
        public var bySource: [(key: String, count: Int)]
        public var first: Int
        public var returning: Int
        public var booked: Int
        /// Groups by party size ("1", "2", …).
        public var partySizes: [(key: String, count: Int)]
        public var budgets: [(key: String, count: Int)]

        public static func == (a: Self, b: Self) -> Bool {
            a.groups == b.groups && a.people == b.people && a.first == b.first && a.returning == b.returning
                && a.booked == b.booked && same(a.byHour, b.byHour) && same(a.byPurpose, b.byPurpose)
                && same(a.bySource, b.bySource) && same(a.partySizes, b.partySizes) && same(a.budgets, b.budgets)
        }
    }

    public struct Rep: Sendable, Equatable {
        public var rep: RepName
        public var counted: Int
        public var uncounted: Int
        public var uncountedBy: [(key: String, count: Int)]
        public var assists: Int
        public var covers: Int
        /// Minutes from call to finish over the rep's finished receptions (assists not included).
        public var receptionMean: Double
        public var receptionMedian: Double
        public var noshows: Int
        public var satisfactionN: Int
        public var satisfactionMean: Double

        public static func == (a: Self, b: Self) -> Bool {
            a.rep == b.rep && a.counted == b.counted && a.uncounted == b.uncounted && same(a.uncountedBy, b.uncountedBy)
                && a.assists == b.assists && a.covers == b.covers && a.receptionMean == b.receptionMean
                && a.receptionMedian == b.receptionMedian && a.noshows == b.noshows
                && a.satisfactionN == b.satisfactionN && a.satisfactionMean == b.satisfactionMean
        }
    }

    public struct Waits: Sendable, Equatable {
        public var n: Int
        public var mean: Double
        public var p50: Double
        public var p90: Double
        public var longest: Double
        /// Share of everyone who waited whose wait was at most the service level.
        public var withinServiceLevel: Double
        public var serviceLevelMinutes: Int
        public var stillWaiting: Int
        public var notReceived: Int
    }

    /// The check-in quote against the real wait, over the visitors who waited and were quoted.
    public struct Estimates: Sendable, Equatable {
        public var n: Int
        /// Mean absolute error of the quoted p50, minutes.
        public var mae: Double
        /// Share of real waits at most the quoted p80.
        public var p80Coverage: Double
    }

    public struct Satisfaction: Sendable, Equatable {
        public var n: Int
        public var mean: Double
        /// Answers per score 1…5.
        public var distribution: [Int]
        public var comments: [(day: String, ticket: TicketID, score: Int, comment: String)]

        public static func == (a: Self, b: Self) -> Bool {
            a.n == b.n && a.mean == b.mean && a.distribution == b.distribution
                && a.comments.map { "\($0.day)\u{1}\($0.ticket)\u{1}\($0.score)\u{1}\($0.comment)" }
                    == b.comments.map { "\($0.day)\u{1}\($0.ticket)\u{1}\($0.score)\u{1}\($0.comment)" }
        }
    }

    public struct Complaints: Sendable, Equatable {
        public var opened: Int
        public var resolved: Int
        public var stillOpen: Int
        /// Minutes from opening to resolution, over the resolved ones.
        public var handlingMedian: Double
        public var handlingLongest: Double
    }

    public struct Bookings: Sendable, Equatable {
        public var made: Int
        public var kept: Int
        public var noshows: Int
        public var cancelled: Int
    }

    public var visitors: Visitors
    public var reps: [Rep]
    public var waits: Waits
    public var estimates: Estimates
    public var satisfaction: Satisfaction
    public var complaints: Complaints
    public var bookings: Bookings
    /// Consenting visitors, and the share of them with every field.
    public var consenting: Int
    public var registrationCompleteness: Double
    public var actions: [ReportAction]
    /// Per supervisor action kind, how often.
    public var actionCounts: [(key: String, count: Int)]

    public static func == (a: Self, b: Self) -> Bool {
        a.visitors == b.visitors && a.reps == b.reps && a.waits == b.waits && a.estimates == b.estimates
            && a.satisfaction == b.satisfaction && a.complaints == b.complaints && a.bookings == b.bookings
            && a.consenting == b.consenting && a.registrationCompleteness == b.registrationCompleteness
            && a.actions == b.actions && same(a.actionCounts, b.actionCounts)
    }

    /// The figures of `input`; `repOrder` lists reps first in this order (the table's), then
    /// anyone else who received a visitor, by name.
    public init(_ input: ReportInput, serviceLevelMinutes: Int, repOrder: [RepName] = []) {
        let people = input.visitors
        visitors = Visitors(
            groups: people.count, people: people.reduce(0) { $0 + $1.party },
            byHour: ReportMath.counts(people.map { $0.hour < 10 ? "0\($0.hour)" : "\($0.hour)" }),
            byPurpose: ReportMath.counts(people.map(\.purpose)),
            bySource: ReportMath.counts(people.map { $0.source ?? "none" }),
            first: people.filter { $0.visit == "first" }.count,
            returning: people.filter { $0.visit == "returning" }.count,
            booked: people.filter { $0.visit == "booked" }.count,
            partySizes: ReportMath.counts(people.map { String($0.party) }).sorted { (Int($0.key) ?? 0) < (Int($1.key) ?? 0) },
            budgets: ReportMath.counts(people.map { ReportMath.budgetBucket($0.budget) }))

        let names = repOrder + Set(input.receptions.map(\.rep)).subtracting(repOrder).sorted()
        reps = names.compactMap { name -> Rep? in
            let mine = input.receptions.filter { $0.rep == name }
            let scores = input.feedback.filter { $0.rep == name }.map { Double($0.score) }
            if mine.isEmpty && scores.isEmpty && !repOrder.contains(name) { return nil }
            let received = mine.filter { !$0.noshow }
            let lengths = received.filter { $0.kind != .assist }.compactMap(\.minutes)
            return Rep(
                rep: name, counted: received.filter(\.counted).count, uncounted: received.filter { !$0.counted }.count,
                uncountedBy: ReportMath.counts(received.filter { !$0.counted }.compactMap(\.rule)),
                assists: received.filter { $0.kind == .assist }.count, covers: received.filter { $0.kind == .cover }.count,
                receptionMean: ReportMath.mean(lengths), receptionMedian: ReportMath.median(lengths),
                noshows: mine.filter(\.noshow).count,
                satisfactionN: scores.count, satisfactionMean: ReportMath.mean(scores))
        }

        let waited = people.map(\.wait).sorted()
        waits = Waits(
            n: waited.count, mean: ReportMath.mean(waited), p50: Quantile.of(sorted: waited, 0.5),
            p90: Quantile.of(sorted: waited, 0.9), longest: waited.last ?? 0,
            withinServiceLevel: ReportMath.share(waited, atMost: Double(serviceLevelMinutes)),
            serviceLevelMinutes: serviceLevelMinutes,
            stillWaiting: people.filter { $0.outcome == .stillWaiting }.count,
            notReceived: people.filter { $0.outcome == .notReceived }.count)

        estimates = Self.estimates(people)

        let scores = input.feedback.map(\.score)
        satisfaction = Satisfaction(
            n: scores.count, mean: ReportMath.mean(scores.map(Double.init)),
            distribution: (1...5).map { s in scores.filter { $0 == s }.count },
            comments: input.feedback.compactMap { f in
                f.comment.flatMap { $0.isEmpty ? nil : (day: f.day, ticket: f.ticket, score: f.score, comment: $0) }
            })

        let handling = input.complaints.compactMap { c in c.resolvedAt.map { Double($0 - c.openedAt) / 60 } }
        complaints = Complaints(
            opened: input.complaints.count, resolved: handling.count, stillOpen: input.complaints.count - handling.count,
            handlingMedian: ReportMath.median(handling), handlingLongest: handling.max() ?? 0)

        bookings = Bookings(
            made: input.bookings.count, kept: input.bookings.filter { $0.status == "kept" }.count,
            noshows: input.bookings.filter { $0.status == "noshow" }.count,
            cancelled: input.bookings.filter { $0.status == "cancelled" }.count)

        let consenting = people.filter(\.consenting)
        self.consenting = consenting.count
        registrationCompleteness = consenting.isEmpty ? 0 : Double(consenting.filter(\.complete).count) / Double(consenting.count)
        actions = input.actions
        actionCounts = ReportMath.counts(input.actions.map(\.kind))
    }

    /// MAE of the quoted p50 and the p80's coverage, over visitors who waited with a quote.
    public static func estimates(_ visitors: [ReportVisitor]) -> Estimates {
        let quoted = visitors.compactMap { v -> (p50: Double, p80: Double, real: Double)? in
            guard let p50 = v.quotedP50, let p80 = v.quotedP80 else { return nil }
            return (Double(p50), Double(p80), v.wait)
        }
        return Estimates(
            n: quoted.count, mae: ReportMath.mean(quoted.map { abs($0.p50 - $0.real) }),
            p80Coverage: quoted.isEmpty ? 0 : Double(quoted.filter { $0.real <= $0.p80 }.count) / Double(quoted.count))
    }
}

private func same(_ a: [(key: String, count: Int)], _ b: [(key: String, count: Int)]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.count == $1.count }
}

extension Day {
    /// When the day closed for the waits of visitors never received: the end of working hours,
    /// or the day's last desk action if that came later (the close event itself is dated at
    /// the next day's first write, which is no time anyone waited until).
    public var closedAt: Instant? {
        guard let first = tickets.first?.issuedAt else { return nil }
        let local = first.seconds + Int64(utcOffset)
        let midnight = Instant(local - ((local % 86_400) + 86_400) % 86_400 - Int64(utcOffset))
        let end = midnight + Int64(settings.workingHoursEnd) * 60
        let last = applied.filter { $0.action != .closeDay }.map(\.at).max() ?? end
        return max(end, last)
    }

    /// Per ticket that is its own group: how long the visitor waited and how it ended, `now`
    /// standing for the end of the wait of those still waiting.
    public func waits(now: Instant) -> [(ticket: Ticket, minutes: Double, outcome: ReportVisitor.Outcome)] {
        let close = closedAt ?? now
        return tickets.compactMap { ticket in
            if case .grouped = ticket.status { return nil }
            let calls = receptions.filter { $0.ticket == ticket.id }.map(\.calledAt)
                + noshows.filter { $0.ticket == ticket.id }.map(\.calledAt)
            if let first = calls.min() { return (ticket, Double(first - ticket.issuedAt) / 60, .called) }
            switch ticket.status {
            case .unreceived: return (ticket, Double(max(0, close - ticket.issuedAt)) / 60, .notReceived)
            case .waiting: return (ticket, Double(max(0, now - ticket.issuedAt)) / 60, .stillWaiting)
            default: return nil
            }
        }
    }

    /// The receptions and no-shows of the day, for the report.
    public func reportReceptions(date: String) -> [ReportReception] {
        receptions.map { r in
            ReportReception(day: date, rep: r.rep, kind: r.kind, counted: r.counted, rule: r.rule?.rawValue,
                            minutes: r.finishedAt.map { Double($0 - r.calledAt) / 60 })
        } + noshows.map { n in
            ReportReception(day: date, rep: n.rep, kind: .rotation, counted: false, rule: nil, minutes: nil, noshow: true)
        }
    }
}
