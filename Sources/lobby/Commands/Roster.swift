import LobbyCore
import LobbyStore
import LobbyText
import LobbyPlatform
import LobbyPrinting
import LobbyServices

struct Roster: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "roster", abstract: "Set today's rotation table in this order (supervisor).",
        discussion: """
            Without a roster, a day opens with the previous day's closing order (R5). With --carry,
            reps already on the table keep their order and new ones join at the tail (R5);
            without it the order is exactly as given (R6).
            """,
        arguments: [names], options: [carry, why])

    static let names = Argument("NAME", help: "the reps, in rotation order", repeating: true)
    static let carry = Option.flag("--carry", help: "keep today's order for reps already on the table")
    static let why = Option.text("--why", "TEXT", help: "recorded with the change")

    let names: [RepName]
    let carry: Bool
    let why: String?

    init(_ arguments: Arguments) throws(LobbyError) {
        carry = arguments.flag(Self.carry)
        why = try arguments.value(Self.why)
        names = arguments.reps(Self.names)
    }

    func staffAction(_ context: Context) -> StaffAction? { .roster }

    func run(_ context: Context) throws {
        try context.require(self)
        for name in names { try context.requireRep(name) }
        let (day, _) = try context.record(.roster(names, carry: carry), why: why)
        Output.line(StaffLanguage.say("done.roster", ["order": day.rotation.enumerated().map { "\($0 + 1). \($1.name)" }.joined(separator: "  ")]))
    }
}
