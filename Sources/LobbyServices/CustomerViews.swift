import LobbyCore
import LobbyStore
import LobbyText

/// What a view of personal data came to: shown (and recorded in the access log in the same
/// transaction as the read), nothing kept to show, or not this member's to see.
package enum Viewing<Shown> {
    case shown(Shown)
    /// The visitor gave no consent: nothing personal is kept, so nothing was read or recorded.
    case nothingKept
    case refused
}

/// The staff's views of a visitor or customer: each decides with the core's access rule
/// (`CustomerAccess`) who may see what, and writes every view to the access log (who, when,
/// which customer) in the transaction that read it.
package enum CustomerViews {
    /// The access rule's name for the staff member `actor`; nil for someone not on the staff list.
    package static func viewer(_ actor: String, store: Store) throws -> CustomerAccess.Viewer? {
        guard let member = try store.staff(actor) else { return nil }
        switch member.role {
        case .supervisor: return .supervisor
        case .receptionist: return .receptionist
        case .rep: return .rep(RepName(member.name))
        }
    }

    /// The visitor of today's ticket `id`, for `lobby visitor` and the desk's call lines. Call
    /// after the actor's PIN was checked.
    package static func visitor(_ id: TicketID, context: Context, what: String) throws -> Viewing<VisitorCard> {
        let key = try context.dayKey()
        let settings = try context.site.rules
        let now = context.now
        return try context.write(key) { store in
            guard let ticket = try store.ticket(day: key.date, id: id) else {
                throw LobbyError.notFound("visitor: no ticket \(id) today")
            }
            let personal = [ticket.name, ticket.project, ticket.budget, ticket.source]
            guard ticket.customer != nil || personal.contains(where: { $0 != nil }) else { return .nothingKept }
            let day = try store.day(key, settings: settings)
            let receiving = day.receptions.last { $0.ticket == id && $0.kind != .assist }?.rep ?? ticket.rep
            let file = try ticket.customer.flatMap { try CustomerFile.read(customer: $0, store: store, settings: settings, now: now) }
            guard let viewer = try viewer(context.actor, store: store),
                CustomerAccess.mayView(viewer, .visitor(owner: file?.owner, receiving: receiving))
            else { return .refused }
            try store.recordAccess(actor: context.actor, action: .view, customer: ticket.customer,
                                   what: "\(what) \(key.date) \(id)", at: now)
            return .shown(VisitorCard(ticket: ticket, file: file, receiving: receiving, offset: key.utcOffset))
        }
    }

    /// How staff name a customer: by phone, or by one of today's tickets.
    package enum Reference {
        case phone(String)
        case ticket(TicketID)
    }

    /// A customer's whole file, for `lobby customer`.
    package static func customer(_ reference: Reference, context: Context) throws -> Viewing<CustomerFile> {
        let key = try context.dayKey()
        let settings = try context.site.rules
        let now = context.now
        return try context.write(key) { store in
            let id: Int64
            switch reference {
            case let .phone(phone):
                guard let found = try store.customer(phone: phone) else {
                    throw LobbyError.notFound("customer: no customer with that phone number")
                }
                id = found.id
            case let .ticket(ticket):
                guard let record = try store.ticket(day: key.date, id: ticket) else {
                    throw LobbyError.notFound("customer: no ticket \(ticket) today")
                }
                guard let customer = record.customer else {
                    throw LobbyError.notFound("customer: ticket \(ticket) has no customer record (no consent, or no phone given)")
                }
                id = customer
            }
            guard let file = try CustomerFile.read(customer: id, store: store, settings: settings, now: now) else {
                throw LobbyError.notFound("customer: no customer \(id)")
            }
            guard let viewer = try viewer(context.actor, store: store), CustomerAccess.mayView(viewer, .record(owner: file.owner)) else {
                return .refused
            }
            try store.recordAccess(actor: context.actor, action: .view, customer: id, what: "customer \(id)", at: now)
            return .shown(file)
        }
    }

    /// One line of a rep's customer list.
    package struct Owned: Sendable {
        package let details: CustomerDetails
        package let ownedUntil: Instant
        package let daysLeft: Int
        package let visits: Int
    }

    /// The customers `rep` owns now (R11), the soonest to lapse first; with `within`, only those
    /// whose ownership lapses within that many days. Every customer listed is a view, recorded.
    package static func owned(by rep: RepName, within: Int?, context: Context) throws -> Viewing<[Owned]> {
        let key = try context.dayKey()
        let settings = try context.site.rules
        let now = context.now
        return try context.write(key) { store in
            guard let viewer = try viewer(context.actor, store: store), CustomerAccess.mayList(viewer, rep: rep) else {
                return .refused
            }
            var owned: [Owned] = []
            for customer in try store.customers(owner: rep) {
                let record = customer.record
                guard record.activeOwner(at: now, settings: settings) == rep, let until = record.ownedUntil(settings: settings),
                    let left = record.ownershipDaysLeft(at: now, settings: settings)
                else { continue }
                if let within, !record.lapses(within: within, at: now, settings: settings) { continue }
                guard let details = try store.customerDetails(id: customer.id) else { continue }
                owned.append(Owned(details: details, ownedUntil: until, daysLeft: left, visits: try store.visits(customer: customer.id).count))
            }
            owned.sort { ($0.ownedUntil, $0.details.customer.id) < ($1.ownedUntil, $1.details.customer.id) }
            for entry in owned {
                try store.recordAccess(actor: context.actor, action: .view, customer: entry.details.customer.id,
                                       what: "customers of \(rep)", at: now)
            }
            return .shown(owned)
        }
    }
}

