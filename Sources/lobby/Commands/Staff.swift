import LobbyCore
import LobbyStore

struct RepCommand: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "rep", abstract: "Add staff, list them, change a PIN.",
        usage: "lobby rep add NAME [--supervisor|--receptionist] [--pin] · lobby rep list [--json] · lobby rep pin NAME · lobby rep deactivate|reactivate NAME · lobby rep rename OLD NEW · lobby rep role NAME rep|receptionist|supervisor",
        discussion: """
            Only staff act, each with their own PIN. On a database with no supervisor yet, anyone
            may add the first supervisor, who must be given a PIN (--pin, from LOBBY_NEW_PIN, else
            LOBBY_PIN). After that, adding staff is a supervisor action. New PINs come from
            LOBBY_NEW_PIN, else are asked twice at the terminal without echo; they are at least
            pinMinLength digits (site.json, default 6). A member added without --pin cannot act
            until a supervisor sets one. `rep pin NAME` may be run by NAME with their current PIN,
            or by a supervisor (who also sets first PINs). A receptionist works the desk and holds
            no place in the rotation. Deactivate, reactivate, rename and role are supervisor
            actions, recorded with who and when: a deactivated member keeps their history but
            cannot act or be on a roster (and leaves today's table); a rename keeps the old name
            in the events before it, and rep list shows it; the last active supervisor cannot be
            deactivated or given another role.
            """,
        options: [
            OptionHelp(name: "--supervisor", help: "the new staff member is a supervisor"),
            OptionHelp(name: "--receptionist", help: "the new staff member works the desk, outside the rotation"),
            OptionHelp(name: "--pin", help: "set a PIN for the new staff member"),
            OptionHelp(name: "--json", help: "rep list as {\"reps\":[{\"rep\",\"supervisor\",\"role\",\"pin\"}]}"),
        ])

    enum Action {
        case add(String, role: StaffRole, pin: Bool), list(json: Bool), pin(String)
        case active(String, Bool), rename(String, String), role(String, StaffRole)
    }
    let action: Action

    init(_ arguments: inout Arguments) throws(LobbyError) {
        switch try arguments.positional("add|list|pin") {
        case "add":
            let supervisor = arguments.flag("--supervisor")
            let receptionist = arguments.flag("--receptionist")
            guard !(supervisor && receptionist) else { throw .usage("rep add: --supervisor and --receptionist exclude each other") }
            let pin = arguments.flag("--pin")
            action = .add(try arguments.positional("NAME") ?? "", role: supervisor ? .supervisor : receptionist ? .receptionist : .rep, pin: pin)
        case "list":
            action = .list(json: arguments.flag("--json"))
        case "pin":
            action = .pin(try arguments.positional("NAME") ?? "")
        case "deactivate": action = .active(try arguments.positional("NAME") ?? "", false)
        case "reactivate": action = .active(try arguments.positional("NAME") ?? "", true)
        case "rename":
            let old = try arguments.positional("OLD") ?? ""
            action = .rename(old, try arguments.positional("NEW") ?? "")
        case "role":
            let name = try arguments.positional("NAME") ?? ""
            let word = try arguments.positional("rep|receptionist|supervisor") ?? ""
            guard let role = StaffRole(rawValue: word) else { throw .invalid("role", "'\(word)' is not one of rep|receptionist|supervisor") }
            action = .role(name, role)
        case let other:
            throw .usage("rep: unknown action '\(other ?? "")' (add, list, pin, deactivate, reactivate, rename or role)")
        }
    }

    func run(_ context: Context) throws {
        let store = try context.store
        switch action {
        case let .add(name, role, wantsPin):
            try Self.validate(name)
            let bootstrap = try !store.hasSupervisor()
            if bootstrap {
                guard role == .supervisor else {
                    throw LobbyError.refused("rep: there is no supervisor yet; add the first one with: lobby rep add NAME --supervisor --pin")
                }
                // Without a PIN, whoever came next could claim the account and with it the site.
                guard wantsPin else {
                    throw LobbyError.refused("pin: the first supervisor must be given a PIN: lobby rep add \(name) --supervisor --pin")
                }
            } else {
                try context.requireSupervisor(for: "rep add")
            }
            guard try store.staff(name) == nil else { throw LobbyError.refused("rep: \(name) exists already") }
            let pin = wantsPin ? try Self.newPin(for: name, allowLobbyPin: bootstrap, minLength: context.site.pinMinLength) : nil
            let hash = try pin.map { try PinHash.hash($0) }
            let key = try context.dayKey()
            try store.write {
                // Checked again under the write lock: two desks may bootstrap the same new file at once.
                if try bootstrap && store.hasSupervisor() {
                    throw LobbyError.refused("rep: a supervisor was added meanwhile; adding staff is now a supervisor action")
                }
                guard try store.staff(name) == nil else { throw LobbyError.refused("rep: \(name) exists already") }
                try store.addStaff(name, role: role, pinHash: hash, at: context.now, by: context.actor)
                try store.appendNote(kind: "rep-add", key: key, at: context.now, actor: context.actor, rep: name,
                                     detail: role.rawValue)
            }
            Output.line("Added \(role.rawValue) \(name)\(hash == nil ? " without a PIN: a supervisor sets it with lobby rep pin \(name)" : " with a PIN").")
        case let .active(name, active): try setActive(name, active, context)
        case let .rename(old, new): try rename(old, to: new, context)
        case let .role(name, role): try setRole(name, role, context)
        case let .list(json):
            let staff = try store.allStaff()
            if json {
                Output.line(JSON.object([("reps", .array(try staff.map { member in
                    .object([
                        ("rep", .string(member.name)), ("supervisor", .bool(member.supervisor)),
                        ("role", .string(member.role.rawValue)), ("pin", .bool(member.hasPin)),
                        ("active", .bool(member.active)), ("formerNames", .array(try store.formerNames(of: member.name).map { .string($0) })),
                    ])
                }))]).text)
            } else {
                for member in staff {
                    let former = try store.formerNames(of: member.name)
                    Output.line(member.name + (member.role == .rep ? "" : "  " + member.role.rawValue) + (member.hasPin ? "" : "  (no PIN)")
                        + (member.active ? "" : "  (deactivated)") + (former.isEmpty ? "" : "  (formerly " + former.joined(separator: ", ") + ")"))
                }
            }
        case let .pin(name):
            guard let member = try store.staff(name) else { throw LobbyError.notFound("rep: no rep named '\(name)'") }
            if context.actor == name {
                // A first PIN proves nothing about who asks for it: that is a supervisor's to set.
                guard member.hasPin else {
                    try context.refuse("rep pin", outcome: "claimed a first PIN",
                                       "pin: \(name) has no PIN yet; a first PIN is set by a supervisor (lobby --as SUPERVISOR rep pin \(name))")
                }
                try context.checkPin(member, action: "rep pin")
            } else {
                try context.requireSupervisor(for: "rep pin")
            }
            let hash = try PinHash.hash(try Self.newPin(for: name, allowLobbyPin: false, minLength: context.site.pinMinLength))
            let key = try context.dayKey()
            try store.write {
                try store.setPinHash(name, hash)
                try store.appendNote(kind: "rep-pin", key: key, at: context.now, actor: context.actor, rep: name)
            }
            Output.line("PIN of \(name) changed.")
        }
    }

    static func validate(_ name: String) throws {
        let ok = !name.isEmpty && name.count <= 40 && !name.hasPrefix("-")
            && !name.unicodeScalars.contains { $0.properties.generalCategory == .control || $0 == "|" || $0 == "\n" }
            && name.trimmingSpaces == name
        guard ok else {
            throw LobbyError.invalid("name", "a rep's name is 1–40 characters, without control characters, '|' or leading '-' or spaces")
        }
    }

    static func newPin(for name: String, allowLobbyPin: Bool, minLength: Int) throws -> String {
        let pin: String
        if let given = System.environment("LOBBY_NEW_PIN") ?? (allowLobbyPin ? System.environment("LOBBY_PIN") : nil) {
            pin = given
        } else if System.isTerminal(0) {
            let first = System.readSecret(prompt: "New PIN for \(name): ") ?? ""
            let second = System.readSecret(prompt: "Again: ") ?? ""
            guard first == second else { throw LobbyError.refused("pin: the two PINs differ") }
            pin = first
        } else {
            throw LobbyError.usage("--pin: set LOBBY_NEW_PIN, or run at a terminal to be asked")
        }
        let upper = Site.pinLengths.upperBound
        guard (minLength...upper).contains(pin.count), pin.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw LobbyError.invalid("pin", "a PIN is \(minLength) to \(upper) digits (pinMinLength is \(minLength))")
        }
        return pin
    }
}

