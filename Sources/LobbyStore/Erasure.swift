import LobbyCore

/// What an erasure took away, counted by kind of row: the access log's record of it (which
/// names no one) and the staff's confirmation.
public struct Erased: Sendable, Equatable {
    /// Customers rows deleted: name, phone, its keyed hash, owner.
    public var customers = 0
    /// Tickets whose name, project, budget or source were cleared (the ticket itself stays).
    public var tickets = 0
    public var followUps = 0
    /// Details typed at a later visit that waited for staff (`customer changes`).
    public var changes = 0
    /// Satisfaction comments cleared (the score stays).
    public var comments = 0
    /// Complaints whose text and resolution were cleared (the times stay).
    public var complaints = 0
    /// Appointments whose note and link to the customer were cleared (time, rep and outcome stay).
    public var bookings = 0

    public init() {}

    public var isEmpty: Bool { self == Erased() }

    public static func += (total: inout Erased, more: Erased) {
        total.customers += more.customers
        total.tickets += more.tickets
        total.followUps += more.followUps
        total.changes += more.changes
        total.comments += more.comments
        total.complaints += more.complaints
        total.bookings += more.bookings
    }

    /// The counts as the access log keeps them: "customers 1, tickets 2, …".
    public var summary: String {
        [("customers", customers), ("tickets", tickets), ("followups", followUps), ("changes", changes),
         ("comments", comments), ("complaints", complaints), ("bookings", bookings)]
            .map { "\($0.0) \($0.1)" }.joined(separator: ", ")
    }
}

/// The one way personal data leaves the database, whether a customer asks (`privacy erase`),
/// or their retention runs out (the first write of each day, `privacy purge`). Everything that
/// identifies the person goes; what the reports count stays, anonymous: tickets with their
/// category, purpose, party and times, scores, complaint and appointment times. The events
/// never held more than a random person id, so nothing here touches the chained record.
/// None of it needs the site's key, so retention runs even while the key is missing.
extension Store {
    /// The `site` row that keeps the highest customers id ever erased: SQLite gives a new row
    /// the highest id plus one, so without it a new customer could get an erased one's number,
    /// and with it the access log's entries about the erased one.
    static let lastErasedCustomerKey = "customers.lastErased"

    /// Erases customer `id`: their row, follow-ups and waiting changes are deleted; their tickets'
    /// personal fields, satisfaction comments, complaint texts and appointment notes are cleared
    /// and unlinked from them. Call inside `write`.
    @discardableResult
    public func forgetCustomer(_ id: Int64) throws -> Erased {
        var erased = Erased()
        let customer: [SQLValue] = [.integer(id)]
        func onTheirTicket(_ table: String) -> String {
            "EXISTS (SELECT 1 FROM tickets t WHERE t.customer = ? AND t.day = \(table).day AND t.id = \(table).ticket)"
        }
        // The rows that point at their tickets go first, while the tickets still name them.
        try database.run("UPDATE feedback SET comment = NULL WHERE comment IS NOT NULL AND " + onTheirTicket("feedback"), customer)
        erased.comments = database.changes
        try database.run("""
            UPDATE complaints SET customer = NULL, text = '', resolution = NULL
            WHERE customer = ? OR \(onTheirTicket("complaints"))
            """, customer + customer)
        erased.complaints = database.changes
        try database.run("UPDATE bookings SET customer = NULL, note = NULL WHERE customer = ? OR \(onTheirTicket("bookings"))",
                         customer + customer)
        erased.bookings = database.changes
        try database.run("DELETE FROM followups WHERE customer = ?", customer)
        erased.followUps = database.changes
        try database.run("DELETE FROM customer_changes WHERE customer = ?", customer)
        erased.changes = database.changes
        try database.run("""
            UPDATE tickets SET customer = NULL, name = NULL, project = NULL, budget = NULL, source = NULL WHERE customer = ?
            """, customer)
        erased.tickets = database.changes
        try database.run("DELETE FROM customers WHERE id = ?", customer)
        erased.customers = database.changes
        if erased.customers > 0 {
            try database.run("""
                INSERT INTO site(key, value) VALUES (?, ?)
                ON CONFLICT(key) DO UPDATE SET value = max(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER))
                """, [.text(Self.lastErasedCustomerKey), .text(String(id))])
        }
        return erased
    }