/// Who the receiving consultant is about to meet: the ticket's consented answers and, for a
/// known customer, their history in brief.
package struct VisitorCard: Sendable {
    package let ticket: TicketRecord
    package let file: CustomerFile?
    package let receiving: RepName?
    package let offset: Int

    /// The visits before this ticket (the store lists them in the order they were issued).
    package var earlier: [TicketRecord] {
        let visits = file?.visits ?? []
        guard let index = visits.firstIndex(where: { $0.day == ticket.day && $0.id == ticket.id }) else {
            return visits.filter { $0.issuedAt <= ticket.issuedAt }
        }
        return Array(visits[..<index])
    }

    package var name: String? { file?.details.name ?? ticket.name }

    private func date(_ instant: Instant) -> String { CivilTime(instant, offset: offset).date }
    private func time(_ instant: Instant) -> String {
        let civil = CivilTime(instant, offset: offset)
        return civil.date + " " + (civil.hour < 10 ? "0" : "") + String(civil.hour) + ":" + (civil.minute < 10 ? "0" : "") + String(civil.minute)
    }

    /// The rep who received an earlier visit.
    private func rep(of visit: TicketRecord) -> RepName? {
        file?.receptions.last { $0.day == visit.day && $0.ticket == visit.id && $0.kind != .assist }?.rep ?? visit.rep
    }

    /// The two lines the desk shows when it calls the ticket: who they are and what they said;
    /// then their history, owner, follow-ups and appointments.
    package func lines(_ words: StaffWords) -> [String] {
        var first = [ticket.id.rawValue + " " + TerminalText.value(name ?? words.text("visitor.noName"))]
        if let phone = file?.details.phone { first.append(phone) }
        first.append(words.text("visitor.party", ["n": String(ticket.party)]))
        if let project = ticket.project { first.append(words.text("visitor.project", ["value": TerminalText.value(project)])) }
        if let budget = ticket.budget { first.append(words.text("visitor.budget", ["value": TerminalText.value(budget)])) }
        if let source = ticket.source { first.append(words.text("visitor.source", ["value": TerminalText.value(source)])) }
        var second: [String] = []
        if let last = earlier.last {
            second.append(words.text("visitor.earlier", [
                "n": String(earlier.count), "date": last.day, "rep": rep(of: last)?.rawValue ?? "—",
            ]))
        } else {
            second.append(words.text("visitor.firstTime"))
        }
        if let owner = file?.owner, let until = file?.ownedUntil {
            second.append(words.text("visitor.owner", ["rep": owner.rawValue, "date": date(until)]))
        } else {
            second.append(words.text("visitor.noOwner"))
        }
        second.append(words.text("visitor.followups", ["n": String(file?.followUps.count ?? 0)]))
        let bookings = file?.openBookings ?? []
        second.append(bookings.isEmpty ? words.text("visitor.noBookings")
            : words.text("visitor.bookings", ["list": bookings.map { "\($0.code) \(time($0.at)) \($0.rep)" }.joined(separator: ", ")]))
        return [first.joined(separator: " · "), second.joined(separator: " · ")]
    }

    /// `lobby visitor`: the two lines, then each earlier visit, follow-up and open appointment.
    package func page(_ words: StaffWords) -> [String] {
        var lines = self.lines(words)
        for visit in earlier {
            lines.append("  " + words.text("visitor.visitLine", [
                "date": visit.day, "ticket": visit.id.rawValue, "category": words.category(visit.category),
                "rep": rep(of: visit)?.rawValue ?? "—",
            ]))
        }
        for followUp in file?.followUps ?? [] {
            lines.append("  " + words.text("visitor.followupLine", [
                "at": time(followUp.at), "rep": followUp.rep.rawValue, "note": TerminalText.value(followUp.note),
            ]))
        }
        for booking in file?.openBookings ?? [] {
            lines.append("  " + words.text("visitor.bookingLine", [
                "code": booking.code, "at": time(booking.at), "rep": booking.rep.rawValue, "n": String(booking.party),
            ]))
        }
        return lines
    }

    package var json: JSON {
        func iso(_ instant: Instant) -> JSON { .string(CivilTime(instant, offset: offset).iso8601) }
        return .object([
            ("ticket", .string(ticket.id)), ("date", .string(ticket.day)), ("consent", .bool(true)),
            ("customer", file.map { .int(Int($0.id)) } ?? .null),
            ("name", .string(name)), ("phone", .string(file?.details.phone)), ("party", .int(ticket.party)),
            ("project", .string(ticket.project)), ("budget", .string(ticket.budget)), ("source", .string(ticket.source)),
            ("firstVisit", ticket.firstVisit.map { .bool($0 == "yes") } ?? .null),
            ("rep", .string(receiving)),
            ("earlierVisits", .array(earlier.map { visit in
                .object([("date", .string(visit.day)), ("ticket", .string(visit.id)), ("rep", .string(rep(of: visit)))])
            })),
            ("owner", .string(file?.owner)),
            ("lapses", .string(file?.ownedUntil.map { date($0) })),
            ("followups", .array((file?.followUps ?? []).map { followUp in
                .object([("at", iso(followUp.at)), ("rep", .string(followUp.rep)), ("note", .string(followUp.note))])
            })),
            ("bookings", .array((file?.openBookings ?? []).map { booking in
                .object([("code", .string(booking.code)), ("at", iso(booking.at)), ("rep", .string(booking.rep)),
                         ("party", .int(booking.party))])
            })),
        ])
    }
}
