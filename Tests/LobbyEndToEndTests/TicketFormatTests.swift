// The ticket in every form — terminal, ESC/POS (native QR and raster), SVG, HTML — read back
// by zbarimg to exactly the QR text `checkin --json` reports, and the kiosk's printer failures.
import Foundation
import Testing

@Suite("Ticket formats and printing")
struct TicketFormatTests {
    // MARK: - Terminal

    @Test("the terminal ticket carries number, category, next step, time and a half-block QR that decodes")
    func terminalQRDecodes() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        let tickets = try (1...4).map { _ in try lobby.checkin() }
        let last = try #require(tickets.last)
        let qr = try #require(last.str("qr"))
        let wait = try #require(last.obj("wait"))
        let p50 = try #require(wait.int("p50")), p80 = try #require(wait.int("p80"))
        let zh = try lobby.ok(["ticket", "A004"]).stdout
        #expect(zh.contains("A004"))
        #expect(zh.contains(try texts("zh", "category.new")))
        // Four reps ready for three ahead: no minutes to wait, and never "0–0".
        #expect(zh.contains("前面还有 3 组") && (p80 == 0 ? !zh.contains("0–0") : zh.contains("\(p50)–\(p80)")),
                "the wait is told as p50–p80, or as no wait:\n\(zh)")
        #expect(zh.contains("2026-11-23 10:00"))
        #expect(try decodeHalfBlocks(zh, in: lobby) == qr)
        let en = try lobby.ok(["ticket", "A004", "--lang", "en", "--format", "text"]).stdout
        #expect(en.contains("Category: New visitor") && en.contains("3 groups ahead"), "\(en)")
        // The QR text itself names the ticket too.
        let again = try lobby.ok(["ticket", qr]).stdout
        #expect(try decodeHalfBlocks(again, in: lobby) == qr)
    }

    // MARK: - ESC/POS

    @Test("ESC/POS with the printer's own QR command: init, GB18030 text, GS ( k storing the QR text, cut",
          arguments: [58, 80])
    func escposNative(width: Int) throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        let qr = try #require(try lobby.checkin().str("qr"))
        let (status, bytes, stderr) = try lobby.runBytes(["ticket", "A001", "--format", "escpos", "--width", String(width)])
        try #require(status == 0, "\(stderr)")
        let stream = try ESCPOSStream(bytes)
        #expect(stream.commands.first == "ESC @", "the slip starts with ESC @: \(stream.commands)")
        #expect(stream.commands.last == "GS V", "the slip ends with a cut: \(stream.commands)")
        #expect(stream.commands.contains("FS &"))
        #expect(stream.qrData.count == 1)
        #expect(stream.qrData.first.map { String(decoding: $0, as: UTF8.self) } == qr)
        for function in [65, 67, 69, 80, 81] {
            #expect(stream.commands.contains("GS ( k \(function)"), "QR function \(function) missing: \(stream.commands)")
        }
        let model = stream.commands.firstIndex(of: "GS ( k 65"), store = stream.commands.firstIndex(of: "GS ( k 80")
        let print = stream.commands.firstIndex(of: "GS ( k 81")
        #expect(model != nil && store != nil && print != nil && model! < store! && store! < print!)
        #expect(stream.rasters.isEmpty, "native QR needs no image")
        let text = try gb18030(stream.text, in: lobby)
        let category = try texts("zh", "category.new")
        #expect(text.contains("您的号码") && text.contains("A001") && text.contains(category), "\(text)")
        // Every line fits the paper: 32 or 48 columns, a Chinese character taking two.
        let columns = width == 80 ? 48 : 32
        for line in text.split(separator: "\n") where !line.contains("A001") {
            let used = line.reduce(0) { $0 + ($1.isASCII ? 1 : 2) }
            #expect(used <= columns, "'\(line)' is \(used) columns, more than \(columns)")
        }
    }

    @Test("ESC/POS with a raster QR (GS v 0) decodes to the QR text", arguments: [58, 80])
    func escposRaster(width: Int) throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        let qr = try #require(try lobby.checkin().str("qr"))
        let (status, bytes, stderr) = try lobby.runBytes(
            ["ticket", "A001", "--format", "escpos", "--qr", "raster", "--width", String(width), "--lang", "en"])
        try #require(status == 0, "\(stderr)")
        let stream = try ESCPOSStream(bytes)
        #expect(stream.commands.first == "ESC @" && stream.commands.last == "GS V", "\(stream.commands)")
        #expect(stream.qrData.isEmpty, "raster mode sends no GS ( k")
        let image = try #require(stream.rasterImage())
        #expect(image.width == (width == 80 ? 576 : 384), "the image spans the printable width")
        #expect(try zbar(image.rows, scale: 1, in: lobby) == qr)
        #expect(try gb18030(stream.text, in: lobby).contains("Your number"))
    }

    // MARK: - SVG and HTML

    @Test("the SVG ticket rasterized by rsvg-convert decodes to the QR text")
    func svgDecodes() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        let qr = try #require(try lobby.checkin().str("qr"))
        let svg = try lobby.ok(["ticket", "A001", "--format", "svg"]).stdout
        #expect(svg.hasPrefix("<svg") && svg.contains("A001") && svg.contains("您的号码"), "\(svg.prefix(400))")
        #expect(try rasterizeAndDecode(svg, in: lobby) == qr)
        let en = try lobby.ok(["ticket", "A001", "--format", "svg", "--lang", "en"]).stdout
        #expect(en.contains("Your number") && !en.contains("您的号码"))
    }

    @Test("the HTML ticket is a page with the ticket's words and an inline SVG QR that decodes")
    func htmlPage() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        let qr = try #require(try lobby.checkin().str("qr"))
        let html = try lobby.ok(["ticket", "A001", "--format", "html", "--lang", "en"]).stdout
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("lang=\"en\""))
        #expect(html.contains("A001") && html.contains("Your number") && html.contains("Category: New visitor"))
        #expect(!html.contains("{"  + "qr}") && !html.contains("{number}"), "every placeholder is filled")
        let start = try #require(html.range(of: "<svg"))
        let end = try #require(html.range(of: "</svg>"))
        let svg = String(html[start.lowerBound..<end.upperBound]).replacingOccurrences(of: "\"100%\"", with: "\"296\"")
        #expect(try rasterizeAndDecode(svg, in: lobby) == qr)
        let zh = try lobby.ok(["ticket", "A001", "--format", "html"]).stdout
        #expect(zh.contains("lang=\"zh-CN\"") && zh.contains("您的号码"))
    }

    // MARK: - Bad input

    @Test("ticket: an unknown format is a usage error, an unknown ticket is not found")
    func badInput() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        _ = try lobby.checkin()
        try expectRefused(lobby, ["ticket", "A001", "--format", "bogus"], exit: 2,
                          says: "lobby: ticket: --format 'bogus': not one of text|escpos|svg|html")
        try expectRefused(lobby, ["ticket", "A001", "--format", "escpos", "--qr", "bogus"], exit: 2,
                          says: "lobby: ticket: --qr 'bogus': not one of native|raster")
        try expectRefused(lobby, ["ticket", "A001", "--format", "escpos", "--width", "57"], exit: 2,
                          says: "lobby: ticket: --width '57': not one of 58|80")
        try expectRefused(lobby, ["ticket", "A001", "--lang", "fr"], exit: 2, says: "lobby: ticket: --lang 'fr': not one of zh|en")
        try expectRefused(lobby, ["ticket", "A001", "--format", "svg", "--printer", "/dev/null"], exit: 2,
                          says: "lobby: ticket: --printer prints ESC/POS; it does not go with --format svg")
        for format in ["text", "escpos", "svg", "html"] {
            try expectRefused(lobby, ["ticket", "A099", "--format", format], exit: 4, says: "lobby: ticket: no ticket A099 today")
        }
        try expectRefused(lobby, ["ticket", "LOBBY1|demo|2026-11-23|A001|WRONGTOK", "--format", "svg"], exit: 4,
                          says: "lobby: ticket code: this QR code does not match a ticket issued today")
    }

    // MARK: - The kiosk's printer

    @Test("a printer that cannot be opened or written: the kiosk shows the ticket and says so; status marks it not printed",
          arguments: ["missing", "directory", "full"])
    func printerFailure(kind: String) throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        let device: String
        switch kind {
        case "missing": device = lobby.dir.appendingPathComponent("nonexistent/dir/lp0").path
        case "directory": device = lobby.dir.path
        default: device = "/dev/full"
        }
        let r = lobby.run(["kiosk", "--printer", device], stdin: "1\n\n\n\n")
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("A001"), "the ticket is still shown:\n\(r)")
        #expect(r.stdout.contains(try texts("zh", "printFailed")), "the visitor is told the slip did not print:\n\(r)")
        #expect(!r.stdout.contains(try texts("zh", "printed")))
        #expect(r.stderr.contains("A001 not printed") && r.stderr.contains(device), "the operator is told why:\n\(r)")
        let status = try lobby.status()
        let entry = try #require(status.waiting.first { $0.str("ticket") == "A001" })
        #expect(entry.bool("printed") == false, "\(entry)")
        #expect(try lobby.ok(["status", "--lang", "en"]).stdout.contains("NOT PRINTED"))
        // The code on the screen is the ticket's.
        #expect(try decodeHalfBlocks(r.stdout, in: lobby) == qrText(lobby, "A001"))
        if kind == "missing" {
            #expect(!FileManager.default.fileExists(atPath: device), "a missing printer is never stood in for by a new file")
        }
    }

    @Test("a printer that takes the bytes: the slip parses back, status marks it printed; no printer leaves it unmarked")
    func printerSuccess() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        // A character device standing in for /dev/usb/lp0: lobby writes only to one.
        let printer = try FakePrinter()
        let device = printer.path
        let r = lobby.run(["kiosk", "--printer", device, "--lang", "en"], stdin: "1\n\n\n\n1\n\n\n\n")
        #expect(r.status == 0, "\(r)")
        let printedText = try texts("en", "printed"), failedText = try texts("en", "printFailed")
        #expect(r.stdout.contains(printedText) && !r.stdout.contains(failedText), "\(r)")
        let stream = try ESCPOSStream(printer.bytes())
        #expect(stream.commands.filter { $0 == "ESC @" }.count == 2, "two slips, one after the other: \(stream.commands)")
        #expect(stream.commands.filter { $0 == "GS V" }.count == 2)
        #expect(stream.commands.last == "GS V")
        let qrs = try ["A001", "A002"].map { try qrText(lobby, $0) }
        #expect(stream.qrData.map { String(decoding: $0, as: UTF8.self) } == qrs)
        let text = try gb18030(stream.text, in: lobby)
        #expect(text.contains("Your number") && text.contains("A001") && text.contains("A002"))

        _ = try lobby.checkin()  // A003, no printer
        let status = try lobby.status()
        let printed = Dictionary(uniqueKeysWithValues: status.waiting.compactMap { w in w.str("ticket").map { ($0, w["printed"]) } })
        #expect(printed["A001"] as? Bool == true && printed["A002"] as? Bool == true, "\(status.waiting)")
        #expect(printed["A003"] is NSNull, "no printer was asked for A003: \(status.waiting)")
        #expect(try !lobby.ok(["status", "--lang", "en"]).stdout.contains("NOT PRINTED"))
    }

    @Test("the site's printer setting: device, 80 mm paper and a raster QR, used by the kiosk without --printer")
    func sitePrinter() throws {
        let lobby = try Lobby()
        // A character device standing in for /dev/usb/lp0: lobby writes only to one.
        let printer = try FakePrinter()
        let device = printer.path
        let siteURL = lobby.dir.appendingPathComponent("site.json")
        try #"{"siteId":"demo","ticketPrefix":"A","timeZone":"Asia/Shanghai","printer":{"device":"\#(device)","width":80,"nativeQR":false}}"#
            .write(to: siteURL, atomically: true, encoding: .utf8)
        lobby.site = siteURL.path
        try lobby.bootstrap()
        let r = lobby.run(["kiosk"], stdin: "1\n\n\n\n")
        let printedText = try texts("zh", "printed")
        #expect(r.status == 0 && r.stdout.contains(printedText), "\(r)")
        let stream = try ESCPOSStream(printer.bytes())
        #expect(stream.qrData.isEmpty)
        let image = try #require(stream.rasterImage())
        #expect(image.width == 576)
        #expect(try zbar(image.rows, scale: 1, in: lobby) == qrText(lobby, "A001"))

        let bad = lobby.dir.appendingPathComponent("bad.json")
        try #"{"printer":{"width":60}}"#.write(to: bad, atomically: true, encoding: .utf8)
        let other = try Lobby()
        other.site = bad.path
        let refused = other.run(["status"])
        #expect(refused.status == 1 && refused.stderr.contains("printer.width"), "\(refused)")
    }

    @Test("a reprint to the printer marks a ticket printed that the kiosk could not print")
    func reprint() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        _ = lobby.run(["kiosk", "--printer", lobby.dir.appendingPathComponent("none/lp0").path], stdin: "1\n\n\n\n")
        #expect(try lobby.status().waiting.first?.bool("printed") == false)
        let failed = lobby.run(["ticket", "A001", "--printer", "/dev/full"])
        // The printer failed, not the request: exit 5, naming the device.
        #expect(failed.status == 5 && failed.message.hasPrefix("lobby: ticket: printer /dev/full: "), "\(failed)")
        #expect(try lobby.status().waiting.first?.bool("printed") == false)
        // A character device standing in for /dev/usb/lp0: lobby writes only to one.
        let printer = try FakePrinter()
        let device = printer.path
        try lobby.ok(["ticket", "A001", "--printer", device, "--qr", "raster"])
        #expect(try lobby.status().waiting.first?.bool("printed") == true)
        let stream = try ESCPOSStream(printer.bytes())
        let image = try #require(stream.rasterImage())
        #expect(try zbar(image.rows, scale: 1, in: lobby) == qrText(lobby, "A001"))
    }
}

