import LobbyCore
import LobbyStore

struct TicketCommand: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "ticket", abstract: "Print a ticket again (for reprints).",
        usage: "lobby ticket TICKET [--lang zh|en]",
        options: [OptionHelp(name: "--lang zh|en", help: "the language (default zh)")])

    let ticket: String
    let language: Texts.Language

    init(_ arguments: inout Arguments) throws(LobbyError) {
        let lang = try arguments.option("--lang") ?? "zh"
        guard let language = Texts.Language(rawValue: lang) else { throw .invalid("lang", "'\(lang)' is not zh or en") }
        self.language = language
        ticket = try arguments.positional("TICKET") ?? ""
    }

    func run(_ context: Context) throws {
        let id = try TicketCodes.resolve(ticket, context: context)
        let (key, day) = try context.today()
        let store = try context.store
        guard let record = try store.ticket(day: key.date, id: id), let state = day.ticket(id) else {
            throw LobbyError.notFound("ticket: no ticket \(id) today")
        }
        let site = try context.site
        let issued = IssuedTicket(
            record: record, category: record.category,
            rep: record.category == .other ? day.tail : day.lane(of: state.info), ahead: day.ahead(of: id),
            wait: WaitEstimator.estimate(day: day, ticket: id, now: context.now, model: try context.serviceModel()),
            qr: TicketCodes.qrText(site: site, record: record), issuedAt: context.iso8601(record.issuedAt, key: key))
        Output.line(TicketText.render(issued, texts: Texts(), language: language, context: context))
    }
}

/// The ticket as text, for the kiosk screen and reprints.
enum TicketText {
    static func render(_ ticket: IssuedTicket, texts: Texts, language: Texts.Language, context: Context) -> String {
        var lines = ["", "==============================", "  \(texts.text("ticketTitle", language)):  \(ticket.record.id)", "=============================="]
        let wait = ["ahead": String(ticket.ahead), "p50": String(ticket.wait.p50), "p80": String(ticket.wait.p80)]
        if let rep = ticket.rep, ticket.category != .new {
            let key = ticket.wait.p50 == 0 ? "nextNamed" : "nextNamedWait"
            lines.append(texts.text(key, language, wait.merging(["rep": rep]) { a, _ in a }))
        } else if ticket.ahead == 0 && ticket.wait.p50 == 0 {
            lines.append(texts.text("nextNow", language))
        } else {
            lines.append(texts.text("nextWait", language, wait))
        }
        lines.append("\(texts.text("time", language)): \(String(ticket.issuedAt.prefix(16)).replacingOccurrences(of: "T", with: " "))")
        lines.append(QRText.halfBlocks(ticket.qr) ?? ticket.qr)
        lines.append(texts.text("thanks", language))
        return lines.joined(separator: "\n")
    }
}
