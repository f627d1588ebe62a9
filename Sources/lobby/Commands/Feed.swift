import LobbyCore
import LobbyStore
import LobbyText
import LobbyPlatform
import LobbyPrinting
import LobbyServices

struct Feed: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "feed", abstract: "The public display feed as JSON (no names or phones).",
        options: [follow])

    static let follow = Option.flag("--follow", help: "print a new object, one per line, whenever the lobby changes")

    /// How many of the latest calls `recent` keeps, for visitors who looked away.
    static let recentCount = 5

    let follow: Bool

    init(_ arguments: Arguments) throws(LobbyError) {
        follow = arguments.flag(Self.follow)
    }

    func run(_ context: Context) throws {
        var last = try FeedSnapshot(context)
        Output.line(last.json.text)
        guard follow else { return }
        Termination.stopOnSIGTERM()
        try DatabaseWatch.follow(context) { context in
            let next = try FeedSnapshot(context)
            // A commit that leaves the public view as it was (a PIN change, a follow-up) prints nothing.
            guard !next.sameContent(as: last) else { return }
            last = next
            Output.line(next.json.text)
        }
    }
}

/// The public display feed (interface.md "Display feed"): what the lobby may see, never a
/// visitor's name or phone. `feed`, `board` and `board --html` all show this one value.
struct FeedSnapshot: Equatable {
    struct Call: Equatable {
        var ticket: TicketID
        var rep: RepName
    }

    var generatedAt: String
    /// Open calls, newest first.
    var calling: [Call]
    var waiting: Int
    /// What a visitor checking in now would be told.
    var wait: Wait
    /// Whether any rep is on duty: without one the board says so and gives no minutes.
    var onDuty: Bool
    var phoneDuty: RepName?
    /// Whether the site shows phone duty on its public screens (boardPhoneDuty): internal otherwise.
    var publicPhoneDuty: Bool
    /// The latest calls, newest first, each ticket once.
    var recent: [Call]
    var site: String

    /// Equal apart from generatedAt.
    func sameContent(as other: FeedSnapshot) -> Bool {
        var copy = self
        copy.generatedAt = other.generatedAt
        return copy == other
    }

    /// The feed's one JSON form. `phoneDuty` is internal: null unless the site shows it on its
    /// public screens (boardPhoneDuty), the key kept for the contract's readers.
    var json: JSON {
        func pairs(_ list: [Call]) -> JSON {
            .array(list.map { .object([("ticket", .string($0.ticket)), ("rep", .string($0.rep))]) })
        }
        return .object([
            ("generatedAt", .string(generatedAt)),
            ("calling", pairs(calling)),
            ("waiting", .int(waiting)),
            ("wait", wait.json),
            ("onDuty", .bool(onDuty)),
            ("phoneDuty", .string(publicPhoneDuty ? phoneDuty : nil)),
            ("recent", pairs(recent)),
            ("site", .string(site)),
        ])
    }

    init(_ context: Context) throws {
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
            if recent.count == Feed.recentCount { break }
        }
        generatedAt = context.iso8601(context.now, key: key)
        self.calling = calling.map { Call(ticket: $0.ticket, rep: $0.rep) }
        waiting = day.waiting.count
        wait = WaitEstimator.walkIn(day: day, now: context.now, model: try context.serviceModel(), calibration: try context.waitCalibration(key))
        phoneDuty = day.phoneDuty
        onDuty = day.hasRepOnDuty
        publicPhoneDuty = site.boardPhoneDuty
        self.recent = recent.map { Call(ticket: $0.ticket, rep: $0.rep) }
        self.site = site.name
    }
}
