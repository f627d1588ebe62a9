import LobbyCore
import LobbyText
import LobbyPlatform
import LobbyPrinting
import LobbyServices

/// The desk's actions on one ticket, or on one ticket and one rep, share their shape: resolve
/// the ticket (a number or a scanned code), check the actor, record through the rules, tell.
protocol TicketAction: LobbyCommand {
    init(ticket: String)
    var ticket: String { get }
    static func action(_ id: TicketID) -> Action
    static func done(_ id: TicketID, _ day: Day) -> String
    static var staffAction: StaffAction { get }
}

extension TicketAction {
    init(_ arguments: Arguments) throws(LobbyError) {
        self.init(ticket: try arguments.required(Argument.ticket))
    }

    func staffAction(_ context: Context) -> StaffAction? { Self.staffAction }

    func run(_ context: Context) throws {
        try context.require(self)
        let id = try TicketCodes.resolve(ticket, context: context)
        let (day, _) = try context.record(Self.action(id))
        Output.line(Self.done(id, day))
    }
}

protocol TicketRepAction: LobbyCommand {
    init(ticket: String, rep: String)
    var ticket: String { get }
    var rep: String { get }
    static func action(_ id: TicketID, _ rep: RepName) -> Action
    static func done(_ id: TicketID, _ rep: RepName) -> String
    static var staffAction: StaffAction { get }
}

extension TicketRepAction {
    init(_ arguments: Arguments) throws(LobbyError) {
        self.init(ticket: try arguments.required(Argument.ticket), rep: try arguments.required(Argument.rep))
    }

    func staffAction(_ context: Context) -> StaffAction? { Self.staffAction }

    func run(_ context: Context) throws {
        try context.require(self)
        try context.requireRep(rep)
        let id = try TicketCodes.resolve(ticket, context: context)
        try context.record(Self.action(id, rep))
        Output.line(Self.done(id, rep))
    }
}

struct Finish: TicketAction {
    static let configuration = CommandConfiguration(
        name: "finish", abstract: "The reception of TICKET is over; the rep moves by the rules.",
        discussion: "After a counted rotation reception the rep goes to the tail (R2); otherwise back to the place held (R4), or to the tail if passed while away on leave or serving a named visitor (R3).",
        arguments: [.ticket])
    static let staffAction = StaffAction.finish
    let ticket: String
    static func action(_ id: TicketID) -> Action { .finish(id) }
    static func done(_ id: TicketID, _ day: Day) -> String { "\(id) finished. Up next: \(day.up ?? "nobody ready")" }
}

struct Noshow: TicketAction {
    static let configuration = CommandConfiguration(
        name: "noshow", abstract: "A called visitor did not come; the rep goes back to the place they held.",
        arguments: [.ticket])
    static let staffAction = StaffAction.noshow
    let ticket: String
    static func action(_ id: TicketID) -> Action { .noshow(id) }
    static func done(_ id: TicketID, _ day: Day) -> String { "\(id) closed as no-show. Up next: \(day.up ?? "nobody ready")" }
}

struct Assist: TicketRepAction {
    static let configuration = CommandConfiguration(
        name: "assist", abstract: "NAME assists the reception of TICKET (R12: never counts, never costs a turn).",
        arguments: [.ticket, .rep])
    static let staffAction = StaffAction.assist
    let ticket: String
    let rep: String
    static func action(_ id: TicketID, _ rep: RepName) -> Action { .assist(id, rep) }
    static func done(_ id: TicketID, _ rep: RepName) -> String { "\(rep) assists \(id)." }
}

struct Transfer: TicketRepAction {
    static let configuration = CommandConfiguration(
        name: "transfer", abstract: "The customer of TICKET asked for another rep, NAME (R14).",
        discussion: "The first rep's reception stands as it was; NAME takes over (not counted, R14) and the customer becomes theirs.",
        arguments: [.ticket, .rep])
    static let staffAction = StaffAction.transfer
    let ticket: String
    let rep: String
    static func action(_ id: TicketID, _ rep: RepName) -> Action { .transfer(id, rep) }
    static func done(_ id: TicketID, _ rep: RepName) -> String { "\(id) transferred to \(rep)." }
}

struct Claim: TicketRepAction {
    static let configuration = CommandConfiguration(
        name: "claim", abstract: "NAME recognized the visitor of TICKET as their own customer (R13).",
        arguments: [.ticket, .rep])
    static let staffAction = StaffAction.claim
    let ticket: String
    let rep: String
    static func action(_ id: TicketID, _ rep: RepName) -> Action { .claim(id, rep) }
    static func done(_ id: TicketID, _ rep: RepName) -> String { "\(id) claimed by \(rep) (serving-named, not counted: R22)." }
}

struct Group: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "group", abstract: "Two tickets came to view together: one group (R24).",
        discussion: "OTHER leaves the queue and is served with TICKET; the group counts once.",
        arguments: [.ticket], options: [with])

    static let with = Option.text("--with", "OTHER", help: "the ticket that joins TICKET's group").isRequired()

    let ticket: String
    let other: String

    init(_ arguments: Arguments) throws(LobbyError) {
        other = try arguments.required(Self.with)
        ticket = try arguments.required(Argument.ticket)
    }

    func staffAction(_ context: Context) -> StaffAction? { .group }

    func run(_ context: Context) throws {
        try context.require(self)
        let id = try TicketCodes.resolve(ticket, context: context)
        let otherID = try TicketCodes.resolve(other, context: context)
        try context.record(.group(id, with: otherID))
        Output.line("\(otherID) joins \(id)'s group.")
    }
}
