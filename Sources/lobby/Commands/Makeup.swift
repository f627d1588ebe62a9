import LobbyCore
import LobbyStore
import LobbyText
import LobbyPlatform
import LobbyPrinting
import LobbyServices

struct Makeup: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "makeup", abstract: "Supervisor: give NAME a make-up turn at place K (default the head) (R6).",
        arguments: [.rep], options: [place, why])

    static let place = Option.wholeNumber("--place", "K", in: 1...999, help: "the place, counting from 1 (default 1)")
    static let why = Option.text("--why", "TEXT", help: "recorded with the action")

    let rep: RepName
    let place: Int?
    let why: String?

    init(_ arguments: Arguments) throws(LobbyError) {
        place = try arguments.value(Self.place)
        why = try arguments.value(Self.why)
        rep = try arguments.rep(Argument.rep)
    }

    func staffAction(_ context: Context) -> StaffAction? { .makeup }

    func run(_ context: Context) throws {
        try context.require(self)
        try context.requireRep(rep)
        let (day, _) = try context.record(.makeup(rep, place: place), why: why)
        let at = day.rotation.firstIndex { $0.name == rep }.map { $0 + 1 } ?? 0
        Output.line(StaffLanguage.say("done.makeup", ["rep": "\(rep)", "place": String(at)]))
    }
}
