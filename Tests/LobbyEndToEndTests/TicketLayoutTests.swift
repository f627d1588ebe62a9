// The SVG and HTML tickets laid out by headless chromium: long text wraps and the ticket grows;
// no two of its text boxes intersect, in Chinese and in English.
import Foundation
import Testing

@Suite("Ticket layout")
struct TicketLayoutTests {
    /// Measures, in the page, every text and the QR code, and writes what intersects.
    static let probe = #"""
        <pre id="layout"></pre><script>
        const root = document.querySelector("svg.ticket-root") || document.querySelector(".ticket");
        const parts = root.matches("svg") ? [...root.querySelectorAll(":scope > g > text, :scope > g > g")]
                                          : [...root.children];
        const boxes = parts.map(node => {
          let r;
          if (node.matches("g") || node.matches(".qr")) { r = node.getBoundingClientRect(); }
          else { const range = document.createRange(); range.selectNodeContents(node); r = range.getBoundingClientRect(); }
          return {text: node.textContent.slice(0, 40), left: r.left, top: r.top, right: r.right, bottom: r.bottom};
        }).filter(b => b.bottom > b.top);
        const outer = root.getBoundingClientRect(), problems = [];
        for (let i = 0; i < boxes.length; i++) {
          const a = boxes[i];
          if (a.left < outer.left - 0.5 || a.right > outer.right + 0.5 || a.top < outer.top - 0.5 || a.bottom > outer.bottom + 0.5)
            problems.push("outside: " + a.text);
          for (let j = i + 1; j < boxes.length; j++) {
            const b = boxes[j];
            if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5)
              problems.push("overlap: " + a.text + " | " + b.text);
          }
        }
        document.getElementById("layout").textContent = JSON.stringify({count: boxes.length, problems});
        </script>
        """#

    /// A named visitor whose rep is busy (a second sentence offers another consultant), at a site
    /// with a long name.
    static func namedVisitor(_ lobby: Lobby) throws -> String {
        try lobby.useSite(["name": "滨江壹号售楼处 Riverside One Sales Center · 东区二期示范单位接待中心"])
        try lobby.bootstrap()
        _ = try lobby.checkin()
        _ = try lobby.checkin()
        _ = try lobby.call()
        #expect(try lobby.call().str("rep") == "Li")
        _ = try lobby.checkin(["--rep", "Li"])
        return try #require(try lobby.checkin(["--rep", "Li"]).str("ticket"))
    }

    func layout(_ page: String, in lobby: Lobby, _ chromium: String) throws -> (count: Int, problems: [String]) {
        let url = lobby.dir.appendingPathComponent("layout-\(UUID().uuidString).html")
        try page.write(to: url, atomically: true, encoding: .utf8)
        let dom = try lobby.browse(chromium, url.absoluteString, ["--dump-dom", "--window-size=800,1400"])
        let json = try #require(dom.firstMatch(of: /id="layout">([^<]*)</).map { String($0.1) }, "\(dom.prefix(2000))")
        let result = try #require(parseJSON(json.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")))
        return (result.int("count") ?? 0, result["problems"] as? [String] ?? ["no result"])
    }

    @Test("the SVG ticket wraps long text and grows: no two text boxes intersect", arguments: ["zh", "en"])
    func svgTicket(language: String) throws {
        let chromium = try Lobby.chromium()
        let lobby = try Lobby()
        let ticket = try Self.namedVisitor(lobby)
        let svg = try lobby.ok(["ticket", ticket, "--format", "svg", "--lang", language]).stdout
        #expect(svg.contains(language == "zh" ? "其他顾问" : "another consultant"), "the ticket has its second sentence\n\(svg)")
        #expect(!svg.contains("minutes.If"), "sentences are not run together")
        let page = "<!DOCTYPE html><html><body style=\"margin:0\">"
            + svg.replacingOccurrences(of: "<svg ", with: "<svg class=\"ticket-root\" ", options: .anchored) + Self.probe + "</body></html>"
        let (count, problems) = try layout(page, in: lobby, chromium)
        #expect(count == 8, "seven texts and the code: \(count)")
        #expect(problems.isEmpty, "\(problems)\n\(svg)")
        // And rsvg, which prints it, still reads the code on the taller ticket.
        let height = try #require(svg.firstMatch(of: /height="(\d+)"/).map { Int($0.1) ?? 0 })
        #expect(height > 620, "the ticket grew for the long lines: \(height)")
    }

    @Test("the HTML ticket wraps long text: no two text boxes intersect", arguments: ["zh", "en"])
    func htmlTicket(language: String) throws {
        let chromium = try Lobby.chromium()
        let lobby = try Lobby()
        let ticket = try Self.namedVisitor(lobby)
        let html = try lobby.ok(["ticket", ticket, "--format", "html", "--lang", language]).stdout
        #expect(html.contains("<br>"), "the second sentence is its own line\n\(html)")
        let (count, problems) = try layout(html.replacingOccurrences(of: "</body>", with: Self.probe + "</body>"), in: lobby, chromium)
        #expect(count == 8, "\(count)")
        #expect(problems.isEmpty, "\(problems)\n\(html)")
    }
}
