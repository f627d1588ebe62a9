/// The ticket as SVG and as a printable HTML page, from the templates in kiosk-assets/ticket/.
/// Placeholders: {lang} {site} {title} {number} {category} {next} {time} {thanks} {qrText}, and
/// {qr}, the code as an SVG element.
enum TicketPage {
    static func svg(_ ticket: TicketContent) throws -> String {
        // SVG text does not wrap: each value becomes lines of tspans, centered on the template's x.
        try fill("ticket.svg", ticket, qrSize: "240") { value in
            Columns.wrap(value, columns: 38).enumerated().map { index, line in
                "<tspan x=\"50%\" dy=\"\(index == 0 ? "0" : "1.25em")\">\(HTML.escape(line))</tspan>"
            }.joined()
        }
    }

    static func html(_ ticket: TicketContent) throws -> String {
        try fill("ticket.html", ticket, qrSize: "100%", HTML.escape)
    }

    /// The code's dark modules as one path, on a light square with a quiet zone of four modules.
    static func qrSVG(_ text: String, size: String) -> String? {
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

    private static func fill(_ name: String, _ ticket: TicketContent, qrSize: String, _ value: (String) -> String) throws -> String {
        guard let template = Assets.read("ticket/" + name) else {
            throw LobbyError.refused("ticket: the template kiosk-assets/ticket/\(name) was not found (set LOBBY_ASSETS)")
        }
        guard let qr = qrSVG(ticket.qr, size: qrSize) else { throw LobbyError.failed("ticket: the QR code could not be made") }
        let values = [
            "lang": HTML.escape(ticket.language == .zh ? "zh-CN" : "en"), "site": value(ticket.site), "title": value(ticket.title),
            "number": value(ticket.number), "category": value(ticket.category), "next": value(ticket.next),
            "time": value(ticket.time), "thanks": value(ticket.thanks), "qrText": HTML.escape(ticket.qr), "qr": qr,
        ]
        return template.filling(values)
    }
}
