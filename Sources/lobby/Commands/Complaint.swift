import LobbyCore
import LobbyStore
import LobbyText
import LobbyPlatform
import LobbyServices

/// A complaint (投诉): opened by any staff member, resolved by a supervisor.
struct Complaint: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "complaint", abstract: "Open a complaint (staff) or resolve one (supervisor).",
        discussion: """
            add records a complaint about today's TICKET (a number or its QR text) or a customer's \
            PHONE, or neither, optionally naming the rep it concerns; it prints the complaint's id. \
            resolve ID closes it with what was done (a supervisor action). The opening and resolution \
            times are kept for the report (complaints handlingMedian, handlingLongest); an open \
            complaint older than 24 h is shown at the desk. The text and the note are personal free \
            text: sealed with the site's key, shown only to supervisors (lobby complaints).
            """,
        forms: [
            Form(word: "add", options: [ticket, phone, text, rep, json]),
            Form(word: "resolve", arguments: [id], options: [note, json]),
        ])

    static let ticket = Option.text("--ticket", "T", help: "add: today's ticket the complaint is about (number or QR text)")
    static let phone = Option.text("--phone", "P", help: "add: the phone of the customer it is about")
    static let text = Option.text("--text", "TEXT", help: "add: what the complaint is (at most 1000 characters)").isRequired()
    static let rep = Option.rep("--rep", help: "add: the staff member it concerns")
    static let note = Option.text("--note", "TEXT", help: "resolve: what was done about it").isRequired()
    static let id = Argument("ID", help: "the complaint's id, as complaint add printed it and lobby complaints lists it")
    static let json = Option.flag("--json", help: "print {\"id\",\"openedAt\",\"resolvedAt\",\"handlingMinutes\"}")

    enum Action {
        case add(ComplaintService.Subject, rep: RepName?, text: String)
        case resolve(Int64, note: String)
    }

    let action: Action
    let json: Bool

    init(_ arguments: Arguments) throws(LobbyError) {
        json = arguments.flag(Self.json)
        switch arguments.form.word {
        case "resolve":
            let word = try arguments.required(Self.id)
            guard let id = Int64(word), id > 0 else {
                throw Arguments.bad("complaint", nil, word, BadValue(reason: "not a complaint id (a whole number)"))
            }
            action = .resolve(id, note: try arguments.required(Self.note))
        default:
            let ticket = try arguments.value(Self.ticket)
            let phone = try arguments.value(Self.phone)
            if ticket != nil && phone != nil {
                throw .usage("complaint: add takes --ticket or --phone, not both")
            }
            let subject: ComplaintService.Subject = ticket.map { .ticket($0) } ?? phone.map { .phone($0) } ?? .none
            action = .add(subject, rep: try arguments.value(Self.rep), text: try arguments.required(Self.text))
        }
    }

    func staffAction(_ context: Context) -> StaffAction? {
        if case .resolve = action { return .resolveComplaint }
        return .complaint
    }

    func run(_ context: Context) throws {
        if case .resolve = action {
            try context.require(.resolveComplaint, as: "complaint resolve")
        } else {
            try context.require(.complaint, as: "complaint add")
        }
        let key = try context.dayKey()
        switch action {
        case let .add(subject, rep, given):
            let text = try ComplaintService.text("text", given)
            let id = try ComplaintService.add(about: subject, rep: rep, text: text, context: context)
            if json {
                Output.line(JSON.object([("id", .int(Int(id))), ("openedAt", .string(context.iso8601(context.now, key: key)))]).text)
            } else {
                Output.line("Complaint \(id) opened.")
            }
        case let .resolve(id, given):
            let note = try ComplaintService.text("note", given)
            let resolved = try ComplaintService.resolve(id, note: note, context: context)
            let minutes = ComplaintHandling.handlingMinutes(openedAt: resolved.openedAt, resolvedAt: resolved.resolvedAt) ?? 0
            if json {
                Output.line(JSON.object([
                    ("id", .int(Int(id))), ("openedAt", .string(context.iso8601(resolved.openedAt, key: key))),
                    ("resolvedAt", .string(resolved.resolvedAt.map { context.iso8601($0, key: key) })),
                    ("handlingMinutes", .int(Int(minutes))),
                ]).text)
            } else {
                Output.line("Complaint \(id) resolved, \(minutes) min after it was opened.")
            }
        }
    }
}