struct Roster: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "roster", abstract: "Set today's rotation table in this order (supervisor).",
        usage: "lobby roster [--carry] NAME… [--why TEXT]",
        discussion: """
            Without a roster, a day opens with the previous day's closing order (R5). With --carry,
            reps already on the table keep their order and new ones join at the tail (R5);
            without it the order is exactly as given (R6).
            """,
        options: [
            OptionHelp(name: "--carry", help: "keep today's order for reps already on the table"),
            OptionHelp(name: "--why TEXT", help: "recorded with the change"),
        ])

    let names: [String]
    let carry: Bool
    let why: String?

    init(_ arguments: inout Arguments) throws(LobbyError) {
        carry = arguments.flag("--carry")
        why = try arguments.option("--why")
        names = arguments.remainingPositionals()
        guard !names.isEmpty else { throw .usage("roster: name at least one rep") }
    }

    func run(_ context: Context) throws {
        try context.requireSupervisor(for: "roster")
        for name in names { try context.requireRep(name) }
        let (day, _) = try context.record(.roster(names, carry: carry), why: why)
        Output.line("Rotation: " + day.rotation.enumerated().map { "\($0 + 1). \($1.name)" }.joined(separator: "  "))
    }
}

struct Makeup: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "makeup", abstract: "Supervisor: give NAME a make-up turn at place K (default the head) (R6).",
        usage: "lobby makeup NAME [--place K] [--why TEXT]",
        options: [
            OptionHelp(name: "--place K", help: "the place, counting from 1 (default 1)"),
            OptionHelp(name: "--why TEXT", help: "recorded with the action"),
        ])

    let rep: String
    let place: Int?
    let why: String?

    init(_ arguments: inout Arguments) throws(LobbyError) {
        place = try arguments.int("--place", in: 1...999)
        why = try arguments.option("--why")
        rep = try arguments.positional("NAME") ?? ""
    }

    func run(_ context: Context) throws {
        try context.requireSupervisor(for: "makeup")
        try context.requireRep(rep)
        let (day, _) = try context.record(.makeup(rep, place: place), why: why)
        let at = day.rotation.firstIndex { $0.name == rep }.map { $0 + 1 } ?? 0
        Output.line("\(rep) is at place \(at).")
    }
}

