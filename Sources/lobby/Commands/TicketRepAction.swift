import LobbyCore
import LobbyText
import LobbyPlatform
import LobbyPrinting
import LobbyServices

protocol TicketRepAction: LobbyCommand {
    init(ticket: String, rep: RepName)
    var ticket: String { get }
    var rep: RepName { get }
    static func action(_ id: TicketID, _ rep: RepName) -> Action
    static func done(_ id: TicketID, _ rep: RepName) -> String
    static var staffAction: StaffAction { get }
}

extension TicketRepAction {
    init(_ arguments: Arguments) throws(LobbyError) {
        self.init(ticket: try arguments.required(Argument.ticket), rep: try arguments.rep(Argument.rep))
    }

    func staffAction(_ context: Context) -> StaffAction? { Self.staffAction }

    func run(_ context: Context) throws {
        try context.require(self)
        try context.requireRep(rep)
        let id = try TicketCodes.resolve(ticket, context: context)
        try context.record(Self.action(id, rep))
        Output.line(Self.done(id, rep))
    }
}
