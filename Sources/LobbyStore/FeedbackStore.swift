import LobbyCore

/// Satisfaction answers (满意度): one per ticket, a second replacing the first. The comment is
/// free text about a person, so it is sealed like every personal value.
extension Store {
    /// The customers row of a ticket of `day` (nil inside when anonymous), or nil when the day
    /// has no such ticket. Reads no personal field.
    public func ticketCustomer(day: String, id: TicketID) throws -> Int64?? {
        guard let found = try database.prepare("SELECT day || ' ' || id AS ticket, customer FROM tickets WHERE day = ? AND id = ?")
            .rows([.text(day), .text(id)]).first
        else { return nil }
        return .some(try found.of("tickets", key: "ticket").optionalInt64("customer"))
    }

    /// Records the answer for ticket `ticket` of `day`, replacing an earlier one; true when one
    /// was replaced. Call inside `write`.
    @discardableResult
    public func recordFeedback(day: String, ticket: TicketID, rep: RepName?, score: Int, comment: String?, at: Instant) throws -> Bool {
        let replaced = try database.prepare("SELECT score FROM feedback WHERE day = ? AND ticket = ?")
            .rows([.text(day), .text(ticket)]).first != nil
        let sealed: String? = try comment.map { try vault.seal($0) }
        try database.prepare("""
            INSERT INTO feedback(day, ticket, rep, score, comment, at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(day, ticket) DO UPDATE SET rep = excluded.rep, score = excluded.score,
                comment = excluded.comment, at = excluded.at
            """).run([.text(day), .text(ticket), SQLValue(rep), .integer(Int64(score)), SQLValue(sealed), .integer(at)])
        return replaced
    }

    /// A sealed free-text value opened; an erased one (retention leaves '') is nil.
    func openedText(_ sealed: String?, table: String, column: String) throws -> String? {
        guard let sealed, !sealed.isEmpty else { return nil }
        let text: String = try vault.unseal(sealed, table: table, column: column)
        return text
    }
}
