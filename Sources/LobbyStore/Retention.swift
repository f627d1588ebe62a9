import LobbyCore

/// The retention promised when visitors consent. An explicit call, with its setting, made by
/// the caller on the first write of each business day (`ensureDay` returns true then).
extension Store {
    /// Forgets what identifies visitors whose last visit or follow-up is more than
    /// `retentionSeconds` before the start of `day`. Their tickets and receptions stay,
    /// anonymous; the events never held more than a random person id, so the chain stands.
    public func forgetVisitors(retentionSeconds: Int64, asOf day: DayKey) throws {
        guard let (y, m, d) = CivilTime.parseDate(day.date) else {
            throw StoreError.damaged(table: "days", row: "day \(day.date)", what: "not a date")
        }
        let midnight = CivilTime(year: y, month: m, day: d, offset: day.utcOffset).instant
        try forgetVisitors(lastSeenBefore: midnight - retentionSeconds)
    }

    /// Forgets the visitors whose last visit or follow-up is older than `cutoff`.
    public func forgetVisitors(lastSeenBefore cutoff: Instant) throws {
        let stale = "SELECT id FROM customers WHERE coalesce(last_activity, 0) < ?"
        try database.prepare("DELETE FROM followups WHERE customer IN (\(stale))").run([.integer(cutoff)])
        try database.prepare("DELETE FROM customer_changes WHERE customer IN (\(stale))").run([.integer(cutoff)])
        // Satisfaction comments and complaint texts are free text about a person: they go with the
        // person, and for visitors never linked to one, after the same time. Scores, opening and
        // resolution times stay, anonymous, for the reports.
        try database.prepare("""
            UPDATE feedback SET comment = NULL WHERE comment IS NOT NULL AND (at < ? OR EXISTS (SELECT 1 FROM tickets t
                WHERE t.day = feedback.day AND t.id = feedback.ticket AND t.customer IN (\(stale))))
            """).run([.integer(cutoff), .integer(cutoff)])
        try database.prepare("""
            UPDATE complaints SET customer = NULL, text = '', resolution = NULL
            WHERE customer IN (\(stale)) OR (customer IS NULL AND text <> '' AND resolved_at < ?)
            """).run([.integer(cutoff), .integer(cutoff)])
        // A booking keeps its time, rep and status for the report; who booked and the note go.
        try database.prepare("UPDATE bookings SET customer = NULL, note = NULL WHERE customer IN (\(stale))").run([.integer(cutoff)])
        try database.prepare("UPDATE tickets SET customer = NULL, name = NULL WHERE customer IN (\(stale))").run([.integer(cutoff)])
        try database.prepare("UPDATE tickets SET name = NULL WHERE name IS NOT NULL AND issued_at < ?").run([.integer(cutoff)])
        try database.prepare("DELETE FROM customers WHERE coalesce(last_activity, 0) < ?").run([.integer(cutoff)])
    }
}
