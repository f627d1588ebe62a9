import LobbyCore
import LobbyText
import LobbyPlatform
import LobbyPrinting
import LobbyServices

struct Assist: TicketRepAction {
    static let configuration = CommandConfiguration(
        name: "assist", abstract: "NAME assists the reception of TICKET (R12: never counts, never costs a turn).",
        arguments: [.ticket, .rep])
    static let staffAction = StaffAction.assist
    let ticket: String
    let rep: RepName
    static func action(_ id: TicketID, _ rep: RepName) -> Action { .assist(id, rep) }
    static func done(_ id: TicketID, _ rep: RepName) -> String { StaffLanguage.say("done.assist", ["rep": "\(rep)", "ticket": "\(id)"]) }
}
