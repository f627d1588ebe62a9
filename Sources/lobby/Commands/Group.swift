import LobbyCore
import LobbyText
import LobbyPlatform
import LobbyPrinting
import LobbyServices

struct Group: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "group", abstract: "Two tickets came to view together: one group (R24).",
        discussion: "OTHER leaves the queue and is served with TICKET; the group counts once.",
        arguments: [.ticket], options: [with])

    static let with = Option.text("--with", "OTHER", help: "the ticket that joins TICKET's group").isRequired()

    let ticket: String
    let other: String

    init(_ arguments: Arguments) throws(LobbyError) {
        other = try arguments.required(Self.with)
        ticket = try arguments.required(Argument.ticket)
    }

    func staffAction(_ context: Context) -> StaffAction? { .group }

    func run(_ context: Context) throws {
        try context.require(self)
        let id = try TicketCodes.resolve(ticket, context: context)
        let otherID = try TicketCodes.resolve(other, context: context)
        try context.record(.group(id, with: otherID))
        Output.line(StaffLanguage.say("done.group", ["ticket": "\(id)", "other": "\(otherID)"]))
    }
}
