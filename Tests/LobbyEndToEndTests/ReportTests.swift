// `lobby report` over a generated fortnight: every figure per day, per period and per rep
// checked against the test's own arithmetic over what it did; the CSV parsed back; the page
// parsed as XHTML and rendered in headless chromium.
import Foundation
import Testing

@Suite("Report")
struct ReportTests {
    /// What the test did on one day, to compute the figures from.
    struct Visit {
        var day: String
        var ticket: String
        var issued: Int          // seconds after local midnight
        var called: Int?
        var rep: String?
        var finished: Int?
        var noshow = false
        var assistedBy: String?
    }

    static let reps = ["Wang", "Li", "Zhao"]
    static let days = (2...15).map { String(format: "2026-11-%02d", $0) }

    static func clock(_ seconds: Int) -> String {
        String(format: "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
    }

    /// Fourteen days of about ten visitors: calls one at a time, some no-shows and assists, two
    /// or three visitors left waiting at the end of each day.
    static func fortnight(_ lobby: Lobby) throws -> [Visit] {
        lobby.date = days[0]
        lobby.at("09:00")
        try lobby.bootstrap(reps: reps)
        var visits: [Visit] = []
        for (d, date) in days.enumerated() {
            lobby.date = date
            if d > 0 { try lobby.ok(["roster"] + reps) }
            let n = 8 + d % 3
            var today: [Visit] = []
            for i in 0..<n {
                let issued = 10 * 3600 + i * (60 + 17 * ((d + i) % 5))
                lobby.time = clock(issued)
                let ticket = try #require(try lobby.checkin(["--party", "\(1 + (d + i) % 3)"]).str("ticket"))
                today.append(Visit(day: date, ticket: ticket, issued: issued))
            }
            var t = 10 * 3600 + 20 * 60 + 60 * d
            let served = n - 2 - d % 2
            for k in 0..<served {
                lobby.time = clock(t)
                let call = try lobby.call()
                let ticket = try #require(call.str("ticket"))
                let rep = try #require(call.str("rep"))
                let index = try #require(today.firstIndex { $0.ticket == ticket })
                today[index].called = t
                today[index].rep = rep
                if (d + k) % 5 == 3 {
                    t += 90
                    lobby.time = clock(t)
                    try lobby.ok(["noshow", ticket])
                    today[index].noshow = true
                } else {
                    if (d + k) % 4 == 1, let other = reps.first(where: { $0 != rep }) {
                        lobby.time = clock(t + 30)
                        try lobby.ok(["assist", ticket, other])
                        today[index].assistedBy = other
                    }
                    t += (5 + (d + k) % 6) * 60 + 13 * k
                    lobby.time = clock(t)
                    try lobby.ok(["finish", ticket])
                    today[index].finished = t
                }
                t += 60
            }
            visits += today
        }
        lobby.date = days[days.count - 1]
        lobby.at("18:30")
        return visits
    }

    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let position: Double = q * Double(sorted.count - 1)
        let lower: Int = Int(position.rounded(.down))
        let upper: Int = min(lower + 1, sorted.count - 1)
        let fraction: Double = position - Double(lower)
        let step: Double = sorted[upper] - sorted[lower]
        return sorted[lower] + step * fraction
    }

    /// Minutes waited: to the call; the last day's unserved to the report's 18:30; earlier days'
    /// to their close at the end of working hours (18:00, after the day's last desk action).
    static func wait(_ v: Visit, lastDay: String) -> Double {
        if let called = v.called { return Double(called - v.issued) / 60 }
        let end: Int = v.day == lastDay ? 66_600 : 64_800
        return Double(end - v.issued) / 60
    }

    static func near(_ a: Any?, _ b: Double, _ tolerance: Double = 0.051) -> Bool {
        guard let a = a as? Double ?? (a as? Int).map(Double.init) else { return false }
        return abs(a - b) <= tolerance
    }

