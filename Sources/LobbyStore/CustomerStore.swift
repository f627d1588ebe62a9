import LobbyCore

/// A consenting customer as the store holds them: the row, and the random person id that the
/// events carry instead of anything that identifies them (so erasing the row never touches
/// the chained record).
public struct StoredCustomer: Sendable, Equatable {
    /// The customers row, for tickets and follow-ups.
    public let id: Int64
    /// The pseudonym the events use (`TicketInfo.customer`), random, never reused.
    public let person: Int64
    public let record: CustomerRecord
}

/// Customers (R11, R14, R17) and their follow-ups.
extension Store {
    private static let customerSelect = "SELECT id, person, owner, last_activity, returned_unit FROM customers"

    private static func customer(_ row: Row) throws(StoreError) -> StoredCustomer {
        let row = row.of("customers", key: "id")
        return StoredCustomer(
            id: try row.int64("id"), person: try row.int64("person"),
            record: CustomerRecord(
                owner: try row.optionalText("owner"), lastActivity: try row.optionalInt64("last_activity"),
                returnedUnit: try row.bool("returned_unit")))
    }

    public func customer(phone: String) throws -> StoredCustomer? {
        try database.prepare(Self.customerSelect + " WHERE phone = ?").rows([.text(phone)]).first.map { try Self.customer($0) }
    }

    /// The customer an event's person id refers to, or nil once they have been forgotten.
    public func customer(person: Int64) throws -> StoredCustomer? {
        try database.prepare(Self.customerSelect + " WHERE person = ?").rows([.integer(person)]).first.map { try Self.customer($0) }
    }

    /// Records a visit or follow-up of a customer (creating them, with a new random person id),
    /// which keeps ownership alive (R11).
    @discardableResult
    public func touchCustomer(phone: String, name: String?, at: Instant) throws -> StoredCustomer {
        try database.prepare("""
            INSERT INTO customers(phone, name, last_activity, person) VALUES (?, ?, ?, random())
            ON CONFLICT(phone) DO UPDATE SET name = coalesce(excluded.name, name), last_activity = excluded.last_activity
            """).run([.text(phone), SQLValue(name), .integer(at)])
        guard let stored = try customer(phone: phone) else {
            throw StoreError.damaged(table: "customers", row: "phone ?", what: "the row just written is missing")
        }
        return stored
    }

    public func setOwner(customer: Int64, owner: RepName?, at: Instant) throws {
        try database.prepare("UPDATE customers SET owner = ?, last_activity = ?, returned_unit = 0 WHERE id = ?")
            .run([SQLValue(owner), .integer(at), .integer(customer)])
    }

    public func setReturnedUnit(customer: Int64, _ returned: Bool) throws {
        try database.prepare("UPDATE customers SET returned_unit = ? WHERE id = ?")
            .run([.integer(returned ? 1 : 0), .integer(customer)])
    }

    public func addFollowUp(customer: Int64, rep: RepName, note: String, at: Instant, actor: String) throws {
        try database.prepare("INSERT INTO followups(customer, rep, note, at, actor) VALUES (?, ?, ?, ?, ?)")
            .run([.integer(customer), .text(rep), .text(note), .integer(at), .text(actor)])
        try database.prepare("UPDATE customers SET last_activity = ? WHERE id = ?").run([.integer(at), .integer(customer)])
    }
}
