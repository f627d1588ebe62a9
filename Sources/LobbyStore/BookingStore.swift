import LobbyCore

/// A booking (预约) as the `bookings` table holds it, without the visitor's details (those are
/// in their customers row) and without its note, which is opened only on request.
public struct StoredBooking: Sendable, Equatable {
    public let code: String
    /// The customers row of the visitor; nil once retention or an erasure forgot them.
    public let customer: Int64?
    public let rep: RepName
    public let at: Instant
    public let party: Int
    public let status: BookingStatus
    /// The business day and ticket of the visit that kept it.
    public let day: String?
    public let ticket: TicketID?
    public let madeAt: Instant
    public let madeBy: String
    public let changedAt: Instant?
    public let changedBy: String?

    /// What the rules see of it.
    public var slot: BookingSlot { BookingSlot(code: code, rep: rep, at: at, status: status, ticket: ticket) }
}

/// Appointments: made, moved, cancelled and kept by staff and check-ins; marked no-shows when
/// their grace runs out. The note is free text about a person: sealed like names and phones.
extension Store {
    private static let bookingSelect =
        "SELECT code, customer, rep, at, party, status, day, ticket, made_at, made_by, changed_at, changed_by FROM bookings"

    /// Stores a new booking. Call inside `write`; the caller has made `code` unused.
    public func addBooking(code: String, customer: Int64, rep: RepName, at: Instant, party: Int, note: String?,
                           madeAt: Instant, by actor: String) throws {
        try database.prepare("""
            INSERT INTO bookings(code, customer, rep, at, party, note, status, made_at, made_by)
            VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?)
            """).run([.text(code), .integer(customer), .text(rep), .integer(at), .integer(Int64(party)),
                      SQLValue(try vault.seal(note)), .integer(madeAt), .text(actor)])
    }

    public func booking(code: String) throws -> StoredBooking? {
        try database.prepare(Self.bookingSelect + " WHERE code = ?").rows([.text(code)]).first.map { try booking($0) }
    }

    /// The bookings whose time is at or after `start` and before `end`, in time order.
    public func bookings(at start: Instant, before end: Instant) throws -> [StoredBooking] {
        try database.prepare(Self.bookingSelect + " WHERE at >= ? AND at < ? ORDER BY at, code")
            .rows([.integer(start), .integer(end)]).map { try booking($0) }
    }

    /// The bookings kept on business day `day` (their visitors checked in that day).
    public func bookingsKept(day: String) throws -> [StoredBooking] {
        try database.prepare(Self.bookingSelect + " WHERE status = 'kept' AND day = ? ORDER BY at, code")
            .rows([.text(day)]).map { try booking($0) }
    }

    /// The open bookings of a customer, in time order.
    public func openBookings(customer: Int64) throws -> [StoredBooking] {
        try database.prepare(Self.bookingSelect + " WHERE customer = ? AND status = 'open' ORDER BY at, code")
            .rows([.integer(customer)]).map { try booking($0) }
    }

    /// The booking's note, opened with the site's key.
    public func bookingNote(code: String) throws -> String? {
        guard let found = try database.prepare("SELECT code, note FROM bookings WHERE code = ?").rows([.text(code)]).first
        else { return nil }
        return try openedText(try found.of("bookings", key: "code").optionalText("note"), table: "bookings", column: "note")
    }

    /// The booking was kept by ticket `ticket` of business day `day`. Call inside `write`.
    public func keepBooking(code: String, day: String, ticket: TicketID, at: Instant) throws {
        try database.prepare("UPDATE bookings SET status = 'kept', day = ?, ticket = ?, changed_at = ?, changed_by = 'kiosk' WHERE code = ?")
            .run([.text(day), .text(ticket), .integer(at), .text(code)])
    }

    /// The ticket row names the booking it kept (the report's "booked" visitors).
    public func setTicketBooking(day: String, ticket: TicketID, code: String) throws {
        try database.prepare("UPDATE tickets SET booking = ? WHERE day = ? AND id = ?").run([.text(code), .text(day), .text(ticket)])
    }

    /// A visit of a customer known by their row (a booked visitor), which keeps ownership alive (R11).
    public func recordVisit(customer: Int64, at: Instant) throws {
        try database.prepare("UPDATE customers SET last_activity = ? WHERE id = ?").run([.integer(at), .integer(customer)])
    }

    public func cancelBooking(code: String, at: Instant, by actor: String) throws {
        try database.prepare("UPDATE bookings SET status = 'cancelled', changed_at = ?, changed_by = ? WHERE code = ?")
            .run([.integer(at), .text(actor), .text(code)])
    }

    public func moveBooking(code: String, to time: Instant, at: Instant, by actor: String) throws {
        try database.prepare("UPDATE bookings SET at = ?, changed_at = ?, changed_by = ? WHERE code = ?")
            .run([.integer(time), .integer(at), .text(actor), .text(code)])
    }

    /// Writes down the open bookings whose grace ran out before `now` as no-shows
    /// (`BookingRules`); readers already see them so, this makes the table say it.
    public func markBookingNoshows(graceSeconds: Int64, now: Instant) throws {
        try database.prepare("UPDATE bookings SET status = 'noshow', changed_at = ?, changed_by = 'lobby' WHERE status = 'open' AND at <= ?")
            .run([.integer(now), .integer(now - graceSeconds)])
    }

    private func booking(_ found: Row) throws(StoreError) -> StoredBooking {
        let row = found.of("bookings", key: "code")
        let status = try row.text("status")
        guard let known = BookingStatus(rawValue: status) else { throw row.damaged("column status is '\(status)', not a booking status") }
        let party = try row.int("party")
        guard party >= 1 else { throw row.damaged("column party is \(party), not a party size") }
        return StoredBooking(
            code: try row.text("code"), customer: try row.optionalInt64("customer"), rep: try row.rep("rep"),
            at: try row.instant("at"), party: party, status: known, day: try row.optionalText("day"),
            ticket: try row.optionalTicket("ticket"), madeAt: try row.instant("made_at"), madeBy: try row.text("made_by"),
            changedAt: try row.optionalInstant("changed_at"), changedBy: try row.optionalText("changed_by"))
    }
}
