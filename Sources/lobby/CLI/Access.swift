import LobbyCore
import LobbyStore

/// Who may do what (interface.md, "Environment"): supervisor actions always need a
/// supervisor's PIN; other staff actions need the actor's PIN when they have one.
extension Context {
    /// The PIN offered for `name`: given at the desk, else LOBBY_PIN, else asked at the terminal
    /// without echo.
    func offeredPin(for name: String) -> String? {
        if let pin = pins[name] { return pin }
        if let pin = System.environment("LOBBY_PIN") { return pin }
        guard System.isTerminal(0) else { return nil }
        return System.readSecret(prompt: "PIN for \(name): ")
    }

    /// Refuses unless the actor is a supervisor with a PIN and gave it (R6).
    func requireSupervisor(for action: String) throws {
        let store = try self.store
        guard let member = try store.staff(actor), member.supervisor else {
            throw LobbyError.refused(RuleViolation.refused(StaffAction.supervisorRule, "\(action) is a supervisor action and \(actor) is not a supervisor (set LOBBY_ACTOR or --as)").description)
        }
        guard member.hasPin else {
            throw LobbyError.refused(RuleViolation.refused(StaffAction.supervisorRule, "supervisor \(actor) has no PIN yet; set one with: lobby rep pin \(actor)").description)
        }
        try checkPin(member, action: action)
    }

    /// Refuses a staff member with a PIN who did not give it. Anyone not on the staff list (a
    /// receptionist account) acts under their own name.
    func requireStaff(for action: String) throws {
        guard let member = try store.staff(actor), member.hasPin else { return }
        try checkPin(member, action: action)
    }

    func checkPin(_ member: StaffMember, action: String) throws {
        let store = try self.store
        let site = try self.site
        if let until = member.lockedUntil, until > now {
            try store.write { try store.logSecurity(actor: member.name, action: action, outcome: "refused while locked", at: now) }
            let minutes = (until - now + 59) / 60
            throw LobbyError.refused("pin: \(member.name) is locked after repeated wrong PINs; try again in \(minutes) min")
        }
        guard let pin = offeredPin(for: member.name), !pin.isEmpty else {
            throw LobbyError.refused("pin: \(action) needs \(member.name)'s PIN (LOBBY_PIN, or run it at a terminal)")
        }
        guard let hash = member.pinHash, PinHash.verify(pin, against: hash) else {
            let locked = try store.write {
                try store.recordPinFailure(
                    member.name, action: action, at: now, attempts: site.lockAttempts, lockSeconds: site.lockMinutes * 60)
            }
            throw LobbyError.refused("pin: wrong PIN for \(member.name)" + (locked ? "; locked for \(site.lockMinutes) min" : ""))
        }
        if member.failedAttempts > 0 {
            try store.write { try store.recordPinSuccess(member.name) }
        }
    }
}
