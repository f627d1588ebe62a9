import LobbyCore
import LobbyText
import LobbyPlatform
import LobbyPrinting
import LobbyServices

struct Finish: TicketAction {
    static let configuration = CommandConfiguration(
        name: "finish", abstract: "The reception of TICKET is over; the rep moves by the rules.",
        discussion: "After a counted rotation reception the rep goes to the tail (R2); otherwise back to the place held (R4), or to the tail if passed while away on leave or serving a named visitor (R3).",
        arguments: [.ticket])
    static let staffAction = StaffAction.finish
    let ticket: String
    static func action(_ id: TicketID) -> Action { .finish(id) }
    static func done(_ id: TicketID, _ day: Day) -> String { StaffLanguage.say("done.finish", ["ticket": "\(id)", "up": day.up.map { "\($0)" } ?? StaffLanguage.say("done.nobodyReady")]) }
}