// MARK: - Helpers

/// A visitor text from kiosk-assets/texts.json.
private func texts(_ language: String, _ key: String) throws -> String {
    let url = Harness.repoRoot.appendingPathComponent("kiosk-assets/texts.json")
    let root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: [String: String]])
    return try #require(root[language]?[key], "texts.json has no \(language).\(key)")
}

/// An ESC/POS stream taken apart: the commands in order, the QR data stored with GS ( k, the
/// GS v 0 images and the bytes printed as text.
private struct ESCPOSStream {
    var commands: [String] = []
    var qrData: [[UInt8]] = []
    var rasters: [(rowBytes: Int, rows: Int, data: [UInt8])] = []
    var text: [UInt8] = []

    init(_ bytes: [UInt8]) throws {
        var i = 0
        func need(_ n: Int) throws {
            guard i + n <= bytes.count else { throw HarnessError(description: "the stream ends inside a command at byte \(i)") }
        }
        func unknown() -> HarnessError {
            HarnessError(description: "unknown command at byte \(i): \(bytes[i..<min(bytes.count, i + 4)].map { String($0, radix: 16) })")
        }
        while i < bytes.count {
            switch bytes[i] {
            case 0x1B:
                try need(2)
                switch bytes[i + 1] {
                case 0x40: commands.append("ESC @"); i += 2
                case 0x61: try need(3); commands.append("ESC a"); i += 3
                case 0x45: try need(3); commands.append("ESC E"); i += 3
                case 0x64: try need(3); commands.append("ESC d"); i += 3
                default: throw unknown()
                }
            case 0x1C:
                try need(2)
                guard bytes[i + 1] == 0x26 else { throw unknown() }
                commands.append("FS &")
                i += 2
            case 0x1D:
                try need(2)
                switch bytes[i + 1] {
                case 0x21: try need(3); commands.append("GS !"); i += 3
                case 0x28:
                    try need(5)
                    guard bytes[i + 2] == 0x6B else { throw unknown() }
                    let length = Int(bytes[i + 3]) | Int(bytes[i + 4]) << 8
                    try need(5 + length)
                    let body = Array(bytes[(i + 5)..<(i + 5 + length)])
                    guard body.count >= 2, body[0] == 0x31 else { throw unknown() }
                    commands.append("GS ( k \(body[1])")
                    if body[1] == 0x50 {
                        guard body.count >= 3, body[2] == 0x30 else { throw unknown() }
                        qrData.append(Array(body[3...]))
                    }
                    i += 5 + length
                case 0x76:
                    try need(8)
                    guard bytes[i + 2] == 0x30 else { throw unknown() }
                    let rowBytes = Int(bytes[i + 4]) | Int(bytes[i + 5]) << 8
                    let rows = Int(bytes[i + 6]) | Int(bytes[i + 7]) << 8
                    try need(8 + rowBytes * rows)
                    rasters.append((rowBytes, rows, Array(bytes[(i + 8)..<(i + 8 + rowBytes * rows)])))
                    commands.append("GS v 0")
                    i += 8 + rowBytes * rows
                case 0x56:
                    try need(3)
                    let m = bytes[i + 2]
                    if m == 65 || m == 66 { try need(4); i += 4 } else { i += 3 }
                    commands.append("GS V")
                default: throw unknown()
                }
            default:
                text.append(bytes[i])
                i += 1
            }
        }
    }

