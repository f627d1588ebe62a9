import LobbyText
import LobbyPlatform
import LobbyPrinting

/// The ticket as SVG and as a printable HTML page, from the templates in kiosk-assets/ticket/.
/// Placeholders: {lang} {site} {title} {number} {category} {next} {time} {thanks} {qrText}, and
/// {qr}, the code as an SVG element.
package enum TicketPage {
    package static func svg(_ ticket: TicketContent) throws -> String {
        // SVG text does not wrap: each value becomes lines of tspans, and each text is placed below
        // the lines before it, so a long name or a second sentence makes the ticket longer instead
        // of running into the next line. Font sizes are the template's.
        let width = 360.0, margin = 20.0, qrSize = 240.0
        let texts: [(key: String, value: String, size: Double, gap: Double)] = [
            ("site", ticket.site, 15, 5), ("title", ticket.title, 18, 35), ("number", ticket.number, 64, 1),
            ("category", ticket.category, 16, 5), ("next", ticket.next, 16, 9), ("time", ticket.time, 16, 12),
        ]
        var values: [String: String] = [:]
        var cursor = 12.0
        func place(_ key: String, _ value: String, size: Double, gap: Double) {
            // A column of Columns.wrap is half a Chinese character; Latin letters average a bit more.
            let columns = max(4, Int((width - 2 * margin) / (size * 0.6)))
            let lines = value.split(separator: "\n", omittingEmptySubsequences: false)
                .flatMap { Columns.wrap(String($0), columns: columns) }
            // The CJK fonts' glyph boxes reach 1.16 em above the baseline and 0.29 em below it
            // (Noto Sans CJK, the kiosk's font); placing by the box, not by the font size, keeps a
            // large number clear of the line above it whichever of the fonts is installed.
            let baseline = cursor + gap + size * Self.ascent
            values["y." + key] = Self.number(baseline)
            values[key] = lines.enumerated().map { index, line in
                "<tspan x=\"50%\" dy=\"\(index == 0 ? "0" : "1.25em")\">\(HTML.escape(line))</tspan>"
            }.joined()
            cursor = baseline + Double(max(lines.count, 1) - 1) * size * 1.25 + size * Self.descent
        }
        for text in texts { place(text.key, text.value, size: text.size, gap: text.gap) }
        values["y.qr"] = Self.number(cursor + 12)
        cursor += 12 + qrSize
        place("thanks", ticket.thanks, size: 14, gap: 18)
        values["height"] = Self.number((cursor + 24).rounded(.up))
        return try fill("ticket.svg", ticket, qrSize: Self.number(qrSize), extra: values) { $0 }
    }

    package static func html(_ ticket: TicketContent) throws -> String {
        // Paragraphs wrap by themselves; a second sentence of `next` is its own line.
        try fill("ticket.html", ticket, qrSize: "100%") { HTML.escape($0).replacingOccurrences(of: "\n", with: "<br>") }
    }

    private static let ascent = 1.16
    private static let descent = 0.3

    private static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// The code's dark modules as one path, on a light square with a quiet zone of four modules.
    package static func qrSVG(_ text: String, size: String) -> String? {
        guard case let .success(matrix) = QRMatrix.encode(text) else { return nil }
        let quiet = 4
        let span = matrix.size + 2 * quiet
        var path = ""
        for y in 0..<matrix.size {
            var x = 0
            while x < matrix.size {
                guard matrix[x, y] else {
                    x += 1
                    continue
                }
                var run = 1
                while matrix[x + run, y] { run += 1 }
                path += "M\(x + quiet) \(y + quiet)h\(run)v1h-\(run)z"
                x += run
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(size)\" height=\"\(size)\" viewBox=\"0 0 \(span) \(span)\" "
            + "shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"\(HTML.escape(text))\">"
            + "<rect width=\"\(span)\" height=\"\(span)\" fill=\"#fff\"/><path fill=\"#000\" d=\"\(path)\"/></svg>"
    }

    private static func fill(
        _ name: String, _ ticket: TicketContent, qrSize: String, extra: [String: String] = [:], _ value: (String) -> String
    ) throws -> String {
        guard let template = Assets.read("ticket/" + name) else {
            throw LobbyError.refused("ticket: the template kiosk-assets/ticket/\(name) was not found (set LOBBY_ASSETS)")
        }
        guard let qr = qrSVG(ticket.qr, size: qrSize) else { throw LobbyError.failed("ticket: the QR code could not be made") }
        var values = [
            "lang": HTML.escape(ticket.language == .zh ? "zh-CN" : "en"), "site": value(ticket.site), "title": value(ticket.title),
            "number": value(ticket.number), "category": value(ticket.category), "next": value(ticket.next),
            "time": value(ticket.time), "thanks": value(ticket.thanks), "qrText": HTML.escape(ticket.qr), "qr": qr,
        ]
        values.merge(extra) { _, new in new }
        return template.filling(values)
    }
}
