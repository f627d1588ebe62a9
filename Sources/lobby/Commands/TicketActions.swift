import LobbyCore

/// The desk's one-ticket actions share their shape: resolve the ticket, record, tell.
struct Finish: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "finish", abstract: "The reception of TICKET is over; the rep moves by the rules.",
        usage: "lobby finish TICKET",
        discussion: "After a counted rotation reception the rep goes to the tail (R2); otherwise back to the place held (R4), or to the tail if passed while away on leave or serving a named visitor (R3).")

    let ticket: String

    init(_ arguments: inout Arguments) throws(LobbyError) {
        ticket = try arguments.positional("TICKET") ?? ""
    }

    func run(_ context: Context) throws {
        try context.requireStaff(for: "finish")
        let id = try TicketCodes.resolve(ticket, context: context)
        let (day, _) = try context.record(.finish(id))
        Output.line("\(id) finished. Up next: \(day.up ?? "nobody ready")")
    }
}

struct Noshow: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "noshow", abstract: "A called visitor did not come; the rep goes back to the place they held.",
        usage: "lobby noshow TICKET")

    let ticket: String

    init(_ arguments: inout Arguments) throws(LobbyError) {
        ticket = try arguments.positional("TICKET") ?? ""
    }

    func run(_ context: Context) throws {
        try context.requireStaff(for: "noshow")
        let id = try TicketCodes.resolve(ticket, context: context)
        let (day, _) = try context.record(.noshow(id))
        Output.line("\(id) closed as no-show. Up next: \(day.up ?? "nobody ready")")
    }
}

struct Assist: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "assist", abstract: "NAME assists the reception of TICKET (R12: never counts, never costs a turn).",
        usage: "lobby assist TICKET NAME")

    let ticket: String
    let rep: String

    init(_ arguments: inout Arguments) throws(LobbyError) {
        ticket = try arguments.positional("TICKET") ?? ""
        rep = try arguments.positional("NAME") ?? ""
    }

    func run(_ context: Context) throws {
        try context.requireStaff(for: "assist")
        try context.requireRep(rep)
        let id = try TicketCodes.resolve(ticket, context: context)
        try context.record(.assist(id, rep))
        Output.line("\(rep) assists \(id).")
    }
}

struct Transfer: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "transfer", abstract: "The customer of TICKET asked for another rep, NAME (R14).",
        usage: "lobby transfer TICKET NAME",
        discussion: "The first rep's reception stands as it was; NAME takes over (not counted, R14) and the customer becomes theirs.")

    let ticket: String
    let rep: String

    init(_ arguments: inout Arguments) throws(LobbyError) {
        ticket = try arguments.positional("TICKET") ?? ""
        rep = try arguments.positional("NAME") ?? ""
    }

    func run(_ context: Context) throws {
        try context.requireStaff(for: "transfer")
        try context.requireRep(rep)
        let id = try TicketCodes.resolve(ticket, context: context)
        try context.recordReception(.transfer(id, rep), ticket: id)
        Output.line("\(id) transferred to \(rep).")
    }
}

struct Claim: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "claim", abstract: "NAME recognized the visitor of TICKET as their own customer (R13).",
        usage: "lobby claim TICKET NAME")

    let ticket: String
    let rep: String

    init(_ arguments: inout Arguments) throws(LobbyError) {
        ticket = try arguments.positional("TICKET") ?? ""
        rep = try arguments.positional("NAME") ?? ""
    }

    func run(_ context: Context) throws {
        try context.requireStaff(for: "claim")
        try context.requireRep(rep)
        let id = try TicketCodes.resolve(ticket, context: context)
        try context.recordReception(.claim(id, rep), ticket: id)
        Output.line("\(id) claimed by \(rep) (serving-named, not counted: R22).")
    }
}

struct Group: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "group", abstract: "Two tickets came to view together: one group (R24).",
        usage: "lobby group TICKET --with OTHER",
        discussion: "OTHER leaves the queue and is served with TICKET; the group counts once.",
        options: [OptionHelp(name: "--with OTHER", help: "the ticket that joins TICKET's group")])

    let ticket: String
    let other: String

    init(_ arguments: inout Arguments) throws(LobbyError) {
        guard let other = try arguments.option("--with") else { throw .usage("group: --with OTHER is required") }
        self.other = other
        ticket = try arguments.positional("TICKET") ?? ""
    }

    func run(_ context: Context) throws {
        try context.requireStaff(for: "group")
        let id = try TicketCodes.resolve(ticket, context: context)
        let otherID = try TicketCodes.resolve(other, context: context)
        try context.record(.group(id, with: otherID))
        Output.line("\(otherID) joins \(id)'s group.")
    }
}

extension Context {
    /// Exit 4 for a name that is not on the staff list at all.
    func requireRep(_ name: String) throws {
        guard try store.staff(name) != nil else { throw LobbyError.notFound("rep: no rep named '\(name)'") }
    }
}