    /// The GS v 0 bands stacked top to bottom; nil when there are none or their widths differ.
    func rasterImage() -> (width: Int, rows: [[Bool]])? {
        guard let rowBytes = rasters.first?.rowBytes, rasters.allSatisfy({ $0.rowBytes == rowBytes }) else { return nil }
        var rows: [[Bool]] = []
        for raster in rasters {
            for y in 0..<raster.rows {
                rows.append((0..<(rowBytes * 8)).map { x in raster.data[y * rowBytes + x / 8] & (0x80 >> UInt8(x % 8)) != 0 })
            }
        }
        return (rowBytes * 8, rows)
    }
}

/// The modules of the first half-block QR code in `text`: light is drawn as a block, so a cell
/// is light where its half is drawn.
private func halfBlockRows(_ text: String) -> [[Bool]] {
    let blocks: Set<Character> = ["█", "▀", "▄", " "]
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let code = lines.drop { !($0.count >= 21 && $0.allSatisfy(blocks.contains)) }
        .prefix { $0.count >= 21 && $0.allSatisfy(blocks.contains) }
    var rows: [[Bool]] = []
    for line in code {
        rows.append(line.map { !($0 == "█" || $0 == "▀") })
        rows.append(line.map { !($0 == "█" || $0 == "▄") })
    }
    return rows
}

