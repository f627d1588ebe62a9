import LobbyCore
import LobbyText
import LobbyPlatform
import LobbyServices

extension Desk {
    /// After a call at the desk, who the receiving consultant is about to meet, in two lines,
    /// when the visitor consented and the person at the desk may see them; each one shown is
    /// written to the access log.
    static func showVisitors(before: Day, after: Day, session: Context, words: StaffWords) throws {
        let called = after.openReceptions.filter { new in
            new.kind != .assist && !before.openReceptions.contains { $0.ticket == new.ticket && $0.rep == new.rep }
        }
        for reception in called {
            guard case let .shown(card) = try CustomerViews.visitor(reception.ticket, context: session, what: "desk call") else { continue }
            Output.line(card.lines(words).map { "  ☞ " + $0 }.joined(separator: "\n"))
        }
    }
}
