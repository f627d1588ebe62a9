import LobbyCore
import LobbyText
import LobbyPlatform
import LobbyPrinting
import LobbyServices

struct Claim: TicketRepAction {
    static let configuration = CommandConfiguration(
        name: "claim", abstract: "NAME recognized the visitor of TICKET as their own customer (R13).",
        arguments: [.ticket, .rep])
    static let staffAction = StaffAction.claim
    let ticket: String
    let rep: RepName
    static func action(_ id: TicketID, _ rep: RepName) -> Action { .claim(id, rep) }
    static func done(_ id: TicketID, _ rep: RepName) -> String { StaffLanguage.say("done.claim", ["rep": "\(rep)", "ticket": "\(id)"]) }
}