private func decodeHalfBlocks(_ text: String, in lobby: Lobby) throws -> String? {
    let rows = halfBlockRows(text)
    try #require(rows.count >= 21, "no half-block QR code in:\n\(text)")
    return try zbar(rows, scale: 6, in: lobby)
}

/// Writes `rows` (dark true) as a plain PBM, each module `scale` pixels, and decodes it with zbarimg.
private func zbar(_ rows: [[Bool]], scale: Int, in lobby: Lobby) throws -> String? {
    let width = (rows.first?.count ?? 0) * scale
    var pbm = "P1\n\(width) \(rows.count * scale)\n"
    for row in rows {
        let line = row.flatMap { Array(repeating: $0 ? "1" : "0", count: scale) }.joined(separator: " ") + "\n"
        for _ in 0..<scale { pbm += line }
    }
    let url = lobby.dir.appendingPathComponent("qr-\(UUID().uuidString).pbm")
    try pbm.write(to: url, atomically: true, encoding: .ascii)
    return try zbarimg(url.path)
}

private func zbarimg(_ path: String) throws -> String? {
    let tool = try #require(Harness.which("zbarimg"), "zbarimg is not installed (scripts/install-deps installs zbar-tools)")
    let (status, out) = try runTool(tool, [ "--raw", "-q", path])
    guard status == 0 else { return nil }
    return String(decoding: out, as: UTF8.self).trimmingCharacters(in: .newlines)
}

