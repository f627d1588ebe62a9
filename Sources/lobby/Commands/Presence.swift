import LobbyCore

struct Away: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "away", abstract: "NAME steps away, on company business or personal reasons.",
        usage: "lobby away NAME --reason business|personal",
        discussion: "Passed while away: on business the place is kept (site setting businessAbsence); on leave the turn is forfeited and NAME rejoins at the tail (R3).",
        options: [OptionHelp(name: "--reason business|personal", help: "why (required)")])

    let rep: String
    let reason: AwayReason

    init(_ arguments: inout Arguments) throws(LobbyError) {
        guard let reason = try arguments.choice("--reason", AwayReason.self) else {
            throw .usage("away: --reason business|personal is required")
        }
        self.reason = reason
        rep = try arguments.positional("NAME") ?? ""
    }

    func run(_ context: Context) throws {
        try context.requireStaff(for: "away")
        try context.requireRep(rep)
        try context.record(.away(rep, reason))
        Output.line("\(rep) is away (\(reason.rawValue)).")
    }
}

struct Back: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "back", abstract: "NAME is back at the front desk (from an absence or an assist).",
        usage: "lobby back NAME")

    let rep: String

    init(_ arguments: inout Arguments) throws(LobbyError) {
        rep = try arguments.positional("NAME") ?? ""
    }

    func run(_ context: Context) throws {
        try context.requireStaff(for: "back")
        try context.requireRep(rep)
        let (day, _) = try context.record(.back(rep))
        let place = day.rotation.firstIndex { $0.name == rep }.map { " at place \($0 + 1)" } ?? ""
        Output.line("\(rep) is back\(place).")
    }
}
