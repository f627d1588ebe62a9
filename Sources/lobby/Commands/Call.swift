import LobbyCore
import LobbyText
import LobbyPlatform
import LobbyPrinting
import LobbyServices

struct Call: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "call", abstract: "Give the next waiting ticket (or TICKET) to the rep the rules pick.",
        discussion: """
            Without TICKET, the first waiting ticket that a rep can take now: a ticket waiting for
            one busy rep does not hold up those behind it. New visitors go to the rep who is up
            (R1); named and returning visitors to their rep (R9, R11), or to the rep who is up as a
            cover when their rep is away (R10); non-sales visitors to the tail rep (R15).
            Exit 4 when nobody waits; exit 1 when no rep can take it now.
            """,
        arguments: [ticketArgument], options: [rep, cover, json])

    static let ticketArgument = Argument("TICKET", help: Argument.ticket.help, optional: true)
    static let rep = Option.rep("--rep", help: "event mode (R7): the rep the console assigns")
    static let cover = Option.flag("--cover", help: "serve a visitor waiting for a busy rep now, by the rep who is up (R9)")
    static let json = Option.flag("--json", help: "print {\"ticket\",\"rep\",\"kind\"}")

    let ticket: String?
    let rep: RepName?
    let cover: Bool
    let json: Bool

    init(_ arguments: Arguments) throws(LobbyError) {
        rep = try arguments.value(Self.rep)
        cover = arguments.flag(Self.cover)
        json = arguments.flag(Self.json)
        ticket = arguments.argument(Self.ticketArgument)
    }

    func staffAction(_ context: Context) -> StaffAction? { .call }

    func run(_ context: Context) throws {
        try context.require(self)
        let id = try ticket.map { try TicketCodes.resolve($0, context: context) }
        let (_, effect) = try context.record(.call(ticket: id, rep: rep, cover: cover))
        guard case let .called(reception) = effect else { return }
        let result = CallResult(reception)
        Output.line(json ? result.json.text : result.text)
    }
}

/// What `call` tells: the ticket, the rep the rules picked, how (interface.md `kind`).
struct CallResult {
    var ticket: TicketID
    var rep: RepName
    var kind: ReceptionKind
    var counted: Bool
    /// The rule that kept the reception from counting.
    var rule: String?

    init(_ reception: Day.Reception) {
        ticket = reception.ticket
        rep = reception.rep
        kind = reception.kind
        counted = reception.counted
        rule = reception.rule?.rawValue
    }

    /// The result's one JSON form.
    var json: JSON {
        .object([("ticket", .string(ticket)), ("rep", .string(rep)), ("kind", .string(kind.rawValue))])
    }

    var text: String {
        let how = StaffLanguage.say("kind." + kind.rawValue)
        return StaffLanguage.say(counted ? "done.call" : "done.callUncounted", [
            "ticket": "\(ticket)", "rep": "\(rep)", "kind": StaffLanguage.spoken == .en ? kind.rawValue : how, "rule": rule ?? "",
        ])
    }
}