private func rasterizeAndDecode(_ svg: String, in lobby: Lobby) throws -> String? {
    let tool = try #require(Harness.which("rsvg-convert"), "rsvg-convert is not installed (scripts/install-deps installs librsvg2-bin)")
    let svgURL = lobby.dir.appendingPathComponent("ticket-\(UUID().uuidString).svg")
    let pngURL = svgURL.deletingPathExtension().appendingPathExtension("png")
    try svg.write(to: svgURL, atomically: true, encoding: .utf8)
    let (status, _) = try runTool(tool, ["--background-color", "white", "-z", "2", "-o", pngURL.path, svgURL.path])
    try #require(status == 0, "rsvg-convert failed on \(svgURL.path)")
    return try zbarimg(pngURL.path)
}

/// GB18030 bytes as text, through iconv(1).
private func gb18030(_ bytes: [UInt8], in lobby: Lobby) throws -> String {
    let url = lobby.dir.appendingPathComponent("text-\(UUID().uuidString).gb")
    try Data(bytes).write(to: url)
    let iconv = try #require(Harness.which("iconv"))
    let (status, out) = try runTool(iconv, ["-f", "GB18030", "-t", "UTF-8", url.path])
    try #require(status == 0, "the slip's text is not GB18030")
    return String(decoding: out, as: UTF8.self)
}

