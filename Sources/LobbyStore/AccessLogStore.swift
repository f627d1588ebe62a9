import LobbyCore

/// What was done with a person's data: the access log's `action` column.
public enum AccessAction: String, Sendable, CaseIterable {
    /// Their details were shown to staff (`visitor`, `customer`, the desk's call lines).
    case view
    /// Everything stored about them was printed (`privacy export`).
    case export
    /// Their personal data was erased on request (`privacy erase`).
    case erase
    /// Their personal data was erased for age (`privacy purge`).
    case purge
}

/// One line of the access log: who did what with which customer's data, when and why.
public struct AccessEntry: Sendable, Equatable {
    public let id: Int64
    public let at: Instant
    public let actor: String
    public let action: AccessAction
    /// The customers row, nil once a purge covered many at once.
    public let customer: Int64?
    /// What was looked at, in words that identify no one ("visitor A012", "customer 17").
    public let what: String
    public let why: String?
}

/// The access log (PIPL): every view, export and erasure of personal data is written in the
/// same transaction as the read or change it records, so nothing is seen unrecorded.
extension Store {
    public func recordAccess(actor: String, action: AccessAction, customer: Int64?, what: String,
                             why: String? = nil, at: Instant) throws {
        try database.prepare("INSERT INTO access_log(at, actor, action, customer, what, why) VALUES (?, ?, ?, ?, ?, ?)")
            .run([.integer(at), .text(actor), .text(action.rawValue), SQLValue(customer), .text(what), SQLValue(why)])
    }

    /// The log in the order it was written, all of it or about one customer.
    public func accessLog(customer: Int64? = nil) throws -> [AccessEntry] {
        let select = "SELECT id, at, actor, action, customer, what, why FROM access_log"
        let rows = try customer.map { try database.prepare(select + " WHERE customer = ? ORDER BY id").rows([.integer($0)]) }
            ?? database.prepare(select + " ORDER BY id").rows()
        return try rows.map { found throws(StoreError) in
            let row = found.of("access_log", key: "id")
            let action = try row.text("action")
            guard let known = AccessAction(rawValue: action) else {
                throw StoreError.damaged(table: "access_log", row: "id \(try row.int64("id"))", what: "unknown action \(action)")
            }
            return AccessEntry(id: try row.int64("id"), at: try row.instant("at"), actor: try row.text("actor"), action: known,
                               customer: try row.optionalInt64("customer"), what: try row.text("what"), why: try row.optionalText("why"))
        }
    }
}
