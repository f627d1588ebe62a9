import LobbyCore
import LobbyText
import LobbyPlatform
import LobbyPrinting
import LobbyServices

/// The desk's actions on one ticket, or on one ticket and one rep, share their shape: resolve
/// the ticket (a number or a scanned code), check the actor, record through the rules, tell.
protocol TicketAction: LobbyCommand {
    init(ticket: String)
    var ticket: String { get }
    static func action(_ id: TicketID) -> Action
    static func done(_ id: TicketID, _ day: Day) -> String
    static var staffAction: StaffAction { get }
}

extension TicketAction {
    init(_ arguments: Arguments) throws(LobbyError) {
        self.init(ticket: try arguments.required(Argument.ticket))
    }

    func staffAction(_ context: Context) -> StaffAction? { Self.staffAction }

    func run(_ context: Context) throws {
        try context.require(self)
        let id = try TicketCodes.resolve(ticket, context: context)
        let (day, _) = try context.record(Self.action(id))
        Output.line(Self.done(id, day))
    }
}
