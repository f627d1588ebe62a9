import LobbyCore
import LobbyStore

struct Feed: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "feed", abstract: "The public display feed as JSON (no names or phones).",
        usage: "lobby feed [--follow]",
        options: [OptionHelp(name: "--follow", help: "print a new object, one per line, whenever the lobby changes")])

    /// How many of the latest calls `recent` keeps, for visitors who looked away.
    static let recentCount = 5

    let follow: Bool

    init(_ arguments: inout Arguments) throws(LobbyError) {
        follow = arguments.flag("--follow")
    }

    func run(_ context: Context) throws {
        var last = try Self.snapshot(context)
        Output.line(last.text)
        guard follow else { return }
        try DatabaseWatch.follow(context) { context in
            let next = try Self.snapshot(context)
            // A commit that leaves the public view as it was (a PIN change, a follow-up) prints nothing.
            guard !Self.sameContent(next, last) else { return }
            last = next
            Output.line(next.text)
        }
    }

    /// Equal apart from generatedAt.
    static func sameContent(_ a: JSON, _ b: JSON) -> Bool {
        guard case let .object(x) = a, case let .object(y) = b else { return a == b }
        return JSON.object(x.filter { $0.0 != "generatedAt" }) == JSON.object(y.filter { $0.0 != "generatedAt" })
    }

    static func snapshot(_ context: Context) throws -> JSON {
        let (key, day) = try context.today()
        let site = try context.site
        let called = day.receptions.filter { $0.kind != .assist }
        // Newest first; receptions are kept in the order of the calls, which ties of calledAt keep too.
        // A call is "now calling" for callingSeconds; after that the visitor has come (or will be
        // called again), and it stays only among the recent calls.
        let calling = Array(called.filter { $0.isOpen && context.now - $0.calledAt < Int64(site.callingSeconds) }.reversed())
        var recent: [Day.Reception] = []
        for reception in called.reversed() where !recent.contains(where: { $0.ticket == reception.ticket }) {
            recent.append(reception)
            if recent.count == recentCount { break }
        }
        let wait = try walkInWait(day: day, context: context)
        func pairs(_ list: [Day.Reception]) -> JSON {
            .array(list.map { .object([("ticket", .string($0.ticket)), ("rep", .string($0.rep))]) })
        }
        var fields: [(String, JSON)] = [
            ("generatedAt", .string(context.iso8601(context.now, key: key))),
            ("calling", pairs(calling)),
            ("waiting", .int(day.waiting.count)),
            ("wait", wait.json),
        ]
        if site.boardPhoneDuty { fields.append(("phoneDuty", .string(day.phoneDuty))) }
        fields += [("recent", pairs(recent)), ("site", .string(site.name))]
        return .object(fields)
    }

    /// The wait a new walk-in would be told now.
    static func walkInWait(day: Day, context: Context) throws -> Wait {
        var probe = day
        let id = "#probe"
        try probe.apply(Event(at: context.now, .checkin(TicketInfo(id: id, category: .new))))
        return WaitEstimator.estimate(day: probe, ticket: id, now: context.now, model: try context.serviceModel())
    }
}
