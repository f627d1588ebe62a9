import LobbyCore
import LobbyStore

struct Report: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "report", abstract: "The day's report: visitors, receptions per rep, waits.",
        usage: "lobby report [--date YYYY-MM-DD] [--json|--csv]",
        discussion: "Receptions per rep, counted and not counted with the rule that said so (R20–R27).",
        options: [
            OptionHelp(name: "--date YYYY-MM-DD", help: "the business day (default today)"),
            OptionHelp(name: "--json", help: "print JSON"),
            OptionHelp(name: "--csv", help: "print one line per reception as CSV"),
        ])

    let date: String?
    let json: Bool
    let csv: Bool

    init(_ arguments: inout Arguments) throws(LobbyError) {
        date = try arguments.option("--date")
        json = arguments.flag("--json")
        csv = arguments.flag("--csv")
        if let date, CivilTime.parseDate(date) == nil { throw .invalid("date", "'\(date)' is not a date like 2026-11-22") }
        if json && csv { throw .usage("report: choose --json or --csv") }
    }

    func run(_ context: Context) throws {
        let (key, day) = try DayLoader.load(date: date, context: context)
        let tallies = day.tallies
        var uncountedBy: [RepName: [String: Int]] = [:]
        for reception in day.receptions where !reception.counted {
            uncountedBy[reception.rep, default: [:]][reception.rule ?? "?", default: 0] += 1
        }
        let names = day.reps.map(\.name) + tallies.keys.filter { name in !day.reps.contains { $0.name == name } }.sorted()
        let waits = day.tickets.compactMap { ticket -> Double? in
            guard let first = day.receptions.first(where: { $0.ticket == ticket.id }) else { return nil }
            return Double(first.calledAt - ticket.issuedAt) / 60
        }.sorted()
        let mean = waits.isEmpty ? 0 : waits.reduce(0, +) / Double(waits.count)
        let p90 = waits.isEmpty ? 0 : waits[min(waits.count - 1, Int((0.9 * Double(waits.count)).rounded(.up)) - 1)]
        let visitors = day.tickets.filter { if case .grouped = $0.status { return false } else { return true } }.count

        if csv {
            Output.line("date,ticket,rep,kind,called_at,finished_at,counted,rule")
            for r in day.receptions {
                Output.line([key.date, r.ticket, Self.csvField(r.rep), r.kind.rawValue, context.iso8601(r.calledAt, key: key),
                             r.finishedAt.map { context.iso8601($0, key: key) } ?? "", r.counted ? "yes" : "no", r.rule ?? ""]
                    .joined(separator: ","))
            }
            return
        }
        let corrections = try context.store.notes(day: key.date, kind: "undo")
        let unreceived = day.tickets.filter { $0.status == .unreceived }.map(\.id)
        if json {
            Output.line(JSON.object([
                ("date", .string(key.date)),
                ("reps", .array(names.map { name in
                    let tally = tallies[name] ?? Day.Tally()
                    let rules = (uncountedBy[name] ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, JSON.int($0.value)) }
                    return .object([
                        ("rep", .string(name)), ("counted", .int(tally.counted)), ("uncounted", .int(tally.uncounted)),
                        ("uncountedBy", .object(rules)),
                    ])
                })),
                ("visitors", .int(visitors)),
                ("served", .int(Set(day.receptions.map(\.ticket)).count)),
                ("noshows", .int(day.tickets.filter { $0.status == .noshow }.count)),
                ("stillWaiting", .int(day.waiting.count)),
                // Closed at the end of the business day while still waiting; never counted.
                ("notReceived", .array(unreceived.map { .string($0) })),
                ("corrections", .array(corrections.map { note in
                    .object([
                        ("at", .string(context.iso8601(note.at, key: key))), ("by", .string(note.actor)),
                        ("undid", .string(note.outcome)), ("why", .string(note.why)),
                    ])
                })),
                ("wait", .object([("mean", .number((mean * 10).rounded() / 10)), ("p90", .number((p90 * 10).rounded() / 10))])),
                ("receptions", .array(day.receptions.map { r in
                    .object([
                        ("ticket", .string(r.ticket)), ("rep", .string(r.rep)), ("kind", .string(r.kind.rawValue)),
                        ("counted", .bool(r.counted)), ("rule", .string(r.rule)),
                        ("calledAt", .string(context.iso8601(r.calledAt, key: key))),
                        ("finishedAt", .string(r.finishedAt.map { context.iso8601($0, key: key) })),
                    ])
                })),
            ]).text)
            return
        }
        Output.line("Report \(key.date): \(visitors) visitors, wait mean \(Int(mean.rounded())) min, p90 \(Int(p90.rounded())) min")
        for name in names {
            let tally = tallies[name] ?? Day.Tally()
            let rules = (uncountedBy[name] ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)×\($0.value)" }.joined(separator: " ")
            Output.line("  \(name): \(tally.counted) counted, \(tally.uncounted) not counted\(rules.isEmpty ? "" : " (\(rules))")")
        }
        if !unreceived.isEmpty {
            Output.line("  not received (still waiting when the day closed, not counted): " + unreceived.joined(separator: " "))
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
