import LobbyCore
import LobbyStore

struct TicketCommand: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "ticket", abstract: "Print a ticket again (for reprints).",
        usage: "lobby ticket --test --printer DEV · lobby ticket TICKET [--format text|escpos|svg|html] [--lang zh|en] [--width 58|80] [--qr native|raster] [--printer PATH]",
        discussion: """
            The ticket as the kiosk issued it, with today's wait. escpos is the byte stream of a thermal \
            receipt printer (Chinese text in GB18030); --printer sends it to the printer's device file and \
            marks the ticket printed.
            """,
        options: [
            OptionHelp(name: "--format FORMAT", help: "text (default), escpos, svg, or html (a printable page)"),
            OptionHelp(name: "--lang zh|en", help: "the language (default zh)"),
            OptionHelp(name: "--width 58|80", help: "escpos paper width in mm (default the site's printer, else 58)"),
            OptionHelp(name: "--qr native|raster", help: "escpos QR as the printer's QR command or as an image (default the site's printer, else native)"),
            OptionHelp(name: "--printer PATH", help: "send the escpos ticket to this printer device"),
            OptionHelp(name: "--test", help: "with --printer: print a test slip (no ticket, nothing recorded)"),
        ])

    enum Format: String, CaseIterable { case text, escpos, svg, html }

    let ticket: String
    let language: Texts.Language
    let format: Format
    let width: Int?
    let nativeQR: Bool?
    let printer: String?
    /// --test: a test slip for the printer, no ticket.
    let test: Bool

    init(_ arguments: inout Arguments) throws(LobbyError) {
        test = arguments.flag("--test")
        let lang = try arguments.option("--lang") ?? "zh"
        guard let language = Texts.Language(rawValue: lang) else { throw .invalid("lang", "'\(lang)' is not zh or en") }
        self.language = language
        let format = try arguments.option("--format") ?? "text"
        guard let parsed = Format(rawValue: format) else {
            throw .usage("ticket: --format '\(format)' is not one of text|escpos|svg|html")
        }
        self.format = parsed
        switch try arguments.option("--width") {
        case nil: width = nil
        case "58": width = 58
        case "80": width = 80
        case let other?: throw .usage("ticket: --width '\(other)' is not 58 or 80")
        }
        switch try arguments.option("--qr") {
        case nil: nativeQR = nil
        case "native": nativeQR = true
        case "raster": nativeQR = false
        case let other?: throw .usage("ticket: --qr '\(other)' is not native or raster")
        }
        printer = try arguments.option("--printer")
        if printer != nil && parsed != .text && parsed != .escpos {
            throw .usage("ticket: --printer prints ESC/POS; it does not go with --format \(format)")
        }
        if test && printer == nil { throw .usage("ticket --test: name the printer with --printer DEV") }
        ticket = try arguments.positional("TICKET", required: !test) ?? ""
    }

    func run(_ context: Context) throws {
        if test { return try printTest(context) }
        let issued = try Self.issued(ticket, context: context)
        let site = try context.site
        let content = TicketContent(issued, site: site.name, texts: Texts(), language: language)
        var settings = site.printer ?? PrinterSettings()
        if let width { settings.width = width }
        if let nativeQR { settings.nativeQR = nativeQR }
        if let printer {
            settings.device = printer
            try TicketPrinter(settings: settings).print(content, day: issued.record.day, context: context)
                .mapError { LobbyError.refused("ticket: \($0)") }.get()
            Output.line("\(issued.record.id) printed on \(printer)")
            return
        }
        switch format {
        case .text: Output.line(TicketText.render(content))
        case .escpos:
            Output.flush()
            try Device.writeAll(1, TicketESCPOS.render(content, settings: settings).get()).mapError { LobbyError.refused("ticket: standard output: \($0)") }.get()
        case .svg: Output.line(try TicketPage.svg(content))
        case .html: Output.line(try TicketPage.html(content))
        }
    }

    /// The ticket as it stands now: its record, and today's receiver and wait.
    static func issued(_ text: String, context: Context) throws -> IssuedTicket {
        let id = try TicketCodes.resolve(text, context: context)
        let (key, day) = try context.today()
        let store = try context.store
        guard let record = try store.ticket(day: key.date, id: id), let state = day.ticket(id) else {
            throw LobbyError.notFound("ticket: no ticket \(id) today")
        }
        return try IssuedTicket(record: record, info: state.info, day: day, key: key, context: context)
    }
}

