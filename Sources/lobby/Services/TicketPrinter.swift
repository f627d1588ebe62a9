#if canImport(Glibc)
import Glibc
#endif
import LobbyCore
import LobbyStore

/// The kiosk's receipt printer (site.json "printer", or `--printer PATH`).
struct PrinterSettings: Equatable {
    /// The printer's device file, e.g. /dev/usb/lp0; nil when the kiosk has no printer.
    var device: String?
    /// Paper width in mm: 58 or 80.
    var width = 58
    /// Whether the printer draws QR codes itself (GS ( k); else the code is sent as an image.
    var nativeQR = true

    init() {}

    init(json: JSON, source: String) throws(LobbyError) {
        guard case .object = json else { throw .refused("site settings \(source): printer must be an object") }
        if let device = json["device"] {
            guard let path = device.stringValue, !path.isEmpty else { throw .refused("site settings \(source): printer.device must be a path") }
            self.device = path
        }
        if let width = json["width"] {
            guard let n = width.intValue, n == 58 || n == 80 else { throw .refused("site settings \(source): printer.width must be 58 or 80") }
            self.width = n
        }
        if let native = json["nativeQR"] {
            guard let flag = native.boolValue else { throw .refused("site settings \(source): printer.nativeQR must be true or false") }
            nativeQR = flag
        }
    }

    /// Printable dots a line at 203 dpi: 48 mm of 58 mm paper, 72 mm of 80 mm paper.
    var dots: Int { width == 80 ? 576 : 384 }
    /// Characters of the standard 12×24 font a line.
    var columns: Int { dots / 12 }
}

/// Why a slip did not print, in the operator's words.
struct PrintError: Error, CustomStringConvertible {
    let description: String

    static func system(_ what: String, _ code: Int32) -> PrintError {
        PrintError(description: what + ": " + String(cString: strerror(code)))
    }
}

/// The ticket as ESC/POS: Chinese mode and GB18030 text, centered, the number large, then the
/// QR code as the printer's own command or as a raster image, then a cut.
enum TicketESCPOS {
    static func render(_ ticket: TicketContent, settings: PrinterSettings) -> Result<[UInt8], PrintError> {
        var document = ESCPOS()
        document.initialize()
        document.chineseMode()
        document.align(.center)
        func text(_ text: String, columns: Int) throws(PrintError) {
            for line in Columns.wrap(text, columns: columns) {
                guard let encoded = GB18030.encode(line) else {
                    throw PrintError(description: "the text cannot be encoded in GB18030 (iconv has no GB18030 converter)")
                }
                document.line(encoded)
            }
        }
        guard case let .success(matrix) = QRMatrix.encode(ticket.qr) else {
            return .failure(PrintError(description: "the QR code could not be made"))
        }
        do throws(PrintError) {
            try text(ticket.site, columns: settings.columns)
            document.feed(1)
            try text(ticket.title, columns: settings.columns)
            document.size(3)
            document.bold(true)
            try text(ticket.number, columns: settings.columns / 3)
            document.bold(false)
            document.size(1)
            try text(ticket.category, columns: settings.columns)
            try text(ticket.next, columns: settings.columns)
            try text(ticket.time, columns: settings.columns)
            document.feed(1)
            let quiet = 4
            let span = matrix.size + 2 * quiet
            let module = max(1, min(8, settings.dots / span))
            if settings.nativeQR {
                document.nativeQR(Array(ticket.qr.utf8), module: module, level: .medium)
            } else {
                // Centered in a full-width image, whatever the printer does with ESC a for images.
                let left = (settings.dots - span * module) / 2
                var rows: [[Bool]] = []
                for y in 0..<(span * module) {
                    var row = [Bool](repeating: false, count: settings.dots)
                    for x in 0..<(span * module) where matrix[x / module - quiet, y / module - quiet] {
                        row[left + x] = true
                    }
                    rows.append(row)
                }
                document.raster(width: settings.dots, rows: rows)
            }
            document.feed(1)
            try text(ticket.thanks, columns: settings.columns)
            document.feed(4)
            document.cut()
        } catch {
            return .failure(error)
        }
        return .success(document.bytes)
    }
}

