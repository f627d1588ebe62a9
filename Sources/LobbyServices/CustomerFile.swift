import LobbyCore
import LobbyStore
import LobbyText

/// Everything kept about one consenting customer, read in one transaction: who they are, who
/// owns them and until when (R11), their visits and who received them, follow-ups,
/// appointments, complaints and satisfaction.
package struct CustomerFile: Sendable {
    /// One reception of one of the customer's tickets, as the day's events tell it.
    package struct Reception: Sendable, Equatable {
        package let day: String
        package let ticket: TicketID
        package let rep: RepName
        package let kind: ReceptionKind
        package let counted: Bool
        package let calledAt: Instant
    }

    package let details: CustomerDetails
    /// The owner while ownership has not lapsed (R11), and the last instant it holds.
    package let owner: RepName?
    package let ownedUntil: Instant?
    package let visits: [TicketRecord]
    package let receptions: [Reception]
    package let followUps: [FollowUpRecord]
    package let bookings: [BookingRecord]
    package let feedback: [FeedbackRecord]
    package let complaints: [ComplaintRecord]

    package var id: Int64 { details.customer.id }

    /// Reads the file of customer `id`; call inside the transaction that records the view.
    package static func read(customer id: Int64, store: Store, settings: Settings, now: Instant) throws -> CustomerFile? {
        guard let details = try store.customerDetails(id: id) else { return nil }
        let visits = try store.visits(customer: id)
        var receptions: [Reception] = []
        let keys = try store.days()
        var dates: [String] = []
        for visit in visits where !dates.contains(visit.day) { dates.append(visit.day) }
        for date in dates {
            guard let key = keys.first(where: { $0.date == date }) else { continue }
            let day = try store.day(key, settings: settings)
            let tickets = Set(visits.filter { $0.day == date }.map(\.id))
            receptions += day.receptions.filter { tickets.contains($0.ticket) }.map {
                Reception(day: date, ticket: $0.ticket, rep: $0.rep, kind: $0.kind, counted: $0.counted, calledAt: $0.calledAt)
            }
        }
        let record = details.customer.record
        return CustomerFile(
            details: details, owner: record.activeOwner(at: now, settings: settings),
            ownedUntil: record.activeOwner(at: now, settings: settings) == nil ? nil : record.ownedUntil(settings: settings),
            visits: visits, receptions: receptions, followUps: try store.followUps(customer: id),
            bookings: try store.bookings(customer: id), feedback: try store.feedback(customer: id),
            complaints: try store.complaints(customer: id))
    }

    /// The mean satisfaction score, nil without any answer.
    package var meanScore: Double? {
        feedback.isEmpty ? nil : Double(feedback.map(\.score).reduce(0, +)) / Double(feedback.count)
    }

    /// The appointments still to come or not yet settled.
    package var openBookings: [BookingRecord] { bookings.filter(\.isOpen) }
}

/// The customer's file in the JSON of `lobby customer --json`.
extension CustomerFile {
    package func json(offset: Int) -> JSON {
        func iso(_ instant: Instant) -> JSON { .string(CivilTime(instant, offset: offset).iso8601) }
        func date(_ instant: Instant?) -> JSON { .string(instant.map { CivilTime($0, offset: offset).date }) }
        return .object([
            ("customer", .int(Int(id))),
            ("name", .string(details.name)),
            ("phone", .string(details.phone)),
            ("owner", .string(owner)),
            ("lapses", date(ownedUntil)),
            ("lastActivity", details.customer.record.lastActivity.map(iso) ?? .null),
            ("firstVisit", date(visits.first?.issuedAt)),
            ("visits", .array(visits.map { visit in
                .object([("date", .string(visit.day)), ("ticket", .string(visit.id)), ("category", .string(visit.category.rawValue)),
                         ("rep", .string(receptions.last { $0.day == visit.day && $0.ticket == visit.id && $0.kind != .assist }?.rep))])
            })),
            ("receptions", .array(receptions.map { reception in
                .object([("date", .string(reception.day)), ("ticket", .string(reception.ticket)), ("rep", .string(reception.rep)),
                         ("kind", .string(reception.kind.rawValue)), ("counted", .bool(reception.counted)),
                         ("at", iso(reception.calledAt))])
            })),
            ("followups", .array(followUps.map { followUp in
                .object([("at", iso(followUp.at)), ("rep", .string(followUp.rep)), ("note", .string(followUp.note))])
            })),
            ("bookings", .array(bookings.map { booking in
                .object([("code", .string(booking.code)), ("at", iso(booking.at)), ("rep", .string(booking.rep)),
                         ("party", .int(booking.party)), ("status", .string(booking.status))])
            })),
            ("complaints", .array(complaints.map { complaint in
                .object([("id", .int(Int(complaint.id))), ("rep", .string(complaint.rep)), ("text", .string(complaint.text)),
                         ("openedAt", iso(complaint.openedAt)), ("resolvedAt", complaint.resolvedAt.map(iso) ?? .null)])
            })),
            ("satisfaction", .object([
                ("n", .int(feedback.count)), ("mean", meanScore.map { .number($0) } ?? .null),
                ("scores", .array(feedback.map { answer in
                    .object([("date", .string(answer.day)), ("ticket", .string(answer.ticket)), ("rep", .string(answer.rep)),
                             ("score", .int(answer.score))])
                })),
            ])),
        ])
    }
}

