import LobbyCore

/// A complaint (投诉) as the store holds it, its text and resolution opened with the site's key.
public struct StoredComplaint: Sendable, Equatable {
    public let id: Int64
    /// The customers row it is about, when known (nil once retention forgot them).
    public let customer: Int64?
    /// The business day it was opened, and the ticket of that day it is about, if any.
    public let day: String?
    public let ticket: TicketID?
    /// The rep it concerns, if one was named.
    public let rep: RepName?
    /// Nil when it was not opened (read without the texts) or has been forgotten.
    public let text: String?
    public let openedAt: Instant
    public let openedBy: String
    public let resolvedAt: Instant?
    public let resolvedBy: String?
    public let resolution: String?

    public var isOpen: Bool { resolvedAt == nil }
}

/// Complaints, with the times their handling is measured by. The text and the resolution are
/// free text about a person: sealed at rest, opened only for those who may read them.
extension Store {
    static let complaintSelect =
        "SELECT id, customer, day, ticket, rep, text, opened_at, opened_by, resolved_at, resolved_by, resolution FROM complaints"

    /// Opens a complaint; returns its id. Call inside `write`.
    public func addComplaint(customer: Int64?, day: String, ticket: TicketID?, rep: RepName?, text: String,
                             at: Instant, by actor: String) throws -> Int64 {
        let sealed: String = try vault.seal(text)
        guard let row = try database.prepare("""
            INSERT INTO complaints(customer, day, ticket, rep, text, opened_at, opened_by)
            VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id
            """).rows([SQLValue(customer), .text(day), SQLValue(ticket), SQLValue(rep), .text(sealed), .integer(at), .text(actor)]).first
        else { throw StoreError.damaged(table: "complaints", row: "new", what: "the row just written is missing") }
        return try row.of("complaints", key: "id").int64("id")
    }

    /// Resolves complaint `id`. Call inside `write`; the caller has checked that it is open.
    public func resolveComplaint(_ id: Int64, note: String, at: Instant, by actor: String) throws {
        try database.prepare("UPDATE complaints SET resolved_at = ?, resolved_by = ?, resolution = ? WHERE id = ?")
            .run([.integer(at), .text(actor), .text(try vault.seal(note)), .integer(id)])
    }

    /// One complaint, its texts opened when `texts`.
    public func complaint(_ id: Int64, texts: Bool) throws -> StoredComplaint? {
        try database.prepare(Self.complaintSelect + " WHERE id = ?").rows([.integer(id)]).first
            .map { try complaint($0, texts: texts) }
    }

    /// Every complaint (or the open ones), oldest first, the texts opened when `texts`.
    public func complaints(openOnly: Bool, texts: Bool) throws -> [StoredComplaint] {
        try database.prepare(Self.complaintSelect + (openOnly ? " WHERE resolved_at IS NULL" : "") + " ORDER BY opened_at, id")
            .rows().map { try complaint($0, texts: texts) }
    }

    /// The open complaints opened before `cutoff`, without their texts (the desk's reminder).
    public func openComplaints(openedBefore cutoff: Instant) throws -> [StoredComplaint] {
        try database.prepare(Self.complaintSelect + " WHERE resolved_at IS NULL AND opened_at < ? ORDER BY opened_at, id")
            .rows([.integer(cutoff)]).map { try complaint($0, texts: false) }
    }

    func complaint(_ found: Row, texts: Bool) throws -> StoredComplaint {
        let row = found.of("complaints", key: "id")
        return StoredComplaint(
            id: try row.int64("id"), customer: try row.optionalInt64("customer"), day: try row.optionalText("day"),
            ticket: try row.optionalTicket("ticket"), rep: try row.optionalRep("rep"),
            text: texts ? try openedText(try row.text("text"), table: "complaints", column: "text") : nil,
            openedAt: try row.instant("opened_at"), openedBy: try row.text("opened_by"),
            resolvedAt: try row.optionalInstant("resolved_at"), resolvedBy: try row.optionalText("resolved_by"),
            resolution: texts ? try openedText(try row.optionalText("resolution"), table: "complaints", column: "resolution") : nil)
    }
}
