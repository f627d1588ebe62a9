import LobbyCore
import LobbyText
import LobbyPlatform
import LobbyPrinting
import LobbyServices

struct Transfer: TicketRepAction {
    static let configuration = CommandConfiguration(
        name: "transfer", abstract: "The customer of TICKET asked for another rep, NAME (R14).",
        discussion: "The first rep's reception stands as it was; NAME takes over (not counted, R14) and the customer becomes theirs.",
        arguments: [.ticket, .rep])
    static let staffAction = StaffAction.transfer
    let ticket: String
    let rep: RepName
    static func action(_ id: TicketID, _ rep: RepName) -> Action { .transfer(id, rep) }
    static func done(_ id: TicketID, _ rep: RepName) -> String { StaffLanguage.say("done.transfer", ["rep": "\(rep)", "ticket": "\(id)"]) }
}