struct EventMode: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "event", abstract: "Supervisor: switch manual event mode on or off (R7).",
        usage: "lobby event on|off [--why TEXT]",
        discussion: "In event mode the console assigns every visitor (lobby call --rep NAME) and the rotation does not move.",
        options: [OptionHelp(name: "--why TEXT", help: "recorded with the action")])

    let on: Bool
    let why: String?

    init(_ arguments: inout Arguments) throws(LobbyError) {
        why = try arguments.option("--why")
        switch try arguments.positional("on|off") {
        case "on": on = true
        case "off": on = false
        case let other: throw .usage("event: '\(other ?? "")' is not on or off")
        }
    }

    func run(_ context: Context) throws {
        try context.requireSupervisor(for: "event")
        try context.record(.eventMode(on), why: why)
        Output.line(on ? "Event mode on: assign each visitor with lobby call --rep NAME." : "Event mode off: the rotation runs again.")
    }
}

struct Followup: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "followup", abstract: "Record a follow-up with a customer (keeps ownership, R11).",
        usage: "lobby followup PHONE --rep NAME --note TEXT [--returned-unit yes|no]",
        options: [
            OptionHelp(name: "--rep NAME", help: "the rep who followed up"),
            OptionHelp(name: "--note TEXT", help: "what was said"),
            OptionHelp(name: "--returned-unit yes|no", help: "the customer returned their unit (R17)"),
        ])

    let phone: String
    let rep: String
    let note: String
    let returnedUnit: Bool?

    init(_ arguments: inout Arguments) throws(LobbyError) {
        guard let rep = try arguments.option("--rep") else { throw .usage("followup: --rep NAME is required") }
        guard let note = try arguments.option("--note") else { throw .usage("followup: --note TEXT is required") }
        self.rep = rep
        self.note = note
        returnedUnit = try arguments.yesNo("--returned-unit")
        phone = try arguments.positional("PHONE") ?? ""
    }

    func run(_ context: Context) throws {
        try context.requireStaff(for: "followup")
        try context.requireRep(rep)
        let phone = try CheckinService.Check.phone(self.phone).get()
        let note = try CheckinService.Check.text("note", self.note, limit: 500).get()
        let store = try context.store
        guard let customer = try store.customer(phone: phone) else {
            throw LobbyError.notFound("customer: no customer with phone \(phone)")
        }
        let key = try context.dayKey()
        try store.write {
            try store.addFollowUp(customer: customer.id, rep: rep, note: note, at: context.now, actor: context.actor)
            if let returnedUnit { try store.setReturnedUnit(customer: customer.id, returnedUnit) }
            try store.appendNote(kind: "followup", key: key, at: context.now, actor: context.actor, rep: rep)
        }
        Output.line("Follow-up recorded for \(rep).")
    }
}
