import LobbyCore
import LobbyStore
import LobbyText
import LobbyPlatform
import LobbyPrinting
import LobbyServices

struct Undo: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "undo", abstract: "Supervisor: take back the day's last staff action (a mistaken finish or call).",
        discussion: """
            Appends a correcting event; nothing is deleted. The day is worked out again from its
            opening order without the action taken back, so the rotation and the tallies are
            as if it had never happened; visitors' check-ins after it stand. Run it again to take
            back the action before. The report lists each correction with who made it and why.
            Check-ins and staff-list changes (rename, deactivate) are not taken back this way.
            """,
        options: [whyOption])

    static let whyOption = Option.text("--why", "TEXT", help: "recorded with the correction")

    let why: String?

    init(_ arguments: Arguments) throws(LobbyError) {
        why = try arguments.value(Self.whyOption)
    }

    func staffAction(_ context: Context) -> StaffAction? { .undo }

    func run(_ context: Context) throws {
        try context.require(.undo, as: "undo")
        let (day, effect) = try context.record(.undo, why: why)
        guard case let .undone(taken) = effect else { return }
        Output.line(StaffLanguage.say("done.undo", ["action": Self.describe(taken.action), "up": day.up.map { "\($0)" } ?? "-"]))
    }

    /// The action taken back: as the command was typed in English, in words in Chinese.
    static func describe(_ action: Action) -> String {
        guard StaffLanguage.spoken == .en else { return said(action) }
        switch action {
        case let .call(ticket, rep, _, _): return "call" + (ticket.map { " " + $0.rawValue } ?? "") + (rep.map { " → " + $0.rawValue } ?? "")
        case let .finish(ticket): return "finish \(ticket)"
        case let .noshow(ticket): return "no-show \(ticket)"
        case let .away(rep, reason): return "away \(rep) (\(reason.rawValue))"
        case let .back(rep): return "back \(rep)"
        case let .assist(ticket, rep): return "assist \(ticket) by \(rep)"
        case let .transfer(ticket, rep): return "transfer \(ticket) to \(rep)"
        case let .claim(ticket, rep): return "claim \(ticket) by \(rep)"
        case let .makeup(rep, place): return "make-up \(rep) at \(place ?? 1)"
        case let .eventMode(on): return "event mode \(on ? "on" : "off")"
        case let .group(ticket, other): return "group \(other) with \(ticket)"
        case let .roster(names, _): return "roster " + names.map(\.rawValue).joined(separator: " ")
        case let .rename(old, new): return "rename \(old) → \(new)"
        case .checkin, .undo, .closeDay: return "\(action)"
        }
    }

    private static func said(_ action: Action) -> String {
        func say(_ key: String, _ values: [String: String]) -> String { StaffLanguage.say("undone." + key, values) }
        switch action {
        case let .call(ticket, rep, _, _):
            return say("call", ["ticket": ticket.map { "\($0)" } ?? "", "rep": rep.map { " → \($0)" } ?? ""])
        case let .finish(ticket): return say("finish", ["ticket": "\(ticket)"])
        case let .noshow(ticket): return say("noshow", ["ticket": "\(ticket)"])
        case let .away(rep, reason): return say("away", ["rep": "\(rep)", "reason": StaffLanguage.say("state.away-" + reason.rawValue)])
        case let .back(rep): return say("back", ["rep": "\(rep)"])
        case let .assist(ticket, rep): return say("assist", ["ticket": "\(ticket)", "rep": "\(rep)"])
        case let .transfer(ticket, rep): return say("transfer", ["ticket": "\(ticket)", "rep": "\(rep)"])
        case let .claim(ticket, rep): return say("claim", ["ticket": "\(ticket)", "rep": "\(rep)"])
        case let .makeup(rep, place): return say("makeup", ["rep": "\(rep)", "place": String(place ?? 1)])
        case let .eventMode(on): return say(on ? "eventOn" : "eventOff", [:])
        case let .group(ticket, other): return say("group", ["ticket": "\(ticket)", "other": "\(other)"])
        case let .roster(names, _): return say("roster", ["names": names.map { "\($0)" }.joined(separator: " ")])
        case let .rename(old, new): return say("rename", ["old": "\(old)", "new": "\(new)"])
        case .checkin, .undo, .closeDay: return "\(action)"
        }
    }
}
