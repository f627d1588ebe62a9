import LobbyCore
import LobbyStore
import LobbyText
import LobbyPlatform
import LobbyPrinting
import LobbyServices

/// The staff's side of a returning customer's details: a check-in with a known phone never
/// changes the stored name, and what differed waits here until someone at the desk, who can
/// ask the visitor, confirms or dismisses it.
struct CustomerCommand: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "customer", abstract: "Details typed at a check-in that differ from a customer's stored ones.",
        discussion: """
            A check-in with an existing customer's phone records the visit but never overwrites \
            the stored name: a different name waits here. `changes` lists them (the phone shown \
            with its middle hidden), `confirm ID` makes the new name the customer's, `dismiss ID` \
            drops it. Staff actions.
            """,
        forms: [
            Form(word: "changes", options: [json]),
            Form(word: "confirm", arguments: [id]),
            Form(word: "dismiss", arguments: [id]),
        ])

    static let id = Argument("ID", help: "the waiting change, as `customer changes` lists it")
    static let json = Option.flag("--json", help: "changes as {\"changes\":[{\"id\",\"phone\",\"field\",\"stored\",\"given\"}]}")

    enum Action { case list(json: Bool), settle(String, accept: Bool) }
    let action: Action

    init(_ arguments: Arguments) throws(LobbyError) {
        switch arguments.form.word {
        case "confirm": action = .settle(try arguments.required(Self.id), accept: true)
        case "dismiss": action = .settle(try arguments.required(Self.id), accept: false)
        default: action = .list(json: arguments.flag(Self.json))
        }
    }

    func run(_ context: Context) throws {
        let store = try context.store
        switch action {
        case let .list(json):
            try context.requireStaff(for: "customer changes")
            let changes = try store.customerChanges()
            if json {
                Output.line(JSON.object([("changes", .array(changes.map { change in
                    .object([("id", .int(Int(change.id))), ("phone", .string(Self.masked(change.phone))),
                             ("field", .string(change.field)), ("stored", .string(change.stored)), ("given", .string(change.given))])
                }))]).text)
            } else if changes.isEmpty {
                Output.line("No changes wait for confirmation.")
            } else {
                for change in changes {
                    Output.line("\(change.id)  \(Self.masked(change.phone))  \(change.field): "
                        + "\(TerminalText.value(change.stored ?? "—")) → \(TerminalText.value(change.given))")
                }
            }
        case let .settle(text, accept):
            let verb = accept ? "confirm" : "dismiss"
            try context.requireStaff(for: "customer \(verb)")
            guard let id = Int64(text), id > 0 else { throw LobbyError.usage("customer: \(verb) needs the ID shown by lobby customer changes") }
            guard try store.write({ try store.settleCustomerChange(id, accept: accept) }) else {
                throw LobbyError.notFound("customer: no change \(id) waits for confirmation")
            }
            Output.line(accept ? "Change \(id) confirmed." : "Change \(id) dismissed.")
        }
    }

    /// 13811112222 → 138****2222: enough to ask the visitor, not enough to copy down.
    static func masked(_ phone: String) -> String {
        guard phone.count > 7 else { return String(repeating: "*", count: phone.count) }
        return String(phone.prefix(3)) + String(repeating: "*", count: phone.count - 7) + String(phone.suffix(4))
    }
}