    /// Erases the personal data older than `cutoff` (retention and `privacy purge`): every
    /// customer whose last visit or follow-up is older, each through `forgetCustomer`, then the
    /// free texts never linked to a customer, by their own age: names and answers on tickets,
    /// satisfaction comments, the texts of complaints resolved before it, appointment notes.
    /// An older ticket of a customer still coming keeps its answers (their record), not its
    /// name (the customers row has it). Call inside `write`.
    @discardableResult
    public func forgetPersonalData(olderThan cutoff: Instant) throws -> Erased {
        var erased = Erased()
        let stale = try database.rows("SELECT id FROM customers WHERE coalesce(last_activity, 0) < ? ORDER BY id", [.integer(cutoff)])
        for found in stale {
            erased += try forgetCustomer(try found.of("customers", key: "id").int64("id"))
        }
        let before: [SQLValue] = [.integer(cutoff)]
        try database.run("UPDATE feedback SET comment = NULL WHERE comment IS NOT NULL AND at < ?", before)
        erased.comments += database.changes
        try database.run("""
            UPDATE complaints SET text = '', resolution = NULL
            WHERE customer IS NULL AND (text <> '' OR resolution IS NOT NULL) AND resolved_at < ?
            """, before)
        erased.complaints += database.changes
        try database.run("UPDATE bookings SET note = NULL WHERE customer IS NULL AND note IS NOT NULL AND at < ?", before)
        erased.bookings += database.changes
        try database.run("""
            UPDATE tickets SET name = NULL,
                project = CASE WHEN customer IS NULL THEN NULL ELSE project END,
                budget = CASE WHEN customer IS NULL THEN NULL ELSE budget END,
                source = CASE WHEN customer IS NULL THEN NULL ELSE source END
            WHERE issued_at < ? AND (name IS NOT NULL OR (customer IS NULL AND coalesce(project, budget, source) IS NOT NULL))
            """, before)
        erased.tickets += database.changes
        return erased
    }

    /// The free texts anywhere that mention one of `words` (a customer's phone and name), found
    /// by opening each with the site's key: a complaint typed without their ticket or phone,
    /// another customer's follow-up note that names them. Words shorter than two characters
    /// are ignored, so as not to match everyone.
    public func mentions(of words: [String]) throws -> [Mention] {
        let needles = words.map { $0.lowercased() }.filter { $0.count >= 2 }
        guard !needles.isEmpty else { return [] }
        var found: [Mention] = []
        for source in Mention.sources {
            let columns = source.columns.joined(separator: ", ")
            let filter = source.columns.map { "coalesce(\($0), '') <> ''" }.joined(separator: " OR ")
            for each in try database.rows("""
                SELECT CAST(\(source.key) AS TEXT) AS row_key, \(columns) FROM \(source.table) WHERE \(filter) ORDER BY \(source.key)
                """) {
                let row = each.of(source.table, key: "row_key")
                let key = try row.text("row_key")
                for column in source.columns {
                    guard let text = try openedAny(try row.optionalText(column), table: source.table, column: column) else { continue }
                    let lowered = text.lowercased()
                    if needles.contains(where: { lowered.contains($0) }) {
                        found.append(Mention(table: source.table, key: key, column: column, text: text))
                    }
                }
            }
        }
        return found
    }

    /// Erases the texts `mentions(of:)` finds, each the way its table forgets: a complaint's text
    /// and resolution together, a waiting change deleted, anything else emptied. Call inside `write`.
    @discardableResult
    public func forgetMentions(of words: [String]) throws -> Erased {
        var erased = Erased()
        var done = Set<String>()
        for mention in try mentions(of: words) {
            // Bookings are named by their code, every other table by a number.
            let key: [SQLValue] = [mention.table == "bookings" ? .text(mention.key) : .integer(Int64(mention.key) ?? -1)]
            switch (mention.table, mention.column) {
            case ("complaints", _):
                try database.run("UPDATE complaints SET text = '', resolution = NULL WHERE id = ?", key)
            case ("customer_changes", _):
                try database.run("DELETE FROM customer_changes WHERE id = ?", key)
            case ("followups", _):
                // The follow-up itself stays: it kept another customer's ownership alive (R11).
                try database.run("UPDATE followups SET note = '' WHERE id = ?", key)
            case let (table, column):
                let source = Mention.sources.first { $0.table == table }?.key ?? "rowid"
                try database.run("UPDATE \(table) SET \(column) = NULL WHERE \(source) = ?", key)
            }
            guard done.insert(mention.table + " " + mention.key).inserted else { continue }
            switch mention.table {
            case "complaints": erased.complaints += 1
            case "customer_changes": erased.changes += 1
            case "followups": erased.followUps += 1
            case "feedback": erased.comments += 1
            case "bookings": erased.bookings += 1
            default: erased.tickets += 1
            }
        }
        return erased
    }
}

/// A free text that mentions someone: where it is (table, the row's key, column) and what it says.
public struct Mention: Sendable, Equatable {
    public let table: String
    public let key: String
    public let column: String
    public let text: String

    /// Every column of free text about a person, by table, with the column that names its row.
    static let sources: [(table: String, key: String, columns: [String])] = [
        ("tickets", "rowid", ["name", "project", "budget", "source"]),
        ("followups", "id", ["note"]),
        ("customer_changes", "id", ["value"]),
        ("feedback", "rowid", ["comment"]),
        ("complaints", "id", ["text", "resolution"]),
        ("bookings", "code", ["note"]),
    ]
}
