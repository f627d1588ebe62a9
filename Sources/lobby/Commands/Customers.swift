import LobbyCore
import LobbyText
import LobbyPlatform
import LobbyServices

/// A consultant's customers, the soonest to lapse first: whom to call before ownership lapses (R11).
struct Customers: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "customers", abstract: "The customers a rep owns, and whose ownership lapses soon (R11).",
        discussion: """
            Staff, with their PIN: a rep lists their own customers, a supervisor anyone's. Each \
            line: the customer, their name and phone, the last visit or follow-up, the date \
            ownership lapses and the days left (ownershipLapseDays after the last activity, R11). \
            --lapsing-within DAYS keeps those with at most DAYS days left. A follow-up \
            (lobby followup PHONE --rep NAME --note TEXT) keeps a customer. Every customer listed \
            is written to the access log.
            """,
        options: [rep, within, json, StaffWords.languageOption])

    static let rep = Option.rep("--rep", help: "the rep whose customers to list").isRequired()
    static let within = Option.wholeNumber("--lapsing-within", "DAYS", in: 0...3650, help: "only customers whose ownership lapses within DAYS days")
    static let json = Option.flag(
        "--json", help: "print {\"rep\",\"lapsingWithin\",\"customers\":[{\"customer\",\"name\",\"phone\",\"lastActivity\",\"lapses\",\"daysLeft\",\"visits\"}]}")

    let rep: RepName
    let within: Int?
    let json: Bool
    let language: Texts.Language?

    init(_ arguments: Arguments) throws(LobbyError) {
        rep = try arguments.required(Self.rep)
        within = try arguments.value(Self.within)
        json = arguments.flag(Self.json)
        language = try arguments.value(StaffWords.languageOption)
    }

    func run(_ context: Context) throws {
        try context.requireStaff(for: "customers")
        try context.requireRep(rep)
        let words = StaffWords(language: try language ?? context.site.language)
        let offset = try context.dayKey().utcOffset
        let owned: [CustomerViews.Owned]
        switch try CustomerViews.owned(by: rep, within: within, context: context) {
        case let .shown(list): owned = list
        case .nothingKept: owned = []
        case .refused:
            try context.refuse("customers", outcome: "not their customers",
                               "customers: \(context.actor) may list only their own customers (a supervisor lists anyone's)")
        }
        if json {
            Output.line(JSON.object([
                ("rep", .string(rep)), ("lapsingWithin", within.map { .int($0) } ?? .null),
                ("customers", .array(owned.map { entry in
                    .object([
                        ("customer", .int(Int(entry.details.customer.id))), ("name", .string(entry.details.name)),
                        ("phone", .string(entry.details.phone)),
                        ("lastActivity", .string(entry.details.customer.record.lastActivity.map { CivilTime($0, offset: offset).iso8601 })),
                        ("lapses", .string(CivilTime(entry.ownedUntil, offset: offset).date)), ("daysLeft", .int(entry.daysLeft)),
                        ("visits", .int(entry.visits)),
                    ])
                })),
            ]).text)
            return
        }
        guard !owned.isEmpty else {
            let key = within == nil ? "customers.none" : "customers.noneLapsing"
            return Output.line(words.text(key, ["rep": rep.rawValue, "days": String(within ?? 0)]))
        }
        for entry in owned {
            Output.line(words.text("customers.line", [
                "id": String(entry.details.customer.id), "name": TerminalText.value(entry.details.name ?? "—"),
                "phone": entry.details.phone,
                "last": entry.details.customer.record.lastActivity.map { CivilTime($0, offset: offset).date } ?? "—",
                "lapses": CivilTime(entry.ownedUntil, offset: offset).date, "days": String(entry.daysLeft),
            ]))
        }
    }
}