    static func checkWaits(_ wait: [String: Any], _ visits: [Visit], lastDay: String, _ label: String) {
        let waits = visits.map { Self.wait($0, lastDay: lastDay) }.sorted()
        let mean = waits.reduce(0, +) / Double(waits.count)
        #expect(near(wait["mean"], mean) && near(wait["p50"], quantile(waits, 0.5)) && near(wait["p90"], quantile(waits, 0.9))
                && near(wait["longest"], waits.last ?? 0), "\(label): \(wait) vs \(waits)")
        let within = Double(waits.filter { $0 <= 10 }.count) / Double(waits.count)
        #expect(near(wait["withinServiceLevel"], within, 0.0006), "\(label): \(wait)")
        let unserved = visits.filter { $0.called == nil }
        #expect(wait.int("stillWaiting") == unserved.filter { $0.day == lastDay }.count, "\(label): \(wait)")
        #expect(wait.int("notReceived") == unserved.filter { $0.day != lastDay }.count, "\(label): \(wait)")
    }

    static func checkReps(_ reps: [[String: Any]], _ visits: [Visit], _ label: String) throws {
        for name in Self.reps {
            let entry = try #require(reps.first { $0.str("rep") == name }, "\(label): \(name) missing in \(reps)")
            let received = visits.filter { $0.rep == name && !$0.noshow }
            let assists = visits.filter { $0.assistedBy == name && !$0.noshow }.count
            let lengths = received.compactMap { v in v.finished.map { Double($0 - (v.called ?? 0)) / 60 } }.sorted()
            #expect(entry.int("counted") == received.count, "\(label) \(name): \(entry)")
            #expect(entry.int("uncounted") == assists && entry.int("assists") == assists, "\(label) \(name): \(entry)")
            #expect((entry.obj("uncountedBy")?["R23"] as? Int ?? 0) == assists, "\(label) \(name): \(entry)")
            #expect(entry.int("noshows") == visits.filter { $0.rep == name && $0.noshow }.count, "\(label) \(name): \(entry)")
            let mean = lengths.isEmpty ? 0 : lengths.reduce(0, +) / Double(lengths.count)
            #expect(near(entry["receptionMean"], mean) && near(entry["receptionMedian"], quantile(lengths, 0.5)),
                    "\(label) \(name): \(entry) vs \(lengths)")
        }
    }

    @Test("a fortnight: per day, per period and per rep, with still waiting and not received, and the estimate's accuracy")
    func fortnightFigures() throws {
        let lobby = try Lobby()
        let visits = try Self.fortnight(lobby)
        let lastDay = Self.days[Self.days.count - 1]
        let report = try lobby.json(["report", "--json", "--from", Self.days[0], "--to", lastDay])
        #expect(report.int("visitors") == visits.count, "\(report)")
        #expect(report.int("noshows") == visits.filter(\.noshow).count)
        #expect(report.int("served") == visits.filter { $0.called != nil && !$0.noshow }.count)
        #expect(report.int("stillWaiting") == visits.filter { $0.called == nil && $0.day == lastDay }.count)
        let notReceived = visits.filter { $0.called == nil && $0.day != lastDay }.map { "\($0.day) \($0.ticket)" }
        #expect(report["notReceived"] as? [String] == notReceived, "\(report["notReceived"] ?? "")")
        Self.checkWaits(try #require(report.obj("wait")), visits, lastDay: lastDay, "period")
        try Self.checkReps(try #require(report.arr("reps")), visits, "period")
        let flow = try #require(report.obj("flow"))
        #expect(flow.int("people") == (try lobby.rows("SELECT sum(party) FROM tickets")).first.flatMap { Int($0) })

        let days = try #require(report.arr("days"))
        #expect(days.map { $0.str("date") ?? "" } == Self.days)
        for day in days {
            let date = try #require(day.str("date"))
            let mine = visits.filter { $0.day == date }
            #expect(day.int("visitors") == mine.count, "\(date)")
            Self.checkWaits(try #require(day.obj("wait")), mine, lastDay: lastDay, date)
            try Self.checkReps(try #require(day.arr("reps")), mine, date)
        }
        // One day alone gives the same figures as its entry in the period.
        let single = try lobby.json(["report", "--json", "--date", Self.days[3]])
        let alone = try #require(single.obj("wait")), within = try #require(days[3].obj("wait"))
        #expect(Set(alone.keys) == Set(within.keys) && alone.keys.allSatisfy { Self.near(alone[$0], (within[$0] as? Double) ?? -1, 0) },
                "\(alone) \(within)")
        #expect(single["notReceived"] as? [String] == visits.filter { $0.day == Self.days[3] && $0.called == nil }.map(\.ticket))

        // The estimate: the quotes the check-ins stored against the test's own waits.
        var quoted: [(p50: Double, p80: Double, real: Double)] = []
        for row in try lobby.rows("SELECT day, id, quoted_p50, quoted_p80 FROM tickets WHERE quoted_p50 IS NOT NULL") {
            let f = row.split(separator: "|").map(String.init)
            let visit = try #require(visits.first { $0.day == f[0] && $0.ticket == f[1] })
            quoted.append((Double(f[2]) ?? -1, Double(f[3]) ?? -1, Self.wait(visit, lastDay: lastDay)))
        }
        #expect(quoted.count == visits.count, "every check-in stored its quote")
        let estimates = try #require(report.obj("estimates"))
        #expect(estimates.int("n") == quoted.count)
        #expect(Self.near(estimates["mae"], quoted.map { abs($0.p50 - $0.real) }.reduce(0, +) / Double(quoted.count)), "\(estimates)")
        #expect(Self.near(estimates["p80Coverage"], Double(quoted.filter { $0.real <= $0.p80 }.count) / Double(quoted.count), 0.0006), "\(estimates)")
        // Empty tables give zeros, not errors.
        #expect(report.obj("satisfaction")?.int("n") == 0 && report.obj("complaints")?.int("opened") == 0
                && report.obj("bookings")?.int("made") == 0, "\(report)")
    }

    /// RFC 4180 as a spreadsheet reads it.
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var chars = Array(text.unicodeScalars)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" { if chars.first == "\"" { chars.removeFirst(); field.unicodeScalars.append(c) } else { quoted = false } }
                else { field.unicodeScalars.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { row.append(field); field = "" }
            else if c == "\r", chars.first == "\n" { chars.removeFirst(); row.append(field); rows.append(row); row = []; field = "" }
            else { field.unicodeScalars.append(c) }
        }
        return rows
    }

    @Test("CSV: BOM, CRLF, quoting; satisfaction, complaints and bookings from their tables")
    func csvAndTables() throws {
        let lobby = try Lobby()
        try lobby.bootstrap(reps: ["Wang", "Li"])
        for _ in 0..<3 { _ = try lobby.checkin() }
        lobby.at("10:05"); _ = try lobby.call()
        lobby.at("10:20"); try lobby.ok(["finish", "A001"])
        let comment = "好, \"very\" good\nthanks"
        let at = 1_795_400_000
        // A comment is sealed at rest, as lobby feedback stores it.
        let sealed = try lobby.key().seal(comment)
        #expect(try lobby.sql("""
            INSERT INTO feedback(day, ticket, rep, score, comment, at) VALUES
              ('2026-11-23', 'A001', 'Wang', 4, '\(sealed)', \(at)),
              ('2026-11-23', 'A002', 'Li', 2, NULL, \(at));
            INSERT INTO complaints(day, text, opened_at, opened_by, resolved_at) VALUES
              ('2026-11-23', 'noise', 1795399200, 'Boss', 1795401000), ('2026-11-23', 'late', 1795399800, 'Boss', NULL);
            INSERT INTO bookings(code, rep, at, status, made_at, made_by) VALUES
              ('B1', 'Wang', 1795399200, 'kept', 1795300000, 'Boss'), ('B2', 'Li', 1795400000, 'noshow', 1795300000, 'Boss');
            """) == 0)
        let report = try lobby.json(["report", "--json"])
        let s = try #require(report.obj("satisfaction"))
        #expect(s.int("n") == 2 && Self.near(s["mean"], 3), "\(s)")
        #expect((s.obj("distribution")?["4"] as? Int) == 1 && (s.obj("distribution")?["2"] as? Int) == 1)
        #expect((s["comments"] as? [[String: Any]])?.first?.str("comment") == comment)
        let c = try #require(report.obj("complaints"))
        #expect(c.int("opened") == 2 && c.int("resolved") == 1 && c.int("stillOpen") == 1 && Self.near(c["handlingMedian"], 30), "\(c)")
        let b = try #require(report.obj("bookings"))
        #expect(b.int("made") == 2 && b.int("kept") == 1 && b.int("noshows") == 1, "\(b)")
        #expect(report.arr("reps")?.first { $0.str("rep") == "Wang" }?.obj("satisfaction")?.int("n") == 1)

        let out = lobby.run(["report", "--csv", "--table", "satisfaction"])
        #expect(out.status == 0, "\(out)")
        // The bytes as a file gets them (a decoded String drops the BOM).
        let file = lobby.dir.appendingPathComponent("satisfaction.csv")
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "\"$0\" report --csv --table satisfaction > \"$1\"", try Harness.binary.get(), file.path]
        shell.environment = lobby.defaultEnv.merging(["PATH": "/usr/bin:/bin"]) { a, _ in a }
        try shell.run()
        shell.waitUntilExit()
        let bytes = try #require(FileManager.default.contents(atPath: file.path))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "a BOM for Excel")
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text.replacingOccurrences(of: "\r\n", with: "").contains("\r") == false)
        #expect(text.hasSuffix("\r\n") && text.contains("\"好, \"\"very\"\" good\nthanks\""), "\(text)")
        let rows = Self.parseCSV(text)
        #expect(rows.first == ["date", "ticket", "rep", "score", "comment"], "\(rows)")
        #expect(rows.contains(["2026-11-23", "A001", "Wang", "4", comment]), "\(rows)")
        let summary = Self.parseCSV(lobby.run(["report", "--csv"]).stdout)
        #expect(summary.contains(["stillWaiting", "2"]) && summary.contains(["reps.Wang.counted", "1"]), "\(summary)")
        let waits = Self.parseCSV(lobby.run(["report", "--csv", "--table", "waits"]).stdout)
        #expect(waits.count == 4 && waits.filter { $0[3] == "stillWaiting" }.count == 2, "\(waits)")
        try expectRefused(lobby, ["report", "--table", "reps"], exit: 2, mentions: ["--csv"])
        try expectRefused(lobby, ["report", "--csv", "--table", "nope"], exit: 2, mentions: ["--table"])
        try expectRefused(lobby, ["report", "--month", "2026-13"], exit: 2, mentions: ["--month"])
    }

    @Test("the page: well-formed XHTML with its four SVG charts, rendered in headless chromium")
    func page() throws {
        let chromium = try Lobby.chromium()
        let lobby = try Lobby()
        _ = try Self.fortnight(lobby)
        let file = lobby.dir.appendingPathComponent("report.html")
        try lobby.ok(["report", "--from", Self.days[0], "--to", Self.days[13], "--html", file.path])
        let parse = Process()
        parse.executableURL = URL(fileURLWithPath: try #require(Harness.which("python3")))
        parse.arguments = ["-c", """
            import sys, xml.etree.ElementTree as E
            t = E.parse(sys.argv[1]); s = '{http://www.w3.org/2000/svg}svg'
            print(' '.join(sorted(e.get('id') for e in t.iter(s))), len(list(t.iter('{http://www.w3.org/2000/svg}rect'))))
            print(len([e for e in t.iter() if e.tag.endswith('script') or (e.tag.endswith('link'))]))
            """, file.path]
        let pipe = Pipe()
        parse.standardOutput = pipe
        try parse.run()
        let printed = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        parse.waitUntilExit()
        #expect(parse.terminationStatus == 0, "not well-formed: \(printed)")
        let lines = printed.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("chart-arrivals chart-receptions chart-satisfaction chart-waits ") == true, "\(printed)")
        #expect(lines.last == "0", "no scripts or linked files")
        let html = try String(contentsOf: file, encoding: .utf8)
        #expect(html.contains("@page") && html.contains("A4"))
        let shot = lobby.dir.appendingPathComponent("report.png")
        _ = try lobby.browse(chromium, file.absoluteString, ["--screenshot=\(shot.path)", "--window-size=900,1300"])
        let png = try #require(FileManager.default.contents(atPath: shot.path), "no screenshot")
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 10_000)
        if ProcessInfo.processInfo.environment["LOBBY_REPORT_SHOT"] != nil {
            try? FileManager.default.removeItem(atPath: Harness.repoRoot.appendingPathComponent("kiosk-assets/report/screenshot.png").path)
            try FileManager.default.copyItem(at: shot, to: Harness.repoRoot.appendingPathComponent("kiosk-assets/report/screenshot.png"))
        }
    }
}
