import LobbyCore
import LobbyStore

struct Feed: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "feed", abstract: "The public display feed as JSON (no names or phones).",
        usage: "lobby feed [--follow]",
        options: [OptionHelp(name: "--follow", help: "print a new object whenever the lobby changes")])

    let follow: Bool

    init(_ arguments: inout Arguments) throws(LobbyError) {
        follow = arguments.flag("--follow")
    }

    func run(_ context: Context) throws {
        Output.line(try Self.snapshot(context).text)
        guard follow else { return }
        try DatabaseWatch.follow(context) { Output.line(try Self.snapshot($0).text) }
    }

    static func snapshot(_ context: Context) throws -> JSON {
        let (key, day) = try context.today()
        let calling = day.openReceptions.filter { $0.kind != .assist }.sorted { $0.calledAt > $1.calledAt }
        let wait = try walkInWait(day: day, context: context)
        return .object([
            ("generatedAt", .string(context.iso8601(context.now, key: key))),
            ("calling", .array(calling.map { .object([("ticket", .string($0.ticket)), ("rep", .string($0.rep))]) })),
            ("waiting", .int(day.waiting.count)),
            ("wait", .object([("p50", .int(wait.p50)), ("p80", .int(wait.p80))])),
            ("phoneDuty", .string(day.phoneDuty)),
        ])
    }

    /// The wait a new walk-in would be told now.
    static func walkInWait(day: Day, context: Context) throws -> Wait {
        var probe = day
        let id = "#probe"
        try probe.apply(Event(at: context.now, .checkin(TicketInfo(id: id, category: .new))))
        return WaitEstimator.estimate(day: probe, ticket: id, now: context.now, model: try context.site.serviceModel)
    }
}
