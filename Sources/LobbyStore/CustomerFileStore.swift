import LobbyCore

/// A customer's identifying details, opened with the site's key.
public struct CustomerDetails: Sendable, Equatable {
    public let customer: StoredCustomer
    public let name: String?
    public let phone: String
}

/// A follow-up record of a customer, its note opened.
public struct FollowUpRecord: Sendable, Equatable {
    public let rep: RepName
    public let note: String
    public let at: Instant
    public let actor: String
}

/// An appointment as the `bookings` table holds it (without its free-text note).
public struct BookingRecord: Sendable, Equatable {
    public let code: String
    public let rep: RepName
    public let at: Instant
    public let party: Int
    /// open | kept | cancelled | noshow
    public let status: String
    public var isOpen: Bool { status == "open" }
}

/// One satisfaction answer given on one of the customer's tickets.
public struct FeedbackRecord: Sendable, Equatable {
    public let day: String
    public let ticket: TicketID
    public let rep: RepName?
    public let score: Int
    public let at: Instant
}

/// A complaint about or by the customer, with the times its handling is measured by.
public struct ComplaintRecord: Sendable, Equatable {
    public let id: Int64
    public let rep: RepName?
    public let text: String
    public let openedAt: Instant
    public let resolvedAt: Instant?
}

/// Readers of everything kept about one customer, for the staff's views of them (`visitor`,
/// `customer`, `customers`). Personal values are opened here, with the site's key; the tables
/// of appointments, satisfaction and complaints may be empty.
extension Store {
    public func customer(id: Int64) throws -> StoredCustomer? {
        try database.prepare(Self.customerSelect + " WHERE id = ?").rows([.integer(id)]).first.map { try Self.customer($0) }
    }

    /// The customers whose row names `owner` (lapsed or not: the caller decides with R11).
    public func customers(owner: RepName) throws -> [StoredCustomer] {
        try database.prepare(Self.customerSelect + " WHERE owner = ? ORDER BY id").rows([.text(owner)]).map { try Self.customer($0) }
    }

    /// The customer's name and phone, opened.
    public func customerDetails(id: Int64) throws -> CustomerDetails? {
        guard let customer = try customer(id: id),
            let found = try database.prepare("SELECT id, name, phone FROM customers WHERE id = ?").rows([.integer(id)]).first
        else { return nil }
        let vault = try self.vault
        let row = found.of("customers", key: "id")
        return CustomerDetails(
            customer: customer, name: try vault.unseal(try row.optionalText("name"), table: "customers", column: "name"),
            phone: try vault.unseal(try row.text("phone"), table: "customers", column: "phone"))
    }

    /// Every ticket of the customer, oldest first, personal fields opened.
    public func visits(customer: Int64) throws -> [TicketRecord] {
        try database.prepare(TicketRecord.select + " WHERE customer = ? ORDER BY issued_at, day, seq")
            .rows([.integer(customer)]).map { try opened(TicketRecord(row: $0)) }
    }

    public func followUps(customer: Int64) throws -> [FollowUpRecord] {
        try database.prepare("SELECT id, rep, note, at, actor FROM followups WHERE customer = ? ORDER BY at, id")
            .rows([.integer(customer)]).map { found in
                let row = found.of("followups", key: "id")
                // A note that named someone since erased is '' (Store.forgetMentions).
                return FollowUpRecord(
                    rep: try row.rep("rep"), note: try openedText(try row.text("note"), table: "followups", column: "note") ?? "",
                    at: try row.instant("at"), actor: try row.text("actor"))
            }
    }

    public func bookings(customer: Int64) throws -> [BookingRecord] {
        try database.prepare("SELECT code, rep, at, party, status FROM bookings WHERE customer = ? ORDER BY at, code")
            .rows([.integer(customer)]).map { found in
                let row = found.of("bookings", key: "code")
                return BookingRecord(code: try row.text("code"), rep: try row.rep("rep"), at: try row.instant("at"),
                                     party: try row.int("party"), status: try row.text("status"))
            }
    }

    /// The answers given on the customer's tickets.
    public func feedback(customer: Int64) throws -> [FeedbackRecord] {
        try database.prepare("""
            SELECT f.day || ' ' || f.ticket AS ticket_key, f.day AS day, f.ticket AS ticket, f.rep AS rep,
                   f.score AS score, f.at AS at
            FROM feedback f JOIN tickets t ON t.day = f.day AND t.id = f.ticket
            WHERE t.customer = ? ORDER BY f.at
            """).rows([.integer(customer)]).map { found in
            let row = found.of("feedback", key: "ticket_key")
            return FeedbackRecord(day: try row.text("day"), ticket: try row.ticket("ticket"), rep: try row.optionalRep("rep"),
                                  score: try row.int("score"), at: try row.instant("at"))
        }
    }

    /// Complaints filed about the customer, or on one of their tickets; their text opened when sealed.
    public func complaints(customer: Int64) throws -> [ComplaintRecord] {
        let rows = try database.prepare("""
            SELECT id, rep, text, opened_at, resolved_at FROM complaints c
            WHERE c.customer = ?
               OR EXISTS (SELECT 1 FROM tickets t WHERE t.customer = ? AND t.day = c.day AND t.id = c.ticket)
            ORDER BY opened_at, id
            """).rows([.integer(customer), .integer(customer)])
        return try rows.map { found in
            let row = found.of("complaints", key: "id")
            let text = try row.text("text")
            return ComplaintRecord(
                id: try row.int64("id"), rep: try row.optionalRep("rep"),
                text: try openedAny(text, table: "complaints", column: "text") ?? "",
                openedAt: try row.instant("opened_at"), resolvedAt: try row.optionalInstant("resolved_at"))
        }
    }
}
