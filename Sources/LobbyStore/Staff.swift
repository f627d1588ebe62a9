import LobbyCore

/// What a staff member may do. Every role acts only with its own PIN.
public enum StaffRole: String, Sendable {
    /// Holds a place in the rotation and receives visitors.
    case rep
    /// A rep who may also do supervisor actions (R6).
    case supervisor
    /// Works the desk (calls, finishes, absences); holds no place in the rotation.
    case receptionist
}

public struct StaffMember: Sendable, Equatable {
    public let name: String
    public let supervisor: Bool
    public let receptionist: Bool
    public let pinHash: String?
    public let failedAttempts: Int
    public let lockedUntil: Instant?
    /// The name in Latin letters, for visitors who read English; nil when the name is Latin already.
    public var latin: String? = nil
    /// False once deactivated: the row stays (the name is in the history) but cannot act.
    public let active: Bool

    public var hasPin: Bool { pinHash != nil }
    public var role: StaffRole { supervisor ? .supervisor : receptionist ? .receptionist : .rep }
}

/// What one PIN check found, after it was counted.
public enum PinCheck: Sendable, Equatable {
    case accepted
    /// A wrong PIN, counted; `lockedNow` when this attempt reached the limit.
    case wrong(lockedNow: Bool)
    /// Refused without looking at the PIN: the member is locked out until then.
    case locked(until: Instant)
    /// Not on the staff list, or without a PIN, or no PIN was offered.
    case unknownMember, noPin, noPinGiven
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

    /// Active supervisors: the last one may be neither deactivated nor given another role.
    public func activeSupervisorCount() throws -> Int {
        try database.prepare("SELECT count(*) FROM staff WHERE supervisor = 1 AND active = 1").rows().first?.int(0) ?? 0
    }

    public func setActive(_ name: String, _ active: Bool) throws {
        try database.prepare("UPDATE staff SET active = ? WHERE name = ?").run([.integer(active ? 1 : 0), .text(name)])
    }

    public func setRole(_ name: String, _ role: StaffRole) throws {
        try database.prepare("UPDATE staff SET supervisor = ?, receptionist = ? WHERE name = ?").run([
            .integer(role == .supervisor ? 1 : 0), .integer(role == .receptionist ? 1 : 0), .text(name),
        ])
    }

    /// Renames a member where a name is current state: the staff row, the customers they own,
    /// their learned service times. The event log keeps the old name (it is the history), and
    /// the rename event that links the two.
    public func renameStaff(_ old: String, to new: String) throws {
        try database.prepare("UPDATE staff SET name = ? WHERE name = ?").run([.text(new), .text(old)])
        try database.prepare("UPDATE customers SET owner = ? WHERE owner = ?").run([.text(new), .text(old)])
        try database.prepare("UPDATE service_times SET rep = ? WHERE rep = ?").run([.text(new), .text(old)])
    }

    /// The names a member had before (oldest first), from the rename records.
    public func formerNames(of name: String) throws -> [String] {
        var names: [String] = []
        var current = name
        let rows = try database.prepare(
            "SELECT seq, rep, detail FROM events WHERE kind IN ('rename', 'note:rep-rename') ORDER BY seq DESC").rows()
        for found in rows {
            let row = found.of("events", key: "seq")
            guard try row.optionalText("detail") == current, let old = try row.optionalText("rep") else { continue }
            names.insert(old, at: 0)
            current = old
        }
        return names
    }

    public func hasSupervisor() throws -> Bool {
        try database.prepare("SELECT 1 FROM staff WHERE supervisor = 1 LIMIT 1").rows().first != nil
    }

    public func addStaff(_ name: String, role: StaffRole, pinHash: String?, at: Instant, by actor: String) throws {
        try database.prepare(
            "INSERT INTO staff(name, supervisor, receptionist, pin_hash, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?)"
        ).run([
            .text(name), .integer(role == .supervisor ? 1 : 0), .integer(role == .receptionist ? 1 : 0),
            SQLValue(pinHash), .integer(at), .text(actor),
        ])
    }

    public func setLatinName(_ name: String, _ latin: String?) throws {
        try database.prepare("UPDATE staff SET latin = ? WHERE name = ?").run([SQLValue(latin), .text(name)])
    }

    public func setPinHash(_ name: String, _ hash: String) throws {
        try database.prepare("UPDATE staff SET pin_hash = ?, failed_attempts = 0, locked_until = NULL WHERE name = ?")
            .run([.text(hash), .text(name)])
    }

    /// Checks `pin` as `name`'s PIN and counts the outcome, in one write transaction: the lock
    /// is read, the PIN verified and a failure counted under the same write lock, so guesses
    /// made in parallel are serialized and none is verified past the lockout. Every refusal
    /// is written to the security log. `pin` nil: none was offered.
    public func checkPin(
        _ name: String, pin: String?, action: String, at: Instant, attempts: Int, lockSeconds: Int
    ) throws -> PinCheck {
        try write {
            guard let member = try staff(name) else {
                try logSecurity(actor: name, action: action, outcome: "not on the staff list", at: at)
                return .unknownMember
            }
            guard let hash = member.pinHash else {
                try logSecurity(actor: name, action: action, outcome: "no PIN set", at: at)
                return .noPin
            }
            if let until = member.lockedUntil, until > at {
                try logSecurity(actor: name, action: action, outcome: "refused while locked", at: at)
                return .locked(until: until)
            }
            guard let pin, !pin.isEmpty else {
                try logSecurity(actor: name, action: action, outcome: "no PIN given", at: at)
                return .noPinGiven
            }
            // Verified while holding the write lock: slow on purpose (yescrypt), which is what
            // serializes the guesses.
            guard PinHash.verify(pin, against: hash) else {
                let locked = try recordPinFailure(name, action: action, at: at, attempts: attempts, lockSeconds: lockSeconds)
                return .wrong(lockedNow: locked)
            }
            if member.failedAttempts > 0 { try recordPinSuccess(name) }
            return .accepted
        }
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
                locked ? .integer(at + Int64(lockSeconds)) : SQLValue(member.lockedUntil),
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

    private static let staffSelect = "SELECT name, supervisor, pin_hash, failed_attempts, locked_until, receptionist, latin, active FROM staff"

    private static func member(_ row: Row) throws(StoreError) -> StaffMember {
        let row = row.of("staff", key: "name")
        return StaffMember(
            name: try row.text("name"), supervisor: try row.bool("supervisor"), receptionist: try row.bool("receptionist"),
            pinHash: try row.optionalText("pin_hash"), failedAttempts: try row.int("failed_attempts"),
            lockedUntil: try row.optionalInstant("locked_until"), latin: try row.optionalText("latin"), active: try row.bool("active"))
    }
}
