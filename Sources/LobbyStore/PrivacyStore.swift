import LobbyCore

/// A detail typed at a later visit that waits for staff (`customer changes`), opened.
public struct PendingChange: Sendable, Equatable {
    public let id: Int64
    public let field: String
    public let value: String
    public let at: Instant
}

/// An appointment with every column the `bookings` table keeps, its note opened: what a
/// person's export shows.
public struct ExportedBooking: Sendable, Equatable {
    public let code: String
    public let rep: RepName
    public let at: Instant
    public let party: Int
    public let note: String?
    /// open | kept | cancelled | noshow
    public let status: String
    /// The business day and ticket that kept it, once kept.
    public let day: String?
    public let ticket: String?
    public let madeAt: Instant
    public let madeBy: String
    public let changedAt: Instant?
    public let changedBy: String?
}

/// A satisfaction answer with its comment opened.
public struct StoredFeedback: Sendable, Equatable {
    public let day: String
    public let ticket: TicketID
    public let rep: RepName?
    public let score: Int
    public let comment: String?
    public let at: Instant
}

/// The customer's rights (PIPL): the rows about one customer in full, free texts included, for
/// `privacy export`. The staff's views (`CustomerFileStore`) read less; these read everything
/// that `forgetCustomer` erases, so what is exported is what an erasure takes away.
extension Store {
    public func pendingChanges(customer: Int64) throws -> [PendingChange] {
        try database.prepare("SELECT id, field, value, at FROM customer_changes WHERE customer = ? ORDER BY id")
            .rows([.integer(customer)]).map { found in
                let row = found.of("customer_changes", key: "id")
                return PendingChange(
                    id: try row.int64("id"), field: try row.text("field"),
                    value: try openedAny(try row.text("value"), table: "customer_changes", column: "value") ?? "",
                    at: try row.instant("at"))
            }
    }

    /// The appointments made for the customer, or kept by one of their tickets.
    public func storedBookings(customer: Int64) throws -> [ExportedBooking] {
        try database.prepare("""
            SELECT code, rep, at, party, note, status, day, ticket, made_at, made_by, changed_at, changed_by FROM bookings b
            WHERE b.customer = ? OR EXISTS (SELECT 1 FROM tickets t WHERE t.customer = ? AND t.day = b.day AND t.id = b.ticket)
            ORDER BY at, code
            """).rows([.integer(customer), .integer(customer)]).map { found in
                let row = found.of("bookings", key: "code")
                return ExportedBooking(
                    code: try row.text("code"), rep: try row.rep("rep"), at: try row.instant("at"), party: try row.int("party"),
                    note: try openedAny(try row.optionalText("note"), table: "bookings", column: "note"),
                    status: try row.text("status"), day: try row.optionalText("day"), ticket: try row.optionalText("ticket"),
                    madeAt: try row.instant("made_at"), madeBy: try row.text("made_by"),
                    changedAt: try row.optionalInstant("changed_at"), changedBy: try row.optionalText("changed_by"))
            }
    }

    /// The satisfaction answers given on the customer's tickets, comments opened.
    public func storedFeedback(customer: Int64) throws -> [StoredFeedback] {
        try database.prepare("""
            SELECT f.day || ' ' || f.ticket AS answer, f.day AS day, f.ticket AS ticket, f.rep AS rep, f.score AS score,
                   f.comment AS comment, f.at AS at
            FROM feedback f JOIN tickets t ON t.day = f.day AND t.id = f.ticket
            WHERE t.customer = ? ORDER BY f.at, f.day, f.ticket
            """).rows([.integer(customer)]).map { found in
                let row = found.of("feedback", key: "answer")
                return StoredFeedback(
                    day: try row.text("day"), ticket: try row.ticket("ticket"), rep: try row.optionalRep("rep"),
                    score: try row.int("score"), comment: try openedAny(try row.optionalText("comment"), table: "feedback", column: "comment"),
                    at: try row.instant("at"))
            }
    }

    /// The complaints about the customer or on one of their tickets, texts opened.
    public func storedComplaints(customer: Int64) throws -> [StoredComplaint] {
        try database.prepare(Self.complaintSelect + """
             c WHERE c.customer = ?
               OR EXISTS (SELECT 1 FROM tickets t WHERE t.customer = ? AND t.day = c.day AND t.id = c.ticket)
            ORDER BY opened_at, id
            """).rows([.integer(customer), .integer(customer)]).map { try complaint($0, texts: true) }
    }
}
