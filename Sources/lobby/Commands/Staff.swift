import LobbyCore
import LobbyStore

struct RepCommand: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "rep", abstract: "Add staff, list them, change a PIN.",
        usage: "lobby rep add NAME [--supervisor] [--pin] · lobby rep list [--json] · lobby rep pin NAME",
        discussion: """
            On a database with no supervisor yet, anyone may add the first supervisor (its --pin
            from LOBBY_NEW_PIN, else LOBBY_PIN). After that, adding staff is a supervisor action.
            New PINs come from LOBBY_NEW_PIN, else are asked twice at the terminal without echo.
            `rep pin NAME` may be run by NAME (with their current PIN) or by a supervisor.
            """,
        options: [
            OptionHelp(name: "--supervisor", help: "the new staff member is a supervisor"),
            OptionHelp(name: "--pin", help: "set a PIN for the new staff member"),
            OptionHelp(name: "--json", help: "rep list as {\"reps\":[{\"rep\",\"supervisor\",\"pin\"}]}"),
        ])

    enum Action { case add(String, supervisor: Bool, pin: Bool), list(json: Bool), pin(String) }
    let action: Action

    init(_ arguments: inout Arguments) throws(LobbyError) {
        switch try arguments.positional("add|list|pin") {
        case "add":
            let supervisor = arguments.flag("--supervisor")
            let pin = arguments.flag("--pin")
            action = .add(try arguments.positional("NAME") ?? "", supervisor: supervisor, pin: pin)
        case "list":
            action = .list(json: arguments.flag("--json"))
        case "pin":
            action = .pin(try arguments.positional("NAME") ?? "")
        case let other:
            throw .usage("rep: unknown action '\(other ?? "")' (add, list or pin)")
        }
    }

    func run(_ context: Context) throws {
        let store = try context.store
        switch action {
        case let .add(name, supervisor, wantsPin):
            try Self.validate(name)
            let bootstrap = try !store.hasSupervisor()
            if bootstrap {
                guard supervisor else {
                    throw LobbyError.refused("rep: there is no supervisor yet; add the first one with: lobby rep add NAME --supervisor --pin")
                }
            } else {
                try context.requireSupervisor(for: "rep add")
            }
            guard try store.staff(name) == nil else { throw LobbyError.refused("rep: \(name) exists already") }
            let pin = wantsPin ? try Self.newPin(for: name, allowLobbyPin: bootstrap) : nil
            let hash = try pin.map { try PinHash.hash($0) }
            let key = try context.dayKey()
            try context.write(key) { store in
                // Checked again under the write lock: two desks may bootstrap the same new file at once.
                if try bootstrap && store.hasSupervisor() {
                    throw LobbyError.refused("rep: a supervisor was added meanwhile; adding staff is now a supervisor action")
                }
                guard try store.staff(name) == nil else { throw LobbyError.refused("rep: \(name) exists already") }
                try store.addStaff(name, supervisor: supervisor, pinHash: hash, at: context.now, by: context.actor)
                try store.appendNote(.repAdd, key: key, at: context.now, actor: context.actor, rep: name,
                                     detail: supervisor ? "supervisor" : "rep", clock: context.clock)
            }
            Output.line("Added \(supervisor ? "supervisor" : "rep") \(name)\(hash == nil ? "" : " with a PIN").")
        case let .list(json):
            let staff = try store.allStaff()
            if json {
                Output.line(JSON.object([("reps", .array(staff.map { member in
                    .object([("rep", .string(member.name)), ("supervisor", .bool(member.supervisor)), ("pin", .bool(member.hasPin))])
                }))]).text)
            } else {
                for member in staff {
                    Output.line(member.name + (member.supervisor ? "  supervisor" : "") + (member.hasPin ? "" : "  (no PIN)"))
                }
            }
        case let .pin(name):
            guard let member = try store.staff(name) else { throw LobbyError.notFound("rep: no rep named '\(name)'") }
            if context.actor == name {
                if member.hasPin { try context.checkPin(member, action: "rep pin") }
            } else {
                try context.requireSupervisor(for: "rep pin")
            }
            let hash = try PinHash.hash(try Self.newPin(for: name, allowLobbyPin: false))
            let key = try context.dayKey()
            try context.write(key) { store in
                try store.setPinHash(name, hash)
                try store.appendNote(.repPin, key: key, at: context.now, actor: context.actor, rep: name, clock: context.clock)
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

    static func newPin(for name: String, allowLobbyPin: Bool) throws -> String {
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
        guard (4...32).contains(pin.count), !pin.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { throw LobbyError.invalid("pin", "a PIN is 4 to 32 characters") }
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
        let key = try context.dayKey()
        // Looked up inside the write, after the day's retention: a visitor forgotten today is not found.
        try context.write(key) { store in
            guard let customer = try store.customer(phone: phone) else {
                throw LobbyError.notFound("customer: no customer with phone \(phone)")
            }
            try store.addFollowUp(customer: customer.id, rep: rep, note: note, at: context.now, actor: context.actor)
            if let returnedUnit { try store.setReturnedUnit(customer: customer.id, returnedUnit) }
            try store.appendNote(.followup, key: key, at: context.now, actor: context.actor, rep: rep, clock: context.clock)
        }
        Output.line("Follow-up recorded for \(rep).")
    }
}
