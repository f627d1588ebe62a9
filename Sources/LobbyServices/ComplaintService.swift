import LobbyCore
import LobbyStore
import LobbyText

/// Complaints (投诉): opened by staff about a ticket or a customer, resolved by a supervisor,
/// with the opening and resolution times the report measures handling by.
package enum ComplaintService {
    /// How long a complaint's text or resolution may be, in characters.
    package static let textLimit = 1000

    /// What a complaint is about.
    package enum Subject {
        case ticket(String)
        case phone(String)
        case none
    }

    /// The text as kept; refused when empty, too long or with control characters.
    package static func text(_ field: String, _ given: String) throws -> String {
        let text = try CheckinService.Check.text(field, given, limit: textLimit).mapError(\.error).get()
        guard !text.isEmpty else { throw LobbyError.invalid(field, "is empty") }
        return text
    }

    /// Opens a complaint; returns its id.
    package static func add(about subject: Subject, rep: RepName?, text: String, context: Context) throws -> Int64 {
        let key = try context.dayKey()
        let ticket: TicketID?
        var phone: String?
        switch subject {
        case let .ticket(code):
            ticket = try TicketCodes.resolve(code, context: context)
        case let .phone(given):
            ticket = nil
            phone = try CheckinService.Check.phone(given).mapError(\.error).get()
        case .none:
            ticket = nil
        }
        if let rep, try context.store.staff(rep.rawValue) == nil {
            throw LobbyError.notFound("rep: no one named '\(TerminalText.value(rep.rawValue))' on the staff list")
        }
        return try context.write(key) { store in
            var customer: Int64?
            if let ticket {
                guard let found = try store.ticketCustomer(day: key.date, id: ticket) else {
                    throw LobbyError.notFound("ticket: no ticket \(ticket) today")
                }
                customer = found
            }
            if let phone {
                guard let found = try store.customer(phone: phone) else {
                    throw LobbyError.notFound("customer: no customer with that phone")
                }
                customer = found.id
            }
            return try store.addComplaint(customer: customer, day: key.date, ticket: ticket, rep: rep, text: text,
                                          at: context.now, by: context.actor)
        }
    }

    /// Resolves an open complaint; exit 4 for an unknown id, 1 for one resolved already.
    package static func resolve(_ id: Int64, note: String, context: Context) throws -> StoredComplaint {
        let key = try context.dayKey()
        return try context.write(key) { store in
            guard let complaint = try store.complaint(id, texts: false) else {
                throw LobbyError.notFound("complaint: no complaint \(id)")
            }
            if let at = complaint.resolvedAt {
                throw LobbyError.refused("complaint: \(id) was resolved already, at \(context.iso8601(at, key: key)) by \(complaint.resolvedBy ?? "?")")
            }
            try store.resolveComplaint(id, note: note, at: context.now, by: context.actor)
            guard let resolved = try store.complaint(id, texts: false) else {
                throw LobbyError.store("complaint: \(id) vanished while being resolved")
            }
            return resolved
        }
    }

    /// The list, the texts opened only for a supervisor; each opened text about a known customer
    /// is written to the access log in the same transaction.
    package static func list(openOnly: Bool, texts: Bool, context: Context) throws -> [StoredComplaint] {
        let store = try context.store
        guard texts else { return try store.read { try store.complaints(openOnly: openOnly, texts: false) } }
        return try context.write(try context.dayKey()) { store in
            let complaints = try store.complaints(openOnly: openOnly, texts: true)
            for complaint in complaints where complaint.customer != nil && complaint.text != nil {
                try store.recordAccess(actor: context.actor, action: .view, customer: complaint.customer,
                                       what: "complaint \(complaint.id)", at: context.now)
            }
            return complaints
        }
    }

    /// Open complaints older than a day (ComplaintHandling), for the desk.
    package static func overdue(context: Context) throws -> [StoredComplaint] {
        let store = try context.store
        return try store.read { try store.openComplaints(openedBefore: context.now - ComplaintHandling.overdueSeconds) }
    }
}
