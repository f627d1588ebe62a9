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
    static let customerSelect = "SELECT id, person, owner, last_activity, returned_unit FROM customers"

    static func customer(_ row: Row) throws(StoreError) -> StoredCustomer {
        let row = row.of("customers", key: "id")
        return StoredCustomer(
            id: try row.int64("id"), person: try row.int64("person"),
            record: CustomerRecord(
                owner: try row.optionalRep("owner"), lastActivity: try row.optionalInstant("last_activity"),
                returnedUnit: try row.bool("returned_unit")))
    }

    public func customer(phone: String) throws -> StoredCustomer? {
        try database.prepare(Self.customerSelect + " WHERE phone_mac = ?").rows([.text(try vault.mac(phone))]).first
            .map { try Self.customer($0) }
    }

    /// The customer an event's person id refers to, or nil once they have been forgotten.
    public func customer(person: Int64) throws -> StoredCustomer? {
        try database.prepare(Self.customerSelect + " WHERE person = ?").rows([.integer(person)]).first.map { try Self.customer($0) }
    }

    /// Records a visit or follow-up of a customer (creating them, with a new random person id),
    /// which keeps ownership alive (R11). A known customer's stored name is never replaced by
    /// what was typed: a different name waits in `customer_changes` for staff to confirm.
    @discardableResult
    public func touchCustomer(phone: String, name: String?, at: Instant) throws -> StoredCustomer {
        let vault = try self.vault
        let mac = vault.mac(phone)
        if let row = try database.prepare("SELECT id, name FROM customers WHERE phone_mac = ?").rows([.text(mac)]).first {
            let known = row.of("customers", key: "id")
            let id = try known.int64("id")
            try database.prepare("UPDATE customers SET last_activity = ? WHERE id = ?").run([.integer(at), .integer(id)])
            if let name, name != (try vault.unseal(try known.optionalText("name"), table: "customers", column: "name")) {
                // Sealed values differ every time: the same name typed again is found by opening them.
                var waiting: Int64?
                for found in try database.prepare("SELECT id, value FROM customer_changes WHERE customer = ? AND field = 'name'")
                    .rows([.integer(id)]) {
                    let change = found.of("customer_changes", key: "id")
                    if try vault.unseal(try change.text("value"), table: "customer_changes", column: "value") == name {
                        waiting = try change.int64("id")
                    }
                }
                if let waiting {
                    try database.prepare("UPDATE customer_changes SET at = ? WHERE id = ?").run([.integer(at), .integer(waiting)])
                } else {
                    try database.prepare("INSERT INTO customer_changes(customer, field, value, at) VALUES (?, 'name', ?, ?)")
                        .run([.integer(id), .text(try vault.seal(name)), .integer(at)])
                }
            }
        } else {
            // Never an erased customer's number (Erasure.swift): the access log still names it.
            try database.prepare("""
                INSERT INTO customers(id, phone, phone_mac, name, last_activity, person)
                VALUES (max(coalesce((SELECT max(id) FROM customers), 0),
                            coalesce((SELECT CAST(value AS INTEGER) FROM site WHERE key = ?), 0)) + 1, ?, ?, ?, ?, random())
                """).run([.text(Self.lastErasedCustomerKey), .text(try vault.seal(phone)), .text(mac),
                          SQLValue(try vault.seal(name)), .integer(at)])
        }
        guard let stored = try customer(phone: phone) else {
            throw StoreError.damaged(table: "customers", row: "phone ?", what: "the row just written is missing")
        }
        return stored
    }

    /// A difference waiting for staff: what is kept and what was typed at a later visit.
    public struct CustomerChange: Sendable, Equatable {
        public let id: Int64
        public let phone: String
        public let field: String
        public let stored: String?
        public let given: String
        public let at: Instant
    }

    public func customerChanges() throws -> [CustomerChange] {
        let vault = try self.vault
        return try database.prepare("""
            SELECT c.id AS id, k.phone AS phone, c.field AS field, k.name AS stored, c.value AS given, c.at AS at
            FROM customer_changes c JOIN customers k ON k.id = c.customer ORDER BY c.id
            """).rows().map { row in
            let change = row.of("customer_changes", key: "id")
            return CustomerChange(
                id: try change.int64("id"), phone: try vault.unseal(try change.text("phone"), table: "customers", column: "phone"),
                field: try change.text("field"),
                stored: try vault.unseal(try change.optionalText("stored"), table: "customers", column: "name"),
                given: try vault.unseal(try change.text("given"), table: "customer_changes", column: "value"), at: try change.instant("at"))
        }
    }

    /// Applies (`accept`) or drops a waiting change; false when there is no such change. Call inside `write`.
    public func settleCustomerChange(_ id: Int64, accept: Bool) throws -> Bool {
        guard let found = try database.prepare("SELECT id, customer, field, value FROM customer_changes WHERE id = ?")
            .rows([.integer(id)]).first
        else { return false }
        let row = found.of("customer_changes", key: "id")
        let customer = try row.int64("customer")
        if accept, try row.text("field") == "name" {
            try database.prepare("UPDATE customers SET name = ? WHERE id = ?").run([.text(try row.text("value")), .integer(customer)])
            // The other names typed for this customer were answers to the same question.
            try database.prepare("DELETE FROM customer_changes WHERE customer = ? AND field = 'name'").run([.integer(customer)])
        }
        try database.prepare("DELETE FROM customer_changes WHERE id = ?").run([.integer(id)])
        return true
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
            .run([.integer(customer), .text(rep), .text(try vault.seal(note)), .integer(at), .text(actor)])
        try database.prepare("UPDATE customers SET last_activity = ? WHERE id = ?").run([.integer(at), .integer(customer)])
    }
}
