import LobbyCore
import LobbyText
import LobbyPlatform
import LobbyPrinting
import LobbyServices

struct Away: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "away", abstract: "NAME steps away, on company business or personal reasons.",
        discussion: "Passed while away: on business the place is kept (site setting businessAbsence); on leave the turn is forfeited and NAME rejoins at the tail (R3).",
        arguments: [.rep], options: [reason])

    static let reason = Option<AwayReason>.choice("--reason", help: "why (required)").isRequired()

    let rep: RepName
    let reason: AwayReason

    init(_ arguments: Arguments) throws(LobbyError) {
        reason = try arguments.required(Self.reason)
        rep = try arguments.rep(Argument.rep)
    }

    func staffAction(_ context: Context) -> StaffAction? { .away }

    func run(_ context: Context) throws {
        try context.require(self)
        try context.requireRep(rep)
        try context.record(.away(rep, reason))
        Output.line(StaffLanguage.say("done.away." + reason.rawValue, ["rep": "\(rep)"]))
    }
}
