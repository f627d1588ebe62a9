import LobbyCore
import LobbyStore

struct Status: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "status", abstract: "The staff view: rotation, serving, waiting, phone duty.",
        options: [json, StaffWords.languageOption])

    static let json = Option.flag("--json", help: "print the view as JSON (interface.md)")

    let json: Bool
    let language: Texts.Language?

    init(_ arguments: Arguments) throws(LobbyError) {
        json = arguments.flag(Self.json)
        language = try arguments.value(StaffWords.languageOption)
    }

    func run(_ context: Context) throws {
        let (key, day) = try context.today()
        let model = try context.serviceModel()
        let estimates = WaitEstimator.estimateAll(day: day, now: context.now, model: model)
        let waits = day.waiting.map { estimates[$0.id] ?? .zero }
        let printed = try context.store.printed(day: key.date)
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
                        ("wait", wait.json),
                        ("printed", printed[ticket.id].map { .bool($0) } ?? .null),
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
        let words = StaffWords(language: try language ?? context.site.language)
        Output.line(StatusText.render(day: day, waits: waits, printed: printed, key: key, now: context.now, words: words).joined(separator: "\n"))
    }
}
