import LobbyCore
import LobbyStore
import LobbyText

/// What `lobby report` shows for a period: every recorded day in it rebuilt from its events,
/// with the rows around them, reduced by LobbyCore's report arithmetic.
package struct ReportData {
    package struct DayPart {
        package var key: DayKey
        package var day: Day
        package var figures: ReportFigures
        package var unreceived: [TicketID]
    }

    package var from: String
    package var to: String
    package var days: [DayPart]
    package var input: ReportInput
    package var period: ReportFigures
    package var serviceLevelMinutes: Int
    /// The reps of the period's tables, in the order of the last day's table.
    package var repOrder: [RepName]

    package static func load(from: String, to: String, single: Bool, context: Context) throws -> ReportData {
        let store = try context.store
        let site = try context.site
        let settings = site.rules
        let today = try context.dayKey()
        let now = context.now
        let level = site.serviceLevelMinutes
        return try store.read {
            var keys = try store.days().filter { $0.date >= from && $0.date <= to }
            if keys.isEmpty {
                if single && from == today.date {
                    keys = [today]
                } else if single {
                    throw LobbyError.notFound("date: no record of \(from)")
                }
            }
            var input = ReportInput()
            var parts: [(DayKey, Day, [TicketID])] = []
            for key in keys {
                let day = try store.day(key, settings: settings)
                let quotes = try store.quotes(day: key.date)
                let records = Dictionary(try store.tickets(day: key.date).map { ($0.id, $0) }) { a, _ in a }
                for (ticket, minutes, outcome) in day.waits(now: now) {
                    let record = records[ticket.id]
                    let quote = quotes[ticket.id]
                    let visit = quote?.booking != nil ? "booked"
                        : (ticket.info.category == .returning || record?.firstVisit == "no") ? "returning" : "first"
                    // Consent from the record's person id, which outlives retention (the ticket's name
                    // and customer row do not), so a day's figures stand after a person is forgotten.
                    let consenting = ticket.info.customer != nil
                    let complete = consenting && [record?.project, record?.budget, record?.source, record?.firstVisit]
                        .allSatisfy { !($0 ?? "").isEmpty }
                    input.visitors.append(ReportVisitor(
                        day: key.date, ticket: ticket.id, hour: CivilTime(ticket.issuedAt, offset: key.utcOffset).hour,
                        purpose: record?.purpose.rawValue ?? (ticket.info.category == .other ? "other" : "buy"),
                        source: record?.source, visit: visit, party: ticket.info.party, budget: record?.budget,
                        wait: minutes, outcome: outcome, quotedP50: quote?.p50, quotedP80: quote?.p80,
                        consenting: consenting, complete: complete))
                }
                input.receptions += day.reportReceptions(date: key.date)
                for action in try store.supervisorActions(day: key.date) {
                    input.actions.append(ReportAction(
                        day: key.date, at: context.iso8601(action.at, key: key), kind: action.kind, by: action.actor,
                        what: action.what, why: action.why))
                }
                parts.append((key, day, day.tickets.filter { $0.status == .unreceived }.map(\.id)))
            }
            let offset = keys.last?.utcOffset ?? today.utcOffset
            let start = Self.midnight(from, offset: offset)
            let end = Self.midnight(to, offset: offset) + 86_400
            input.feedback = try store.feedback(from: from, to: to)
            input.complaints = try store.complaints(openedFrom: start, before: end).map {
                ReportComplaint(day: CivilTime($0.openedAt, offset: offset).date, openedAt: $0.openedAt, resolvedAt: $0.resolvedAt)
            }
            let settings = try context.site.rules
            input.bookings = try store.bookings(from: start, before: end).map { booking in
                // An open booking whose grace has run out is a no-show, written down or not yet.
                let slot = BookingSlot(code: "", rep: "", at: booking.at, status: BookingStatus(rawValue: booking.status) ?? .open)
                let status = BookingStatus(rawValue: booking.status) == nil
                    ? booking.status : BookingRules.status(of: slot, at: context.now, settings: settings).rawValue
                return ReportBooking(day: CivilTime(booking.at, offset: offset).date, status: status)
            }
            var order: [RepName] = []
            for (_, day, _) in parts.reversed() {
                for name in day.reps.map(\.name) where !order.contains(name) { order.append(name) }
            }
            let days = parts.map { key, day, unreceived in
                DayPart(key: key, day: day,
                        figures: ReportFigures(input.only(key.date), serviceLevelMinutes: level, repOrder: day.reps.map(\.name)),
                        unreceived: unreceived)
            }
            return ReportData(
                from: from, to: to, days: days, input: input,
                period: ReportFigures(input, serviceLevelMinutes: level, repOrder: order),
                serviceLevelMinutes: level, repOrder: order)
        }
    }

    static func midnight(_ date: String, offset: Int) -> Instant {
        guard let (y, m, d) = CivilTime.parseDate(date) else { return Instant(0) }
        return CivilTime(year: y, month: m, day: d, offset: offset).instant
    }
}
