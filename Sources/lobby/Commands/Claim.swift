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
    static func done(_ id: TicketID, _ rep: RepName) -> String { "\(id) claimed by \(rep) (serving-named, not counted: R22)." }
}
