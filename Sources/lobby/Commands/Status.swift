import LobbyCore
import LobbyStore

struct Status: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "status", abstract: "The staff view: rotation, serving, waiting, phone duty.",
        usage: "lobby status [--json]",
        options: [OptionHelp(name: "--json", help: "print the view as JSON (interface.md)")])

    let json: Bool

    init(_ arguments: inout Arguments) throws(LobbyError) {
        json = arguments.flag("--json")
    }

    func run(_ context: Context) throws {
        let (key, day) = try context.today()
        let model = try context.site.serviceModel
        let estimates = WaitEstimator.estimateAll(day: day, now: context.now, model: model)
        let waits = day.waiting.map { estimates[$0.id] ?? .zero }
        if json {
            Output.line(JSON.object([
                ("day", .string(key.date)),
                ("rotation", .array(day.rotation.enumerated().map { index, rep in
                    .object([("rep", .string(rep.name)), ("state", .string(rep.state.rawValue)), ("place", .int(index + 1))])
                })),
                ("waiting", .array(zip(day.waiting, waits).map { ticket, wait in
                    .object([
                        ("ticket", .string(ticket.id)), ("category", .string(ticket.info.category.rawValue)),
                        ("since", .string(context.iso8601(ticket.issuedAt, key: key))), ("rep", .string(ticket.info.rep)),
                        ("ahead", .int(day.ahead(of: ticket.id))),
                        ("wait", .object([("p50", .int(wait.p50)), ("p80", .int(wait.p80))])),
                    ])
                })),
                ("serving", .array(day.openReceptions.map { reception in
                    .object([
                        ("ticket", .string(reception.ticket)), ("rep", .string(reception.rep)),
                        ("kind", .string(reception.kind.rawValue)), ("since", .string(context.iso8601(reception.calledAt, key: key))),
                    ])
                })),
                ("up", .string(day.up)),
                ("phoneDuty", .string(day.phoneDuty)),
                ("eventMode", .bool(day.eventMode)),
            ]).text)
            return
        }
        Output.line("\(key.date)  \(CivilTime(context.now, offset: key.utcOffset).iso8601.dropFirst(11).prefix(5))"
            + (day.eventMode ? "  EVENT MODE (manual assignment, R7)" : ""))
        Output.line("Rotation:")
        for (index, rep) in day.rotation.enumerated() {
            Output.line("  \(index + 1). \(rep.name)  \(rep.state.rawValue)")
        }
        if day.rotation.isEmpty { Output.line("  (nobody holds a place)") }
        Output.line("Serving:")
        for reception in day.openReceptions {
            let minutes = (context.now - reception.calledAt) / 60
            Output.line("  \(reception.ticket) ← \(reception.rep)  \(reception.kind.rawValue)  \(minutes) min")
        }
        Output.line("Waiting:")
        for (ticket, wait) in zip(day.waiting, waits) {
            let rep = ticket.info.rep.map { " for \($0)" } ?? ""
            Output.line("  \(ticket.id)  \(ticket.info.category.rawValue)\(rep)  ~\(wait.p50)–\(wait.p80) min")
        }
        Output.line("Up: \(day.up ?? "nobody ready")   Phone duty: \(day.phoneDuty ?? "nobody ready")")
    }
}
