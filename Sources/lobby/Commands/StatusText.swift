import LobbyCore
import LobbyStore
import LobbyText
import LobbyPlatform
import LobbyPrinting
import LobbyServices

/// `lobby status` for people: the reps with their places, states and receptions, then the
/// waiting tickets with their estimates, as tables aligned by display width.
enum StatusText {
    static func render(
        day: Day, waits: [Wait], printed: [TicketID: Bool] = [:], key: DayKey, now: Instant, simulatedClock: Bool,
        words: StaffWords
    ) -> [String] {
        // Which clock the time is from, so that nobody mistakes a demo's time for the real one.
        let clock = words.text(simulatedClock ? "statusClockSimulated" : "statusClockSystem")
        var lines = ["\(key.date) \(CivilTime(now, offset: key.utcOffset).iso8601.dropFirst(11).prefix(5))  \(clock)"]
        if day.eventMode { lines.append(words.text("statusEventMode")) }
        lines.append("")

        // Reps serving a rotation reception hold no place (R2); they follow the rotation, unnumbered.
        let placed = day.rotation.enumerated().map { (words.place($0 + 1), $1) }
        let serving = day.reps.filter { $0.state == .serving }.map { ("-", $0) }
        if placed.isEmpty && serving.isEmpty {
            lines.append(words.text("statusNoReps"))
        } else {
            var rows = [["statusPlace", "statusRep", "statusState", "statusTicket", "statusKind", "statusFor"].map { words.text($0) }]
            for (place, rep) in placed + serving {
                var row = [place, rep.name.rawValue, words.state(rep.state)]
                if let reception = day.openReception(of: rep.name) {
                    row += [reception.ticket.rawValue, words.kind(reception.kind), words.minutes((now - reception.calledAt) / 60)]
                }
                rows.append(row)
            }
            lines += DisplayWidth.table(rows)
        }
        lines.append("")

        if day.waiting.isEmpty {
            lines.append(words.text("statusNobodyWaiting"))
        } else {
            lines.append(words.text("statusWaitingTitle"))
            var rows = [["statusTicket", "statusCategory", "statusWaitsFor", "statusAhead", "statusWaited", "statusEstimate"].map { words.text($0) }]
            for (ticket, wait) in zip(day.waiting, waits) {
                rows.append([
                    ticket.id.rawValue, words.category(ticket.info.category), ticket.info.rep?.rawValue ?? "-", String(day.ahead(of: ticket.id)),
                    words.minutes((now - ticket.issuedAt) / 60), "\(wait.p50)–\(wait.p80) \(words.text("minutes"))",
                ])
            }
            lines += DisplayWidth.table(rows)
            // A visitor whose slip did not print has only the screen's number: reprint it for them.
            for ticket in day.waiting where printed[ticket.id] == false {
                lines.append(words.text("statusNotPrinted", ["ticket": ticket.id.rawValue]))
            }
        }
        lines.append("")

        let nobody = words.text("statusNobodyReady")
        lines.append("\(words.text("statusUp")): \(day.up?.rawValue ?? nobody)   \(words.text("boardPhone")): \(day.phoneDuty?.rawValue ?? nobody)")
        return lines
    }
}
