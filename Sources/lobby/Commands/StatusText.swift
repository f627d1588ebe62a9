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
        words: StaffWords, closed: CheckinClosedView? = nil, printerDevice: String? = nil, bookings: [TodaysBooking] = []
    ) -> [String] {
        // Which clock the time is from, so that nobody mistakes a demo's time for the real one.
        let clock = words.text(simulatedClock ? "statusClockSimulated" : "statusClockSystem")
        var lines = ["\(key.date) \(CivilTime(now, offset: key.utcOffset).iso8601.dropFirst(11).prefix(5))  \(clock)"]
        if day.eventMode { lines.append(words.text("statusEventMode")) }
        // A paused kiosk issues no tickets: staff must see it before a visitor tells them.
        if let closed { lines.append(closed.text(words)) }
        lines.append("")

        // Reps serving a rotation reception hold no place (R2); they follow the rotation, unnumbered.
        let placed = day.rotation.enumerated().map { (words.place($0 + 1), $1) }
        let serving = day.reps.filter { $0.state == .serving }.map { ("-", $0) }
        if placed.isEmpty && serving.isEmpty {
            lines.append(words.text("statusNoReps"))
        } else {
            var rows = [["statusPlace", "statusRep", "statusState", "statusTicket", "statusKind", "statusFor"].map { words.text($0) }]
            for (place, rep) in placed + serving {
                var state = words.state(rep.state)
                if let hold = day.hold(of: rep.name), rep.state == .ready {
                    let booked = bookings.first { $0.code == hold.code }
                    state += " " + words.text("statusHeld", ["time": booked?.time ?? "", "code": hold.code])
                }
                var row = [place, rep.name.rawValue, state]
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
                    words.minutes((now - ticket.issuedAt) / 60),
                    WaitWords.said(wait, onDuty: day.hasRepOnDuty, words.language),
                ])
            }
            lines += DisplayWidth.table(rows)
            // A visitor whose slip did not print has only the screen's number: reprint it for them.
            for ticket in day.waiting where printed[ticket.id] == false {
                lines.append(words.text("statusNotPrinted", [
                    "ticket": ticket.id.rawValue, "device": printerDevice ?? words.text("statusNoPrinter"),
                ]))
            }
        }
        lines.append("")

        if let line = Self.bookingsLine(bookings, words: words) {
            lines.append(line)
            lines.append("")
        }

        let nobody = words.text("statusNobodyReady")
        lines.append("\(words.text("statusUp")): \(day.up?.rawValue ?? nobody)   \(words.text("boardPhone")): \(day.phoneDuty?.rawValue ?? nobody)")
        return lines
    }
}

extension StatusText {
    /// Today's bookings in one line, by time, rep and code (never who booked); nil when none.
    static func bookingsLine(_ bookings: [TodaysBooking], words: StaffWords) -> String? {
        guard !bookings.isEmpty else { return nil }
        let items = bookings.map { booking in
            words.text("statusBookingItem", [
                "time": booking.time, "rep": booking.rep.rawValue, "code": booking.code,
                "status": words.text("booking." + booking.status.rawValue),
            ])
        }
        return words.text("statusBookings", ["n": String(bookings.count), "list": items.joined(separator: words.language == .zh ? "，" : ", ")])
    }
}

/// Why check-in issues no tickets now, for `status`: paused by whom and when, or outside its hours.
struct CheckinClosedView {
    enum Reason: String { case paused, hours }

    var reason: Reason
    var why: String?
    var by: String?
    var at: String?
    /// When check-in opens again (outside checkinHours).
    var opens: String?

    init(context: Context) throws {
        guard let closed = try CheckinService.closed(context: context) else {
            throw LobbyError.refused("check-in is open")
        }
        switch closed {
        case let .paused(why):
            reason = .paused
            self.why = why
            let pause = try context.store.siteValue(CheckinService.pauseKey).flatMap { try? JSON.parse($0) }
            by = pause?["by"]?.stringValue
            at = pause?["at"]?.stringValue
        case let .hours(opens):
            reason = .hours
            self.opens = opens
        }
    }

    static func current(_ context: Context) throws -> CheckinClosedView? {
        guard try CheckinService.closed(context: context) != nil else { return nil }
        return try CheckinClosedView(context: context)
    }

    func text(_ words: StaffWords) -> String {
        switch reason {
        case .paused:
            let time = at.map { String($0.dropFirst(11).prefix(5)) } ?? "?"
            return words.text("statusPaused", [
                "why": why.map { words.text("pausedWhy", ["why": $0]) } ?? "", "by": by ?? "?", "at": time,
            ])
        case .hours:
            return words.text("statusClosedHours", ["time": opens ?? "?"])
        }
    }

    var json: JSON {
        .object([
            ("open", .bool(false)), ("reason", .string(reason.rawValue)), ("why", why.map(JSON.string) ?? .null),
            ("by", by.map(JSON.string) ?? .null), ("at", at.map(JSON.string) ?? .null), ("opens", opens.map(JSON.string) ?? .null),
        ])
    }
}
