import LobbyCore
import LobbyStore
import LobbyText
import LobbyPlatform
import LobbyPrinting
import LobbyServices

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
