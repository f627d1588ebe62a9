// `lobby report` on a site whose personal data is sealed at rest (the normal case): the
// figures by source, budget and purpose and the registration completeness come from the
// opened values, while the database holds only ciphertext.
import Foundation
import Testing

@Suite("Report on sealed data")
struct ReportSealedTests {
    /// One visitor as the test checks them in, with the budget bucket the README's edges
    /// (in 万: 100, 200, 300, 500, 800) put their budget in.
    struct Visitor {
        var consent: Bool
        var phone: String
        var purpose = "buy"
        var project: String?
        var budget: String?
        var source: String?
        var bucket: String
    }

    static let visitors: [Visitor] = [
        Visitor(consent: true, phone: "13800000001", project: "滨江三居", budget: "300万", source: "朋友介绍", bucket: "300-500"),
        Visitor(consent: true, phone: "13800000002", project: "PROJZQ 二期", budget: "２５０ 万", source: "抖音", bucket: "200-300"),
        Visitor(consent: true, phone: "13800000003", purpose: "rent", project: "公寓", budget: "800", source: "朋友介绍", bucket: "800+"),
        Visitor(consent: true, phone: "13800000004", project: "别墅", budget: "面议", source: "路过, 看到\"广告\"", bucket: "面议"),
        Visitor(consent: true, phone: "13800000005", project: "两居", budget: "95w", source: "抖音", bucket: "<100"),
        // Consenting but without a budget: counted, not complete.
        Visitor(consent: true, phone: "13800000006", project: "两居", budget: nil, source: "SRCZQ 网站", bucket: "none"),
        // Without consent nothing is kept: no source, no budget.
        Visitor(consent: false, phone: "13800000007", project: "别墅", budget: "500", source: "抖音", bucket: "none"),
    ]

    func checkIn(_ lobby: Lobby) throws {
        for (index, v) in Self.visitors.enumerated() {
            var args = ["--consent", v.consent ? "yes" : "no", "--first-visit", "yes", "--purpose", v.purpose,
                        "--name", "访客\(index)", "--phone", v.phone]
            if let project = v.project { args += ["--project", project] }
            if let budget = v.budget { args += ["--budget", budget] }
            if let source = v.source { args += ["--source", source] }
            _ = try lobby.checkin(args)
        }
    }

    static func counts(_ keys: [String]) -> [String: Int] {
        keys.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }

    @Test("by source, budget and purpose and registration completeness from sealed tickets, with the site's key")
    func figuresFromSealedTickets() throws {
        let lobby = try Lobby()
        try lobby.bootstrap(reps: ["Wang", "Li"])
        try checkIn(lobby)

        // At rest: every stored budget, source and project is ciphertext, and opens to what was typed.
        let stored = try lobby.rows("SELECT coalesce(project, '-'), coalesce(budget, '-'), coalesce(source, '-') FROM tickets ORDER BY seq")
        #expect(stored.count == Self.visitors.count)
        for (row, v) in zip(stored, Self.visitors) {
            let fields = row.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            let typed = v.consent ? [v.project, v.budget, v.source] : [nil, nil, nil]
            for (field, value) in zip(fields, typed) {
                if let value {
                    #expect(field.hasPrefix("s1:"), "stored in clear: \(field)")
                    #expect(try lobby.unsealed(field) == value)
                } else {
                    #expect(field == "-", "kept without consent or never given: \(field)")
                }
            }
        }
        let bytes = lobby.rawBytes()
        for secret in ["PROJZQ", "SRCZQ", "朋友介绍", "面议"] {
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "'\(secret)' is in clear in the database file")
        }

        // The report opens them: the test's own counts of what it typed.
        let report = try lobby.json(["report", "--json"])
        let flow = try #require(report.obj("flow"), "\(report)")
        let kept = Self.visitors.map { $0.consent ? $0 : Visitor(consent: false, phone: $0.phone, purpose: $0.purpose, bucket: "none") }
        let bySource = Self.counts(kept.map { $0.source ?? "none" })
        #expect(flow["bySource"] as? [String: Int] == bySource, "\(flow)")
        #expect(flow["budgets"] as? [String: Int] == Self.counts(kept.map(\.bucket)), "\(flow)")
        #expect(flow["byPurpose"] as? [String: Int] == Self.counts(kept.map(\.purpose)), "\(flow)")
        #expect(flow.int("first") == Self.visitors.count, "\(flow)")
        let consenting = Self.visitors.filter(\.consent)
        let complete = consenting.filter { $0.project != nil && $0.budget != nil && $0.source != nil }
        let registration = try #require(report.obj("registration"))
        #expect(registration.int("consenting") == consenting.count, "\(registration)")
        let share = Double(complete.count) / Double(consenting.count)
        #expect(abs((registration["complete"] as? Double ?? -1) - share) < 0.0006, "\(registration) vs \(share)")
        // No ciphertext reaches a reader.
        #expect(!lobby.run(["report", "--json"]).stdout.contains("s1:"))

        // The visitors table of the CSV: each visitor's source and budget as typed, with its bucket.
        let table = ReportTests.parseCSV(String(lobby.run(["report", "--csv", "--table", "visitors"]).stdout.drop { $0 == "\u{FEFF}" }))
        let header = try #require(table.first)
        let columns = try ["source", "budget", "budgetBucket"].map { name in try #require(header.firstIndex(of: name), "\(header)") }
        let rows = table.dropFirst().map { row in columns.map { row[$0] } }
        #expect(rows == kept.map { [$0.source ?? "", $0.budget ?? "", $0.bucket] }, "\(rows)")
    }

    @Test("without the key the report refuses, naming the key file, rather than count sealed values as text")
    func withoutKey() throws {
        let lobby = try Lobby()
        try lobby.bootstrap(reps: ["Wang"])
        try checkIn(lobby)
        try FileManager.default.removeItem(atPath: lobby.db + ".key")
        let refused = lobby.run(["report", "--json"])
        #expect(refused.status == 5 && refused.stderr.contains(lobby.db + ".key"), "\(refused)")
        #expect(!refused.stdout.contains("s1:"))
    }
}
