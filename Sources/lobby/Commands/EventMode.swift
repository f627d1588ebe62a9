import LobbyCore
import LobbyStore
import LobbyText
import LobbyPlatform
import LobbyPrinting
import LobbyServices

struct EventMode: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "event", abstract: "Supervisor: switch manual event mode on or off (R7).",
        discussion: "In event mode the console assigns every visitor (lobby call --rep NAME) and the rotation does not move.",
        arguments: [switchArgument], options: [why])

    static let switchArgument = Argument("on|off", choices: ["on", "off"])
    static let why = Option.text("--why", "TEXT", help: "recorded with the action")

    let on: Bool
    let why: String?

    init(_ arguments: Arguments) throws(LobbyError) {
        why = try arguments.value(Self.why)
        on = try arguments.required(Self.switchArgument) == "on"
    }

    func staffAction(_ context: Context) -> StaffAction? { .eventMode }

    func run(_ context: Context) throws {
        try context.require(self)
        try context.record(.eventMode(on), why: why)
        Output.line(StaffLanguage.say(on ? "done.eventOn" : "done.eventOff"))
    }
}
