import LobbyCore

/// The rows `lobby report` reads beside the days' events: the quotes, satisfaction,
/// complaints, bookings and supervisor actions of a range of business days.
extension Store {
    /// The wait quoted at check-in and the booking, per ticket of `day`.
    public func quotes(day: String) throws -> [TicketID: (p50: Int?, p80: Int?, booking: String?)] {
        var result: [TicketID: (p50: Int?, p80: Int?, booking: String?)] = [:]
        for found in try database.prepare(
            "SELECT day || ' ' || id AS ticket, id, quoted_p50, quoted_p80, booking FROM tickets WHERE day = ?"
        ).rows([.text(day)]) {
            let row = found.of("tickets", key: "ticket")
            result[try row.ticket("id")] = (try row.optionalInt("quoted_p50"), try row.optionalInt("quoted_p80"), try row.optionalText("booking"))
        }
        return result
    }

    /// Satisfaction answers of the days `from`…`to`, their comments opened with the site's key.
    public func feedback(from: String, to: String) throws -> [ReportFeedback] {
        try database.prepare(
            "SELECT day || ' ' || ticket AS answer, day, ticket, rep, score, comment FROM feedback WHERE day BETWEEN ? AND ? ORDER BY day, at"
        ).rows([.text(from), .text(to)]).map { found in
            let row = found.of("feedback", key: "answer")
            return ReportFeedback(day: try row.text("day"), ticket: try row.ticket("ticket"), rep: try row.optionalRep("rep"),
                                  score: try row.int("score"),
                                  comment: try openedText(try row.optionalText("comment"), table: "feedback", column: "comment"))
        }
    }

    /// Complaints opened at or after `start` and before `end`, with their opening times.
    public func complaints(openedFrom start: Instant, before end: Instant) throws -> [(openedAt: Instant, resolvedAt: Instant?)] {
        try database.prepare(
            "SELECT id, opened_at, resolved_at FROM complaints WHERE opened_at >= ? AND opened_at < ? ORDER BY opened_at"
        ).rows([.integer(start), .integer(end)]).map { found in
            let row = found.of("complaints", key: "id")
            return (try row.instant("opened_at"), try row.optionalInstant("resolved_at"))
        }
    }

    /// Bookings whose appointment falls at or after `start` and before `end`.
    public func bookings(from start: Instant, before end: Instant) throws -> [(at: Instant, status: String)] {
        try database.prepare("SELECT code, at, status FROM bookings WHERE at >= ? AND at < ? ORDER BY at")
            .rows([.integer(start), .integer(end)]).map { found in
                let row = found.of("bookings", key: "code")
                return (try row.instant("at"), try row.text("status"))
            }
    }

    /// The supervisor actions recorded on `day`: roster changes, make-ups, event mode, undo,
    /// and site settings applied.
    public func supervisorActions(day: String) throws -> [(at: Instant, kind: String, actor: String, what: String?, why: String?)] {
        let kinds = [EventKind.roster.rawValue, EventKind.makeup.rawValue, EventKind.eventMode.rawValue,
                     EventKind.undo.rawValue, NoteKind.siteApply.stored]
        return try database.prepare("""
            SELECT seq, at, kind, actor, detail, rep, number, outcome, why FROM events
            WHERE day = ? AND kind IN (?, ?, ?, ?, ?) ORDER BY seq
            """).rows([.text(day)] + kinds.map { .text($0) }).map { found in
                let row = found.of("events", key: "seq")
                let kind = try row.text("kind")
                let what: String?
                if kind == EventKind.undo.rawValue {
                    what = try row.optionalText("outcome")
                } else {
                    let parts = [try row.optionalText("rep"), try row.optionalText("detail"),
                                 try row.optionalInt64("number").map { String($0) }].compactMap { $0 }
                    what = parts.isEmpty ? nil : parts.joined(separator: " ").replacingAll("\n", with: " ")
                }
                return (try row.instant("at"), kind.hasPrefix(NoteKind.prefix) ? String(kind.dropFirst(NoteKind.prefix.count)) : kind,
                        try row.text("actor"), what, try row.optionalText("why"))
            }
    }
}

extension String {
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