/// What a ticket says, in one language: the same words on the screen, the slip and the page.
extension TicketCommand {
    /// A slip with the site's name, the time and a QR code: proves the device, the paper width,
    /// the Chinese text and the QR mode before the first visitor. Records nothing.
    func printTest(_ context: Context) throws {
        let site = try context.site
        var settings = site.printer ?? PrinterSettings()
        if let width { settings.width = width }
        if let nativeQR { settings.nativeQR = nativeQR }
        let key = try context.dayKey()
        let content = TicketContent(
            language: language, site: site.name, title: "打印测试 Printer test", number: "TEST",
            category: "\(settings.width) mm · QR \(settings.nativeQR ? "native" : "raster")",
            next: "中文 ABC 123", time: context.iso8601(context.now, key: key), qr: "LOBBY-TEST|\(site.siteId)",
            thanks: "如能读到此行并扫出二维码，打印机工作正常。 If you can read this and scan the code, the printer works.")
        guard let printer else { return }
        let result = TicketESCPOS.render(content, settings: settings).flatMap { Device.send($0, to: printer) }
        if case let .failure(error) = result { throw LobbyError.refused("ticket --test: printer \(printer): \(error)") }
        Output.line("Test slip printed on \(printer) (\(settings.width) mm, QR \(settings.nativeQR ? "native" : "raster")).")
    }
}

struct TicketContent {
    var language: Texts.Language
    var site: String
    var title: String
    var number: String
    var category: String
    var next: String
    var time: String
    var qr: String
    var thanks: String

    init(language: Texts.Language, site: String, title: String, number: String, category: String, next: String,
         time: String, qr: String, thanks: String) {
        (self.language, self.site, self.title, self.number, self.category) = (language, site, title, number, category)
        (self.next, self.time, self.qr, self.thanks) = (next, time, qr, thanks)
    }

    init(_ ticket: IssuedTicket, site: String, texts: Texts, language: Texts.Language) {
        self.language = language
        self.site = site
        title = texts.text("ticketTitle", language)
        number = ticket.record.id
        let categoryKey = "category" + ticket.category.rawValue.prefix(1).uppercased() + ticket.category.rawValue.dropFirst()
        category = texts.text("category", language) + ": " + texts.text(categoryKey, language)
        let wait = ["ahead": String(ticket.ahead), "p50": String(ticket.wait.p50), "p80": String(ticket.wait.p80)]
        if let rep = ticket.rep, ticket.category != .new {
            let key = ticket.wait.p50 == 0 ? "nextNamed" : "nextNamedWait"
            next = texts.text(key, language, wait.merging(["rep": rep]) { a, _ in a })
            // R10: a visitor who would rather not wait for their own rep can be covered sooner.
            if let cover = ticket.coverWait, cover.p50 + 5 <= ticket.wait.p50 {
                next += "\n" + texts.text("nextCoverOffer", language, ["p50": String(cover.p50), "p80": String(cover.p80)])
            }
        } else if ticket.ahead == 0 && ticket.wait.p50 == 0 {
            next = texts.text("nextNow", language)
        } else {
            next = texts.text("nextWait", language, wait)
        }
        time = texts.text("time", language) + ": " + String(ticket.issuedAt.prefix(16)).replacingOccurrences(of: "T", with: " ")
        qr = ticket.qr
        thanks = texts.text("thanks", language)
    }
}

/// The ticket as text, for the kiosk screen and reprints.
enum TicketText {
    static func render(_ ticket: IssuedTicket, texts: Texts, language: Texts.Language, context: Context) -> String {
        render(TicketContent(ticket, site: (try? context.site.name) ?? "", texts: texts, language: language))
    }

    static func render(_ ticket: TicketContent) -> String {
        [
            "", "==============================", "  \(ticket.title):  \(ticket.number)", "==============================",
            ticket.category, ticket.next, ticket.time, QRText.halfBlocks(ticket.qr) ?? ticket.qr, ticket.thanks,
        ].joined(separator: "\n")
    }
}
