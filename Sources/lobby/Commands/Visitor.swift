import LobbyCore
import LobbyText
import LobbyPlatform
import LobbyServices

/// Who the consultant is about to receive: the consented details of a ticket's visitor.
struct Visitor: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "visitor", abstract: "Who a ticket's visitor is: consented details, earlier visits, owner, follow-ups, bookings.",
        discussion: """
            Staff, with their PIN. Shows what the visitor of today's TICKET consented to give (name, \
            phone, party, project, budget, source), their earlier visits and who received them, \
            their owner and the date ownership lapses (R11), follow-ups and open bookings. A rep \
            sees the visitor they receive or own, the front desk today's visitors, a supervisor \
            every one. Every view is written to the access log (who, when, which customer). \
            Without consent nothing is kept and nothing is shown.
            """,
        arguments: [Argument.ticket], options: [json, StaffWords.languageOption])

    static let json = Option.flag(
        "--json", help: "print {\"ticket\",\"consent\",\"name\",\"phone\",\"party\",\"project\",\"budget\",\"source\",\"earlierVisits\",\"owner\",\"lapses\",\"followups\",\"bookings\"}")

    let ticket: String
    let json: Bool
    let language: Texts.Language?

    init(_ arguments: Arguments) throws(LobbyError) {
        ticket = try arguments.required(Argument.ticket)
        json = arguments.flag(Self.json)
        language = try arguments.value(StaffWords.languageOption)
    }

    func run(_ context: Context) throws {
        try context.requireStaff(for: "visitor")
        let id = try TicketCodes.resolve(ticket, context: context)
        let words = StaffWords(language: try language ?? context.site.language)
        switch try CustomerViews.visitor(id, context: context, what: "visitor") {
        case let .shown(card):
            Output.line(json ? card.json.text : card.page(words).joined(separator: "\n"))
        case .nothingKept:
            Output.line(json ? JSON.object([("ticket", .string(id)), ("consent", .bool(false))]).text
                : words.text("visitor.noConsent", ["ticket": id.rawValue]))
        case .refused:
            try context.refuse("visitor", outcome: "not their visitor",
                               "visitor: \(context.actor) may see only the visitors they receive or own (a supervisor sees all)")
        }
    }
}