/// The customer's file as `lobby customer` prints it, in the staff's language.
extension CustomerFile {
    package func page(_ words: StaffWords, offset: Int) -> [String] {
        func time(_ instant: Instant) -> String {
            let civil = CivilTime(instant, offset: offset)
            return civil.date + " " + (civil.hour < 10 ? "0" : "") + String(civil.hour) + ":" + (civil.minute < 10 ? "0" : "") + String(civil.minute)
        }
        let none = words.text("customer.none")
        var lines = [words.text("customer.header", [
            "id": String(id), "name": TerminalText.value(details.name ?? "—"), "phone": details.phone,
        ])]
        if let owner, let ownedUntil {
            lines.append(words.text("visitor.owner", ["rep": owner.rawValue, "date": CivilTime(ownedUntil, offset: offset).date]))
        } else {
            lines.append(words.text("visitor.noOwner"))
        }
        if let first = visits.first {
            lines.append(words.text("customer.firstVisit", ["date": first.day, "n": String(visits.count)]))
        }
        lines.append(words.text("customer.receptionsTitle") + (receptions.isEmpty ? " " + none : ""))
        for reception in receptions {
            lines.append("  " + words.text("customer.receptionLine", [
                "at": time(reception.calledAt), "ticket": reception.ticket.rawValue, "rep": reception.rep.rawValue,
                "kind": words.kind(reception.kind),
                "counted": words.text(reception.counted ? "customer.counted" : "customer.notCounted"),
            ]))
        }
        lines.append(words.text("customer.followupsTitle") + (followUps.isEmpty ? " " + none : ""))
        for followUp in followUps {
            lines.append("  " + words.text("visitor.followupLine", [
                "at": time(followUp.at), "rep": followUp.rep.rawValue, "note": TerminalText.value(followUp.note),
            ]))
        }
        lines.append(words.text("customer.bookingsTitle") + (bookings.isEmpty ? " " + none : ""))
        for booking in bookings {
            lines.append("  " + words.text("customer.bookingLine", [
                "code": booking.code, "at": time(booking.at), "rep": booking.rep.rawValue, "status": booking.status,
            ]))
        }
        lines.append(words.text("customer.complaintsTitle") + (complaints.isEmpty ? " " + none : ""))
        for complaint in complaints {
            let state = complaint.resolvedAt.map { words.text("customer.resolved", ["at": time($0)]) } ?? words.text("customer.open")
            lines.append("  " + words.text("customer.complaintLine", [
                "id": String(complaint.id), "at": time(complaint.openedAt), "state": state, "text": TerminalText.value(complaint.text),
            ]))
        }
        if let meanScore {
            let tenths = Int((meanScore * 10).rounded())
            lines.append(words.text("customer.satisfaction", ["mean": "\(tenths / 10).\(tenths % 10)", "n": String(feedback.count)]))
        } else {
            lines.append(words.text("customer.noSatisfaction"))
        }
        return lines
    }
}
