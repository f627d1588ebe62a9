import LobbyCore
import LobbyStore
import LobbyText
import LobbyPlatform
import LobbyPrinting
import LobbyServices

/// `rep deactivate|reactivate|rename|role`: supervisor changes to the staff list, each recorded
/// in the event log with who and when.
extension RepCommand {
    func setActive(_ name: String, _ active: Bool, _ context: Context) throws {
        try context.requireSupervisor(for: active ? "rep reactivate" : "rep deactivate")
        let store = try context.store
        guard let member = try store.staff(name) else { throw LobbyError.notFound("rep: no rep named '\(name)'") }
        guard member.active != active else { throw LobbyError.refused("rep: \(name) is \(active ? "active" : "deactivated") already") }
        if !active, member.supervisor, try store.activeSupervisorCount() <= 1 {
            throw LobbyError.refused("rep: \(name) is the last active supervisor; make another one first (lobby rep role NAME supervisor)")
        }
        let (key, today) = try context.today()
        let settings = try context.site.rules
        try store.write {
            if !active, today.reps.contains(where: { $0.name.rawValue == name }) {
                // Off today's table, by the rules: refused while they serve (R19).
                var day = try store.day(key, settings: settings)
                let rest = day.reps.map(\.name).filter { $0.rawValue != name }
                try store.append(.roster(rest, carry: true), to: &day, key: key, at: context.now, actor: context.actor,
                                 why: "\(name) deactivated", clock: context.clock)
            }
            try store.setActive(name, active)
            try store.appendNote(active ? .repReactivate : .repDeactivate, key: key, at: context.now, actor: context.actor, rep: name, clock: context.clock)
        }
        Output.line(active ? "\(name) is active again; put them on a roster to join the rotation." : "\(name) is deactivated: no longer acts or joins a roster; their history stays.")
    }

    func rename(_ old: String, to new: String, _ context: Context) throws {
        try context.requireSupervisor(for: "rep rename")
        try Self.validate(new)
        let store = try context.store
        guard try store.staff(old) != nil else { throw LobbyError.notFound("rep: no rep named '\(old)'") }
        guard try store.staff(new) == nil else { throw LobbyError.refused("rep: \(new) exists already") }
        let (key, _) = try context.today()
        let settings = try context.site.rules
        try store.write {
            var day = try store.day(key, settings: settings)
            if day.reps.contains(where: { $0.name.rawValue == old }) {
                // Today goes on under the new name; the events before keep the old one.
                try store.append(.rename(RepName(old), to: RepName(new)), to: &day, key: key, at: context.now, actor: context.actor, clock: context.clock)
            } else {
                try store.appendNote(.repRename, key: key, at: context.now, actor: context.actor, rep: old, detail: new, clock: context.clock)
            }
            try store.renameStaff(old, to: new)
        }
        Output.line("\(old) is now \(new); earlier records keep \(old), and rep list shows it.")
    }

    func setRole(_ name: String, _ role: StaffRole, _ context: Context) throws {
        try context.requireSupervisor(for: "rep role")
        let store = try context.store
        guard let member = try store.staff(name) else { throw LobbyError.notFound("rep: no rep named '\(name)'") }
        guard member.role != role else { throw LobbyError.refused("rep: \(name) is a \(role.rawValue) already") }
        if member.supervisor, member.active, try store.activeSupervisorCount() <= 1 {
            throw LobbyError.refused("rep: \(name) is the last active supervisor; make another one first")
        }
        let (key, today) = try context.today()
        if role == .receptionist, today.reps.contains(where: { $0.name.rawValue == name }) {
            throw LobbyError.refused("rep: \(name) is on today's table, and a receptionist holds no place; take them off the roster first")
        }
        try store.write {
            try store.setRole(name, role)
            try store.appendNote(.repRole, key: key, at: context.now, actor: context.actor, rep: name,
                                 detail: "\(member.role.rawValue) → \(role.rawValue)", clock: context.clock)
        }
        Output.line("\(name) is now a \(role.rawValue).")
    }
}
