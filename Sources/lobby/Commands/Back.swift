import LobbyCore
import LobbyText
import LobbyPlatform
import LobbyPrinting
import LobbyServices

struct Back: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "back", abstract: "NAME is back at the front desk (from an absence or an assist).",
        arguments: [.rep])

    let rep: RepName

    init(_ arguments: Arguments) throws(LobbyError) {
        rep = try arguments.rep(Argument.rep)
    }

    func staffAction(_ context: Context) -> StaffAction? { .back }

    func run(_ context: Context) throws {
        try context.require(self)
        try context.requireRep(rep)
        let (day, _) = try context.record(.back(rep))
        let place = day.rotation.firstIndex { $0.name == rep }
        Output.line(StaffLanguage.say(place == nil ? "done.back" : "done.backAt",
                                      ["rep": "\(rep)", "place": place.map { String($0 + 1) } ?? ""]))
    }
}
