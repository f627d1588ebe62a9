import LobbyCore
import LobbyStore
import LobbyText
import LobbyPlatform
import LobbyPrinting

/// Who may do what (interface.md, "Environment"): only staff act, each with their own PIN;
/// supervisor actions need a supervisor's. Every refusal is written to the security log.
extension Context {
    /// The PIN offered for `name`: given at the desk, else LOBBY_PIN, else asked at the terminal
    /// without echo.
    package func offeredPin(for name: String) -> String? {
        if let pin = pins[name] { return pin }
        if let pin = System.environment("LOBBY_PIN") { return pin }
        guard System.isTerminal(0) else { return nil }
        return System.readSecret(prompt: "PIN for \(name): ")
    }

    /// Refuses unless the actor is a supervisor with a PIN and gave it (R6).
    package func requireSupervisor(for action: String) throws {
        let member = try staffMember(for: action, supervisorAction: true)
        guard member.supervisor else {
            let reason = "\(action) is a supervisor action and \(actor) is not a supervisor (set LOBBY_ACTOR or --as)"
            try refuse(action, outcome: "not a supervisor", .said(StaffMessage(
                .refused, "refusal.notSupervisor", ["action": action, "name": actor], rule: StaffAction.supervisorRule,
                english: RuleViolation.refused(StaffAction.supervisorRule, reason).description, reason: reason)))
        }
        try checkPin(member, action: action)
    }

    /// Refuses unless the actor is on the staff list, has a PIN and gave it.
    package func requireStaff(for action: String) throws {
        try checkPin(try staffMember(for: action, supervisorAction: false), action: action)
    }

    /// The actor's staff entry, refusing (and recording) a name that is not on the staff list or
    /// has no PIN yet.
    private func staffMember(for action: String, supervisorAction: Bool) throws -> StaffMember {
        guard let member = try store.staff(actor) else {
            let needs = supervisorAction ? "\(action) is a supervisor action (\(StaffAction.supervisorRule)); " : ""
            try refuse(action, outcome: "not on the staff list", .refused("refusal.notStaff", ["name": actor],
                       "refused: \(needs)\(actor) is not on the staff list, and only staff act (set LOBBY_ACTOR or --as to your name)"))
        }
        guard member.active else {
            try refuse(action, outcome: "deactivated", .refused("refusal.deactivated", ["name": actor],
                       "refused: \(actor) is deactivated and cannot act (a supervisor: lobby rep reactivate \(actor))"))
        }
        guard member.hasPin else {
            try refuse(action, outcome: "no PIN set", .refused("refusal.noPin", ["name": actor],
                       "pin: \(actor) has no PIN yet and cannot act until a supervisor sets one (lobby rep pin \(actor))"))
        }
        return member
    }

    /// Checks the PIN offered for `member`, counted toward the lockout in the same write
    /// transaction as the verification (Store.checkPin).
    package func checkPin(_ member: StaffMember, action: String) throws {
        let store = try self.store
        let site = try self.site
        // A member already locked is not asked for a PIN; the store decides under its write lock.
        let locked = member.lockedUntil.map { $0 > now } ?? false
        let pin = locked ? nil : offeredPin(for: member.name)
        let result = try store.checkPin(
            member.name, pin: pin, action: action, at: now, attempts: site.lockAttempts, lockSeconds: site.lockMinutes * 60)
        switch result {
        case .accepted:
            return
        case let .locked(until):
            let minutes = (until - now + 59) / 60
            throw LobbyError.refused("refusal.pinLocked", ["name": member.name, "n": String(minutes)],
                                     "pin: \(member.name) is locked after repeated wrong PINs; try again in \(minutes) min")
        case let .wrong(lockedNow):
            throw LobbyError.refused(lockedNow ? "refusal.pinWrongLocked" : "refusal.pinWrong",
                                     ["name": member.name, "n": String(site.lockMinutes)],
                                     "pin: wrong PIN for \(member.name)" + (lockedNow ? "; locked for \(site.lockMinutes) min" : ""))
        case .noPinGiven:
            throw LobbyError.refused("refusal.pinNeeded", ["name": member.name, "action": action],
                                     "pin: \(action) needs \(member.name)'s PIN (LOBBY_PIN, or run it at a terminal)")
        case .noPin:
            throw LobbyError.refused("refusal.noPin", ["name": member.name],
                                     "pin: \(member.name) has no PIN yet and cannot act until a supervisor sets one")
        case .unknownMember:
            throw LobbyError.refused("refusal.notStaff", ["name": member.name], "refused: \(member.name) is no longer on the staff list")
        }
    }

    /// Writes a refused attempt to the security log (never a PIN), then refuses with `message`.
    package func refuse(_ action: String, outcome: String, _ message: String) throws -> Never {
        try refuse(action, outcome: outcome, LobbyError.refused(message))
    }

    /// Writes a refused attempt to the security log (never a PIN), then throws `error`.
    package func refuse(_ action: String, outcome: String, _ error: LobbyError) throws -> Never {
        let store = try self.store
        try store.write { try store.logSecurity(actor: actor, action: action, outcome: outcome, at: now) }
        throw error
    }
}

extension Context {
    /// Exit 4 for a name that is not on the staff list at all; exit 1 for a receptionist, who
    /// works the desk and holds no place in the rotation.
    package func requireRep(_ rep: RepName) throws {
        let name = rep.rawValue
        guard let member = try store.staff(name) else {
            throw LobbyError.notFound("refusal.noRep", ["rep": TerminalText.value(name)], "rep: no rep named '\(TerminalText.value(name))'")
        }
        guard member.role != .receptionist else {
            throw LobbyError.refused("refusal.receptionist", ["rep": TerminalText.value(name)],
                                     "rep: \(TerminalText.value(name)) is a receptionist, who works the desk and holds no place in the rotation")
        }
        guard member.active else {
            throw LobbyError.refused("refusal.deactivated", ["name": name], "rep: \(name) is deactivated (lobby rep reactivate \(name))")
        }
    }
}
