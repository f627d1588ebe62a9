import LobbyCore
import LobbyText
import LobbyPlatform
import LobbyPrinting
import LobbyServices

struct Noshow: TicketAction {
    static let configuration = CommandConfiguration(
        name: "noshow", abstract: "A called visitor did not come; the rep goes back to the place they held.",
        arguments: [.ticket])
    static let staffAction = StaffAction.noshow
    let ticket: String
    static func action(_ id: TicketID) -> Action { .noshow(id) }
    static func done(_ id: TicketID, _ day: Day) -> String { StaffLanguage.say("done.noshow", ["ticket": "\(id)", "up": day.up.map { "\($0)" } ?? StaffLanguage.say("done.nobodyReady")]) }
}
