import LobbyCore
import LobbyStore
import LobbyText
import LobbyPlatform
import LobbyPrinting
import LobbyServices

struct Report: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "report", abstract: "The day's report: visitors, receptions per rep, waits.",
        discussion: "Receptions per rep, counted and not counted with the rule that said so (R20–R27).",
        options: [date, json, csv])

    static let date = Option.date("--date", help: "the business day (default today)")
    static let json = Option.flag("--json", help: "print JSON")
    static let csv = Option.flag("--csv", help: "print one line per reception as CSV (not with --json)")

    let date: String?
    let json: Bool
    let csv: Bool

    init(_ arguments: Arguments) throws(LobbyError) {
        date = try arguments.value(Self.date)
        json = arguments.flag(Self.json)
        csv = arguments.flag(Self.csv)
        if json && csv { throw .usage("report: choose --json or --csv") }
    }

    func run(_ context: Context) throws {
        let (key, day) = try DayLoader.load(date: date, context: context)
        let report = ReportView(day: day, key: key, context: context)
        if csv {
            Output.line("date,ticket,rep,kind,called_at,finished_at,counted,rule")
            for r in report.receptions {
                Output.line([report.date, r.ticket.rawValue, Self.csvField(r.rep.rawValue), r.kind.rawValue, r.calledAt, r.finishedAt ?? "",
                             r.counted ? "yes" : "no", r.rule ?? ""].joined(separator: ","))
            }
            return
        }
        let corrections = try context.store.notes(day: key.date, kind: "undo")
        let unreceived = day.tickets.filter { $0.status == .unreceived }.map(\.id)
        if json {
            var fields: [(String, JSON)] = []
            if case let .object(view) = report.json { fields = view }
            // Closed at the end of the business day while still waiting; never counted.
            fields.append(("notReceived", .array(unreceived.map { .string($0) })))
            fields.append(("corrections", .array(corrections.map { note in
                .object([
                    ("at", .string(context.iso8601(note.at, key: key))), ("by", .string(note.actor)),
                    ("undid", .string(note.outcome)), ("why", .string(note.why)),
                ])
            })))
            Output.line(JSON.object(fields).text)
            return
        }
        Output.line("Report \(report.date): \(report.visitors) visitors, wait mean \(Int(report.waitMean.rounded())) min, p90 \(Int(report.waitP90.rounded())) min")
        for rep in report.reps {
            let rules = rep.uncountedBy.map { "\($0.rule)×\($0.count)" }.joined(separator: " ")
            Output.line("  \(rep.rep): \(rep.counted) counted, \(rep.uncounted) not counted\(rules.isEmpty ? "" : " (\(rules))")")
        }
        if !unreceived.isEmpty {
            Output.line("  not received (still waiting when the day closed, not counted): " + unreceived.map(\.rawValue).joined(separator: " "))
        }
        for note in corrections {
            Output.line("  correction \(CivilTime(note.at, offset: key.utcOffset).iso8601.dropFirst(11).prefix(5)) by \(note.actor): took back \(note.outcome ?? "?")" + (note.why.map { " — " + $0 } ?? ""))
        }
    }

    static func csvField(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
            ? "\"" + text.replacingAll("\"", with: "\"\"") + "\"" : text
    }
}

/// The day's report (interface.md `report --json`): per rep the receptions counted and not
/// counted with the rules that said so, the visitors, and their waits in minutes.
struct ReportView {
    struct Rep {
        var rep: RepName
        var counted: Int
        var uncounted: Int
        /// The rules that kept receptions from counting, in order of their ids, with how often.
        var uncountedBy: [(rule: String, count: Int)]
    }

    struct Reception {
        var ticket: TicketID
        var rep: RepName
        var kind: ReceptionKind
        var counted: Bool
        var rule: String?
        var calledAt: String
        var finishedAt: String?
    }

    var date: String
    var reps: [Rep]
    var visitors: Int
    var served: Int
    var noshows: Int
    var stillWaiting: Int
    var waitMean: Double
    var waitP90: Double
    var receptions: [Reception]

    init(day: Day, key: DayKey, context: Context) {
        date = key.date
        let tallies = day.tallies
        let figures = day.figures
        reps = figures.reps.map { name in
            let tally = tallies[name] ?? Day.Tally()
            let rules = (figures.uncountedBy[name] ?? [:]).map { (rule: $0.key.rawValue, count: $0.value) }.sorted { $0.rule < $1.rule }
            return Rep(rep: name, counted: tally.counted, uncounted: tally.uncounted, uncountedBy: rules)
        }
        waitMean = figures.waitMean
        waitP90 = figures.waitP90
        visitors = figures.visitors
        served = figures.served
        noshows = figures.noshows
        stillWaiting = figures.stillWaiting
        receptions = day.receptions.map { r in
            Reception(
                ticket: r.ticket, rep: r.rep, kind: r.kind, counted: r.counted, rule: r.rule?.rawValue,
                calledAt: context.iso8601(r.calledAt, key: key), finishedAt: r.finishedAt.map { context.iso8601($0, key: key) })
        }
    }

    /// The report's one JSON form.
    var json: JSON {
        .object([
            ("date", .string(date)),
            ("reps", .array(reps.map { rep in
                .object([
                    ("rep", .string(rep.rep)), ("counted", .int(rep.counted)), ("uncounted", .int(rep.uncounted)),
                    ("uncountedBy", .object(rep.uncountedBy.map { ($0.rule, JSON.int($0.count)) })),
                ])
            })),
            ("visitors", .int(visitors)),
            ("served", .int(served)),
            ("noshows", .int(noshows)),
            ("stillWaiting", .int(stillWaiting)),
            ("wait", .object([("mean", .number((waitMean * 10).rounded() / 10)), ("p90", .number((waitP90 * 10).rounded() / 10))])),
            ("receptions", .array(receptions.map { r in
                .object([
                    ("ticket", .string(r.ticket)), ("rep", .string(r.rep)), ("kind", .string(r.kind.rawValue)),
                    ("counted", .bool(r.counted)), ("rule", .string(r.rule)), ("calledAt", .string(r.calledAt)),
                    ("finishedAt", .string(r.finishedAt)),
                ])
            })),
        ])
    }
}

/// A past or present day, rebuilt from its events.
enum DayLoader {
    static func load(date: String?, context: Context) throws -> (DayKey, Day) {
        let today = try context.dayKey()
        guard let date, date != today.date else { return try context.today() }
        let store = try context.store
        let settings = try context.site.rules
        return try store.read {
            guard let offset = try store.dayOffset(date) else {
                throw LobbyError.notFound("date: no record of \(date)")
            }
            let key = DayKey(date: date, utcOffset: offset)
            return (key, try store.day(key, settings: settings))
        }
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
