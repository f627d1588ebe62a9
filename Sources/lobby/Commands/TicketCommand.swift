import LobbyCore
import LobbyStore

struct TicketCommand: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "ticket", abstract: "Print a ticket again (for reprints).",
        discussion: """
            The ticket as the kiosk issued it, with today's wait. escpos is the byte stream of a thermal \
            receipt printer (Chinese text in GB18030); --printer sends it to the printer's device file and \
            marks the ticket printed.
            """,
        arguments: [ticketArgument], options: [format, language, width, qr, printer, testSlip])

    enum Format: String, CaseIterable { case text, escpos, svg, html }

    static let format = Option<Format>.choice("--format", help: "text (default), escpos, svg, or html (a printable page)")
    static let language = Option<Texts.Language>.choice("--lang", help: "the language (default zh)")
    static let width = Option.oneOf("--width", ["58", "80"], help: "escpos paper width in mm (default the site's printer, else 58)")
    static let qr = Option.oneOf(
        "--qr", ["native", "raster"], help: "escpos QR as the printer's QR command or as an image (default the site's printer, else native)")
    static let printer = Option.text("--printer", "PATH", help: "send the escpos ticket to this printer device")
    static let testSlip = Option.flag("--test", help: "with --printer: print a test slip (no ticket, nothing recorded)")
    static let ticketArgument = Argument("TICKET", help: "a ticket number or the text of its QR code (none with --test)", optional: true)

    let ticket: String
    let language: Texts.Language
    let format: Format
    let width: Int?
    let nativeQR: Bool?
    let printer: String?
    /// --test: a test slip for the printer, no ticket.
    let test: Bool

    init(_ arguments: Arguments) throws(LobbyError) {
        test = arguments.flag(Self.testSlip)
        language = try arguments.value(Self.language) ?? .zh
        format = try arguments.value(Self.format) ?? .text
        width = try arguments.value(Self.width).flatMap { Int($0) }
        nativeQR = try arguments.value(Self.qr).map { $0 == "native" }
        printer = try arguments.value(Self.printer)
        if printer != nil && format != .text && format != .escpos {
            throw .usage("ticket: --printer prints ESC/POS; it does not go with --format \(format.rawValue)")
        }
        if test && printer == nil { throw .usage("ticket --test: name the printer with --printer DEV") }
        // A test slip has no ticket; any other use names one.
        guard let ticket = arguments.argument(Self.ticketArgument) ?? (test ? "" : nil) else {
            throw .usage("ticket: missing TICKET")
        }
        self.ticket = ticket
    }

    func run(_ context: Context) throws {
        if test { return try printTest(context) }
        let issued = try Self.issued(ticket, context: context)
        let site = try context.site
        let content = TicketContent(issued, site: site.name, texts: Texts.shared, language: language)
        var settings = site.printer ?? PrinterSettings()
        if let width { settings.width = width }
        if let nativeQR { settings.nativeQR = nativeQR }
        if let printer {
            settings.device = printer
            try TicketPrinter(settings: settings).print(content, day: issued.record.day, context: context)
                .mapError { $0.notADevice ? LobbyError.refused("ticket: \($0)") : LobbyError.failed("ticket: \($0)") }.get()
            Output.line("\(issued.record.id) printed on \(TerminalText.path(printer))")
            return
        }
        switch format {
        case .text: Output.line(TicketText.render(content))
        case .escpos:
            Output.flush()
            let bytes = try TicketESCPOS.render(content, settings: settings).mapError { LobbyError.failed("ticket: \($0)") }.get()
            try Device.writeAll(.standardOutput, bytes).mapError { LobbyError.failed("ticket: standard output: \($0)") }.get()
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
        category = texts.text("category", language) + ": " + texts.text("category." + ticket.category.rawValue, language)
        let wait = ["ahead": String(ticket.ahead), "p50": String(ticket.wait.p50), "p80": String(ticket.wait.p80)]
        // English readers are told the Latin name a rep has one.
        let rep = ticket.rep.map { language == .en ? ticket.repLatin ?? $0 : $0 }
        if ticket.category == .other {
            // R15: the tail rep comes to the desk; a sales wait means nothing to a courier.
            next = rep.map { texts.text("nextOther", language, ["rep": $0]) } ?? texts.text("nextOtherDesk", language)
        } else if !ticket.repsOnDuty {
            // Nobody to receive them: an estimate of 0–0 minutes would be a promise nobody keeps.
            next = texts.text("nextNoRep", language)
        } else if let rep, ticket.category != .new {
            let key = ticket.wait.p50 == 0 ? "nextNamed" : "nextNamedWait"
            next = texts.text(key, language, wait.merging(["rep": rep]) { a, _ in a })
            // R10: a visitor who would rather not wait for their own rep can be covered sooner.
            if let cover = ticket.coverWait, Wait.offersCover(cover, over: ticket.wait) {
                next += "\n" + texts.text("nextCoverOffer", language, ["p50": String(cover.p50), "p80": String(cover.p80)])
            }
        } else if ticket.ahead == 0 && ticket.wait.p50 == 0 {
            next = texts.text("nextNow", language)
        } else {
            next = texts.text(ticket.ahead == 1 ? "nextWaitOne" : "nextWait", language, wait)
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
            ticket.category, ticket.next, ticket.time, QRText.halfBlocks(ticket.qr) ?? ticket.qr,
            // Again below the code, which is taller than some screens: the number is what matters.
            "  \(ticket.title):  \(ticket.number)", ticket.next, ticket.thanks,
        ].joined(separator: "\n")
    }

    /// The kiosk's screen: the code on the left and the words beside it, so that the whole ticket
    /// fits an 80×24 terminal; on a narrower one, `render` (the number repeated below the code).
    static func screen(_ ticket: TicketContent, width: Int) -> String {
        guard let code = QRText.halfBlocks(ticket.qr, quiet: 2) else { return render(ticket) }
        let rows = code.split(separator: "\n").map(String.init)
        let codeWidth = rows.first.map(DisplayWidth.of) ?? 0
        let columns = width - codeWidth - 3
        guard columns >= 24 else { return render(ticket) }
        var words = ["\(ticket.title):  \(ticket.number)", ""]
        for part in [ticket.category] + ticket.next.split(separator: "\n").map(String.init) + [ticket.time, ticket.thanks] {
            words += Columns.wrap(part, columns: columns)
        }
        var lines: [String] = []
        for index in 0..<max(rows.count, words.count) {
            let left = index < rows.count ? rows[index] : String(repeating: " ", count: codeWidth)
            let right = index < words.count ? words[index] : ""
            lines.append(right.isEmpty ? left : left + "   " + right)
        }
        return lines.joined(separator: "\n")
    }
}