private func runTool(_ tool: String, _ args: [String]) throws -> (Int32, Data) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = args
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, data)
}

/// The QR text of a ticket issued by the kiosk (LOBBY1|site|day|ticket|token), its token read
/// from the database as an outsider would.
private func qrText(_ lobby: Lobby, _ ticket: String) throws -> String {
    let sqlite3 = try #require(Harness.sqlite3, "sqlite3 is not on PATH")
    let (status, out) = try runTool(sqlite3, [lobby.db, "SELECT token FROM tickets WHERE day = '\(lobby.date)' AND id = '\(ticket)'"])
    let token = String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    try #require(status == 0 && !token.isEmpty, "no ticket \(ticket) in the database")
    return "LOBBY1|demo|\(lobby.date)|\(ticket)|\(token)"
}

extension Lobby {
    /// Runs `lobby ARGS…` and returns its standard output as bytes (ESC/POS is not text).
    func runBytes(_ args: [String]) throws -> (status: Int32, stdout: [UInt8], stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Harness.binary.get())
        process.arguments = args
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("LOBBY_") }
        environment.merge(defaultEnv) { _, new in new }
        process.environment = environment
        process.currentDirectoryURL = dir
        let outURL = dir.appendingPathComponent(".bytes-\(UUID().uuidString)")
        let errURL = dir.appendingPathComponent(".bytes-err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        defer { try? out.close(); try? err.close() }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let bytes = Array(try Data(contentsOf: outURL))
        let message = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        return (process.terminationStatus, bytes, message)
    }
}
