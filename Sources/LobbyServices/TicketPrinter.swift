#if canImport(Glibc)
import Glibc
#endif
import LobbyCore
import LobbyStore
import LobbyText
import LobbyPlatform
import LobbyPrinting

/// The kiosk's receipt printer (site.json "printer", or `--printer PATH`).
package struct PrinterSettings: Equatable {
    /// The printer's device file, e.g. /dev/usb/lp0; nil when the kiosk has no printer.
    package var device: String?
    /// Paper width in mm: 58 or 80.
    package var width = 58
    /// Whether the printer draws QR codes itself (GS ( k); else the code is sent as an image.
    package var nativeQR = true

    package init() {}

    package init(json: JSON, source: String) throws(LobbyError) {
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
    package var dots: Int { width == 80 ? 576 : 384 }
    /// Characters of the standard 12×24 font a line.
    package var columns: Int { dots / 12 }
}

/// Why a slip did not print, in the operator's words.
package struct PrintError: Error, CustomStringConvertible {
    /// The path given is not a printer at all: a refusal of the request (exit 1), not a device
    /// that failed (exit 5).
    package var notADevice = false
    package let description: String

    package static func system(_ what: String, _ error: Errno) -> PrintError {
        PrintError(description: what + ": " + error.description)
    }
}

/// The ticket as ESC/POS: Chinese mode and GB18030 text, centered, the number large, then the
/// QR code as the printer's own command or as a raster image, then a cut.
package enum TicketESCPOS {
    package static func render(_ ticket: TicketContent, settings: PrinterSettings) -> Result<[UInt8], PrintError> {
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
package enum Device {
    /// Sends `bytes` to the printer at `path`, which must be a character device (/dev/usb/lp0, a
    /// serial port): a missing printer is never stood in for by a new file, and a regular file,
    /// a FIFO or a socket is refused, so a mistyped or planted path cannot collect tickets. A
    /// symlink is followed (udev names printers by symlinks such as /dev/usb/by-id/…), but only
    /// to a character device, checked on the open file itself. A printer that takes nothing for
    /// 10 seconds has failed.
    package static func send(_ bytes: [UInt8], to path: String) -> Result<Void, PrintError> {
        var info = stat()
        // Looked at before opening: opening some files has effects of its own (a FIFO blocks).
        guard stat(path, &info) == 0 else { return .failure(.system("cannot open", .current)) }
        guard info.st_mode & S_IFMT == S_IFCHR else { return .failure(notDevice) }
        let device: FileDescriptor
        do {
            device = try FileDescriptor.open(FilePath(path), O_WRONLY | O_NONBLOCK | O_NOCTTY)
        } catch {
            return .failure(.system("cannot open", error))
        }
        do {
            // The path may have changed between the look and the open: the open file decides.
            guard try device.status().st_mode & S_IFMT == S_IFCHR else {
                try? device.close()
                return .failure(notDevice)
            }
        } catch {
            try? device.close()
            return .failure(.system("cannot open", error))
        }
        let written = writeAll(device, bytes, timeoutMilliseconds: 10_000)
        do {
            try device.close()
        } catch {
            if case .success = written { return .failure(.system("closing", error)) }
        }
        return written
    }

    private static let notDevice = PrintError(notADevice: true, description: "not a printer device (a character device such as /dev/usb/lp0 is needed)")

    package static func writeAll(_ fd: FileDescriptor, _ bytes: [UInt8], timeoutMilliseconds: Int32? = nil) -> Result<Void, PrintError> {
        var written = 0
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(Errno) in try fd.writeAll(buffer, timeoutMilliseconds: timeoutMilliseconds, written: &written) }
        }
        return result.mapError { error in
            switch error {
            case .timedOut: return PrintError(description: "the printer stopped taking data (\(written) of \(bytes.count) bytes written)")
            default: return .system("write failed after \(written) of \(bytes.count) bytes", error)
            }
        }
    }
}

/// The kiosk's end of a check-in: the ticket on the screen always, and on a printed slip when a
/// printer is set. A slip that did not print is recorded so (tickets.printed = 0, shown in
/// `status`) and the visitor is told, so that no number is left without its holder knowing it.
package struct TicketPrinter {
    package let settings: PrinterSettings

    package init(settings: PrinterSettings) {
        self.settings = settings
    }

    /// The kiosk's printer: `--printer PATH` over the site's; nil when neither names a device.
    package static func forKiosk(path: String?, site: Site) -> TicketPrinter? {
        var settings = site.printer ?? PrinterSettings()
        if let path { settings.device = path }
        return settings.device == nil ? nil : TicketPrinter(settings: settings)
    }

    package func print(_ ticket: TicketContent, day: String, context: Context) throws -> Result<Void, PrintError> {
        guard let device = settings.device else { return .failure(PrintError(description: "no printer is set")) }
        let result = TicketESCPOS.render(ticket, settings: settings).flatMap { Device.send($0, to: device) }
        if case .success = result { Self.record(printed: true, day: day, id: TicketID(ticket.number), context: context) }
        return result.mapError { PrintError(notADevice: $0.notADevice, description: "printer \(TerminalText.path(device)): \($0)") }
    }

    /// Whether the slip printed, for `status`. The ticket is issued already: a database too busy
    /// to take this note must not keep the visitor from seeing their number.
    private static func record(printed: Bool, day: String, id: TicketID, context: Context) {
        do {
            let store = try context.store
            try store.write { try store.setPrinted(day: day, id: id, printed) }
        } catch {
            Output.error("lobby: \(id): could not record whether the slip printed: \(LobbyError.from(error))")
        }
    }

    /// What the kiosk screen shows for `ticket`, after printing it if there is a printer; laid out
    /// for a terminal `screenWidth` columns wide when given.
    package static func show(
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
            Output.error("lobby: \(ticket.record.id) not printed: \(error)")
            return screen + "\n" + texts.text("printFailed", language)
        }
    }
}