/// Writing to a printer's device file.
enum Device {
    /// Sends `bytes` to the device at `path`. The path must exist: a missing printer is never
    /// stood in for by a new file. A printer that takes nothing for 10 seconds has failed.
    static func send(_ bytes: [UInt8], to path: String) -> Result<Void, PrintError> {
        var fd: Int32
        repeat { fd = open(path, O_WRONLY | O_APPEND | O_NONBLOCK | O_NOCTTY | O_CLOEXEC) } while fd < 0 && errno == EINTR
        guard fd >= 0 else { return .failure(.system("cannot open", errno)) }
        let written = writeAll(fd, bytes, timeoutMilliseconds: 10_000)
        let closed = close(fd) == 0 ? nil : errno
        if case .failure = written { return written }
        if let closed { return .failure(.system("closing", closed)) }
        return .success(())
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8], timeoutMilliseconds: Int32 = -1) -> Result<Void, PrintError> {
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return .success(()) }
            var offset = 0
            while offset < buffer.count {
                let count = write(fd, base + offset, buffer.count - offset)
                if count > 0 {
                    offset += count
                } else if count == 0 {
                    return .failure(PrintError(description: "the device took no more bytes (\(offset) of \(buffer.count) written)"))
                } else if errno == EAGAIN {
                    var waiting = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                    let ready = poll(&waiting, 1, timeoutMilliseconds)
                    if ready == 0 { return .failure(PrintError(description: "the printer stopped taking data (\(offset) of \(buffer.count) bytes written)")) }
                    if ready < 0 && errno != EINTR { return .failure(.system("waiting for the printer", errno)) }
                } else if errno != EINTR {
                    return .failure(.system("write failed after \(offset) of \(buffer.count) bytes", errno))
                }
            }
            return .success(())
        }
    }
}

/// The kiosk's end of a check-in: the ticket on the screen always, and on a printed slip when a
/// printer is set. A slip that did not print is recorded so (tickets.printed = 0, shown in
/// `status`) and the visitor is told, so that no number is left without its holder knowing it.
struct TicketPrinter {
    let settings: PrinterSettings

    /// The kiosk's printer: `--printer PATH` over the site's; nil when neither names a device.
    static func forKiosk(path: String?, site: Site) -> TicketPrinter? {
        var settings = site.printer ?? PrinterSettings()
        if let path { settings.device = path }
        return settings.device == nil ? nil : TicketPrinter(settings: settings)
    }

    func print(_ ticket: TicketContent, day: String, context: Context) throws -> Result<Void, PrintError> {
        guard let device = settings.device else { return .failure(PrintError(description: "no printer is set")) }
        let result = TicketESCPOS.render(ticket, settings: settings).flatMap { Device.send($0, to: device) }
        if case .success = result { Self.record(printed: true, day: day, id: ticket.number, context: context) }
        return result.mapError { PrintError(description: "printer \(device): \($0)") }
    }

    /// Whether the slip printed, for `status`. The ticket is issued already: a database too busy
    /// to take this note must not keep the visitor from seeing their number.
    private static func record(printed: Bool, day: String, id: String, context: Context) {
        do {
            let store = try context.store
            try store.write { try store.setPrinted(day: day, id: id, printed) }
        } catch {
            System.writeError("lobby: \(id): could not record whether the slip printed: \(LobbyError.from(error))\n")
        }
    }

    /// What the kiosk screen shows for `ticket`, after printing it if there is a printer; laid out
    /// for a terminal `screenWidth` columns wide when given.
    static func show(
        _ ticket: IssuedTicket, printer: TicketPrinter?, texts: Texts, language: Texts.Language, context: Context,
        screenWidth: Int? = nil
    ) throws -> String {
        let content = TicketContent(ticket, site: try context.site.name, texts: texts, language: language)
        let screen = screenWidth.map { TicketText.screen(content, width: $0) } ?? TicketText.render(content)
        guard let printer else { return screen }
        switch try printer.print(content, day: ticket.record.day, context: context) {
        case .success:
            return screen + "\n" + texts.text("printed", language)
        case let .failure(error):
            record(printed: false, day: ticket.record.day, id: ticket.record.id, context: context)
            System.writeError("lobby: \(ticket.record.id) not printed: \(error)\n")
            return screen + "\n" + texts.text("printFailed", language)
        }
    }
}
