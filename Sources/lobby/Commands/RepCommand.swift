import LobbyCore
import LobbyStore
import LobbyText
import LobbyPlatform
import LobbyPrinting
import LobbyServices

struct RepCommand: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "rep", abstract: "Add staff, list them, change a PIN.",
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
        forms: [
            Form(word: "add", arguments: [name], options: [supervisor, receptionist, pin, latin]),
            Form(word: "list", options: [json]),
            Form(word: "pin", arguments: [name]),
            Form(word: "deactivate", arguments: [name]),
            Form(word: "reactivate", arguments: [name]),
            Form(word: "rename", arguments: [old, new]),
            Form(word: "role", arguments: [name, roleArgument]),
        ])

    static let name = Argument("NAME", help: "the staff member")
    static let supervisor = Option.flag("--supervisor", help: "the new staff member is a supervisor")
    static let receptionist = Option.flag("--receptionist", help: "the new staff member works the desk, outside the rotation")
    static let pin = Option.flag("--pin", help: "set a PIN for the new staff member")
    static let latin = Option.text("--latin", "NAME", help: "the name in Latin letters (\"Li Qiang\"), shown to English-speaking visitors")
    static let old = Argument("OLD", help: "the member's current name")
    static let new = Argument("NEW", help: "the new name")
    static let roleArgument = Argument("ROLE", help: "the new role", choices: ["rep", "receptionist", "supervisor"])
    static let json = Option.flag("--json", help: "rep list as {\"reps\":[{\"rep\",\"supervisor\",\"role\",\"pin\",\"latin\"}]}")

    enum Action {
        case add(String, role: StaffRole, pin: Bool, latin: String?), list(json: Bool), pin(String)
        case active(String, Bool), rename(String, String), role(String, StaffRole)
    }
    let action: Action

    init(_ arguments: Arguments) throws(LobbyError) {
        switch arguments.form.word {
        case "add":
            let supervisor = arguments.flag(Self.supervisor)
            let receptionist = arguments.flag(Self.receptionist)
            guard !(supervisor && receptionist) else { throw .usage("rep add: --supervisor and --receptionist exclude each other") }
            let role: StaffRole = supervisor ? .supervisor : receptionist ? .receptionist : .rep
            action = .add(try arguments.required(Self.name), role: role, pin: arguments.flag(Self.pin), latin: try arguments.value(Self.latin))
        case "pin":
            action = .pin(try arguments.required(Self.name))
        case "deactivate": action = .active(try arguments.required(Self.name), false)
        case "reactivate": action = .active(try arguments.required(Self.name), true)
        case "rename": action = .rename(try arguments.required(Self.old), try arguments.required(Self.new))
        case "role":
            let word = try arguments.required(Self.roleArgument)
            guard let role = StaffRole(rawValue: word) else { throw .usage("rep role: '\(word)' is not one of rep|receptionist|supervisor") }
            action = .role(try arguments.required(Self.name), role)
        default:
            action = .list(json: arguments.flag(Self.json))
        }
    }

    /// For the desk, which asks for a supervisor before a supervisor action.
    func staffAction(_ context: Context) throws -> StaffAction? {
        switch action {
        case .add: return .addStaff(supervisorExists: try context.store.hasSupervisor())
        case let .pin(name): return .setPin(own: name == context.actor)
        case .list: return nil
        case .active, .rename, .role: return .manageStaff
        }
    }

    func run(_ context: Context) throws {
        let store = try context.store
        switch action {
        case let .add(name, role, wantsPin, latin):
            try Self.validate(name)
            if let latin { try Self.validateLatin(latin) }
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
            try context.write(key) { store in
                // Checked again under the write lock: two desks may bootstrap the same new file at once.
                if try bootstrap && store.hasSupervisor() {
                    throw LobbyError.refused("rep: a supervisor was added meanwhile; adding staff is now a supervisor action")
                }
                guard try store.staff(name) == nil else { throw LobbyError.refused("rep: \(name) exists already") }
                try store.addStaff(name, role: role, pinHash: hash, at: context.now, by: context.actor)
                if let latin { try store.setLatinName(name, latin) }
                try store.appendNote(.repAdd, key: key, at: context.now, actor: context.actor, rep: name,
                                     detail: role.rawValue, clock: context.clock)
            }
            Output.line("Added \(role.rawValue) \(name)\(latin.map { " (\($0))" } ?? "")\(hash == nil ? " without a PIN: a supervisor sets it with lobby rep pin \(name)" : " with a PIN").")
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
                        ("latin", .string(member.latin)),
                        ("active", .bool(member.active)), ("formerNames", .array(try store.formerNames(of: member.name).map { .string($0) })),
                    ])
                }))]).text)
            } else {
                for member in staff {
                    let former = try store.formerNames(of: member.name)
                    Output.line(member.name + (member.latin.map { " (\($0))" } ?? "") + (member.role == .rep ? "" : "  " + member.role.rawValue)
                        + (member.hasPin ? "" : "  (no PIN)")
                        + (member.active ? "" : "  (deactivated)") + (former.isEmpty ? "" : "  (formerly " + former.joined(separator: ", ") + ")"))
                }
            }
        case let .pin(name):
            guard let member = try store.staff(name) else { throw LobbyError.notFound("rep: no rep named '\(TerminalText.value(name))'") }
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
            try context.write(key) { store in
                try store.setPinHash(name, hash)
                try store.appendNote(.repPin, key: key, at: context.now, actor: context.actor, rep: name, clock: context.clock)
            }
            Output.line("PIN of \(name) changed.")
        }
    }

    static func validate(_ name: String) throws {
        let ok = !name.isEmpty && name.count <= 40 && !name.hasPrefix("-")
            && !name.unicodeScalars.contains { TerminalText.isControl($0) || $0 == "|" }
            && name.trimmingSpaces == name
        guard ok else {
            throw LobbyError.invalid("name", "a rep's name is 1–40 characters, without control characters, '|' or leading '-' or spaces")
        }
    }

    /// A Latin name is letters, spaces, hyphens and apostrophes: what a visitor can type back.
    static func validateLatin(_ latin: String) throws {
        let ok = !latin.trimmingSpaces.isEmpty && latin.count <= 40 && latin.trimmingSpaces == latin
            && latin.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || " -'.".unicodeScalars.contains($0)) }
        guard ok else { throw LobbyError.invalid("latin", "a Latin name is 1–40 Latin letters, spaces, hyphens or apostrophes") }
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
