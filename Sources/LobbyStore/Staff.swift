import LobbyCore

public struct StaffMember: Sendable, Equatable {
    public let name: String
    public let supervisor: Bool
    public let pinHash: String?
    public let failedAttempts: Int
    public let lockedUntil: Instant?

    public var hasPin: Bool { pinHash != nil }
}

/// Staff rows and the PIN checks around them. PINs are hashed with crypt(3) (`PinHash`) and
/// never stored, logged or compared in clear.
extension Store {
    public func staff(_ name: String) throws -> StaffMember? {
        try database.prepare(Self.staffSelect + " WHERE name = ?").rows([.text(name)]).first.map { try Self.member($0) }
    }

    public func allStaff() throws -> [StaffMember] {
        try database.prepare(Self.staffSelect + " ORDER BY added_at, name").rows().map { try Self.member($0) }
    }

    public func hasSupervisor() throws -> Bool {
        try database.prepare("SELECT 1 FROM staff WHERE supervisor = 1 LIMIT 1").rows().first != nil
    }

    public func addStaff(_ name: String, supervisor: Bool, pinHash: String?, at: Instant, by actor: String) throws {
        try database.prepare(
            "INSERT INTO staff(name, supervisor, pin_hash, added_at, added_by) VALUES (?, ?, ?, ?, ?)"
        ).run([.text(name), .integer(supervisor ? 1 : 0), SQLValue(pinHash), .integer(at), .text(actor)])
    }

    public func setPinHash(_ name: String, _ hash: String) throws {
        try database.prepare("UPDATE staff SET pin_hash = ?, failed_attempts = 0, locked_until = NULL WHERE name = ?")
            .run([.text(hash), .text(name)])
    }

    /// Records a wrong PIN; after `attempts` in a row the member is locked for `lockSeconds`.
    /// Returns whether this attempt locked them.
    @discardableResult
    public func recordPinFailure(_ name: String, action: String, at: Instant, attempts: Int, lockSeconds: Int) throws -> Bool {
        var locked = false
        if let member = try staff(name) {
            let failures = member.failedAttempts + 1
            locked = failures >= attempts
            try database.prepare("UPDATE staff SET failed_attempts = ?, locked_until = ? WHERE name = ?").run([
                .integer(Int64(locked ? 0 : failures)),
                locked ? .integer(at + Int64(lockSeconds)) : SQLValue(member.lockedUntil.map { Int($0) }),
                .text(name),
            ])
        }
        try logSecurity(actor: name, action: action, outcome: locked ? "wrong PIN; locked" : "wrong PIN", at: at)
        return locked
    }

    public func recordPinSuccess(_ name: String) throws {
        try database.prepare("UPDATE staff SET failed_attempts = 0 WHERE name = ? AND failed_attempts > 0").run([.text(name)])
    }

    public func logSecurity(actor: String, action: String, outcome: String, at: Instant) throws {
        try database.prepare("INSERT INTO security_log(at, actor, action, outcome) VALUES (?, ?, ?, ?)")
            .run([.integer(at), .text(actor), .text(action), .text(outcome)])
    }

    private static let staffSelect = "SELECT name, supervisor, pin_hash, failed_attempts, locked_until FROM staff"

    private static func member(_ row: Row) throws(StoreError) -> StaffMember {
        let row = row.of("staff", key: "name")
        return StaffMember(
            name: try row.text("name"), supervisor: try row.bool("supervisor"), pinHash: try row.optionalText("pin_hash"),
            failedAttempts: try row.int("failed_attempts"), lockedUntil: try row.optionalInt64("locked_until"))
    }
}
