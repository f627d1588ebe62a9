// lobby export and the head office's PostgreSQL (kiosk-assets/hq): two sites' exports loaded
// into a real server started here (PostgresServer), the group's views against each site's own report.
import Foundation
import Testing

/// A small deterministic generator, so a failure can be replayed.
struct Generator {
    var state: UInt64
    mutating func next(_ n: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(n))
    }
}

@Suite("Head office: export and PostgreSQL")
struct HeadOfficeTests {
    static let days = ["2026-11-23", "2026-11-24", "2026-11-25"]

    /// Several days of activity through the executable: check-ins (some consenting, with a
    /// name and phone, some asking for a rep), calls, finishes, no-shows, groups and undos.
    /// Returns the names and phones given.
    @discardableResult
    static func activity(_ lobby: Lobby, seed: UInt64) throws -> [String] {
        var random = Generator(state: seed)
        var personal: [String] = []
        var serving: [String] = []
        var waiting: [String] = []
        var visitorNumber = 0
        for (index, day) in days.enumerated() {
            lobby.date = day
            serving = []
            waiting = []
            var minute = 9 * 60 + 30
            for _ in 0..<(28 + index * 4) {
                minute += 1 + random.next(6)
                lobby.at(String(format: "%02d:%02d", minute / 60, minute % 60))
                switch random.next(10) {
                case 0...3:
                    var extra: [String] = []
                    if random.next(3) == 0 {
                        visitorNumber += 1
                        let name = "访客\(seed)号\(visitorNumber)", phone = "139\(String(format: "%04d", Int(seed) % 10000))\(String(format: "%04d", visitorNumber))"
                        personal += [name, phone]
                        extra += ["--name", name, "--phone", phone, "--consent", "yes"]
                    }
                    if random.next(5) == 0 { extra += ["--rep", ["Wang", "Li", "Zhao"][random.next(3)]] }
                    let ticket = try lobby.checkin(extra)
                    if let id = ticket.str("ticket") { waiting.append(id) }
                case 4...5:
                    let r = lobby.run(["call", "--json"])
                    if r.status == 0, let id = parseJSON(r.stdout)?.str("ticket") {
                        serving.append(id)
                        waiting.removeAll { $0 == id }
                    }
                case 6...7:
                    if !serving.isEmpty { lobby.run(["finish", serving.removeFirst()]) }
                case 8:
                    if !serving.isEmpty, random.next(2) == 0 { lobby.run(["noshow", serving.removeLast()]) }
                    else if waiting.count >= 2 { lobby.run(["group", waiting[0], "--with", waiting.removeLast()]) }
                default:
                    if random.next(3) == 0 { lobby.run(["undo", "--why", "pressed by mistake"]) }
                }
            }
        }
        // The next morning: the last day closes.
        lobby.date = "2026-11-26"
        lobby.at("09:00")
        _ = try lobby.checkin()
        return personal
    }

    static func exported(_ lobby: Lobby, since: Int? = nil) throws -> String {
        try lobby.ok(["export"] + (since.map { ["--since", String($0)] } ?? [])).stdout
    }

    static func write(_ text: String, _ name: String, in dir: URL) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("export: the same range gives the same bytes; --since gives the tail; no name or phone; --out 0600; a supervisor's")
    func exportItself() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        let personal = try Self.activity(lobby, seed: 7)
        #expect(!personal.isEmpty)
        let all = try Self.exported(lobby)
        #expect(try Self.exported(lobby) == all, "the same range gives the same bytes")
        let lines = all.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        let events = try lobby.rows("SELECT count(*) FROM events")
        #expect([String(lines.count)] == events)
        let seqs = lines.compactMap { parseJSON($0)?.int("seq") }
        #expect(seqs == Array(1...lines.count), "every event once, in seq order")
        let hashes = try lobby.rows("SELECT hash FROM events ORDER BY seq")
        #expect(lines.compactMap { parseJSON($0)?.str("hash") } == hashes)
        for (i, line) in lines.enumerated() where i > 0 {
            #expect(parseJSON(line)?.str("prev") == hashes[i - 1], "line \(i + 1) names the hash before it")
        }
        let site = try lobby.rows("SELECT value FROM site WHERE key = 'id'")
        #expect(Set(lines.compactMap { parseJSON($0)?.str("site") }) == Set(site))
        for word in personal { #expect(!all.contains(word), "\(word) is personal data and must not be exported") }
        #expect(!all.contains("pressed by mistake"), "free text (why) is not exported")
        #expect(!all.contains("\"person\""), "no person id")
        let persons = try lobby.rows("SELECT DISTINCT person FROM events WHERE person IS NOT NULL")
        #expect(!persons.isEmpty)

        for since in [0, 5, lines.count / 2, lines.count - 1, lines.count] {
            let tail = try Self.exported(lobby, since: since)
            #expect(tail == lines.dropFirst(since).map { $0 + "\n" }.joined(), "--since \(since) gives the events after \(since)")
        }
        let out = lobby.dir.appendingPathComponent("events.ndjson").path
        try lobby.ok(["export", "--out", out])
        #expect(try String(contentsOfFile: out, encoding: .utf8) == all)
        let mode = try #require(FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: lobby.dir.path).filter { $0.contains("export-tmp") }.isEmpty)

        try expectRefused(lobby, ["export"], exit: 1, mentions: ["supervisor"], env: ["LOBBY_ACTOR": "Wang", "LOBBY_PIN": "112233"],
                          sameDump: false)
    }

    @Test("PostgreSQL: two sites loaded twice, the views equal each site's report day by day; gaps and altered lines refused")
    func headOffice() throws {
        var dir = "", pid: pid_t = 0
        try PostgresServer.with { pg in
            dir = pg.dir
            pid = try #require(pg.serverPID, "the server writes its pid")
            #expect(try pg.query("SELECT current_setting('listen_addresses') = ''") == ["t"], "a Unix socket only, no TCP")
            try Self.headOffice(pg)
        }
        // Gone, or a zombie where nothing reaps the orphan (a container's first process may not).
        let state = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))?.split(separator: ")").last?
            .split(separator: " ").first
        #expect(state == nil || state == "Z", "the server is stopped at the end")
        #expect(!FileManager.default.fileExists(atPath: dir), "and its folder removed")
    }

    static func headOffice(_ pg: PostgresServer) throws {
        try pg.apply(Harness.repoRoot.appendingPathComponent("kiosk-assets/hq/schema.sql").path)

        let north = try Lobby(), south = try Lobby()
        try north.bootstrap()
        try south.bootstrap(reps: ["Wang", "Li", "Zhao"])
        try Self.activity(north, seed: 11)
        try Self.activity(south, seed: 23)
        let files = try Self.siteFiles(north, south)
        let workDir = north.dir

        // Loaded in two parts (the second overlapping the first), then whole again: the same rows.
        let northAll = try Self.exported(north)
        let northLines = northAll.split(separator: "\n").map(String.init)
        let half = northLines.count / 2
        let first = try Self.write(northLines.prefix(half).map { $0 + "\n" }.joined(), "north-1.ndjson", in: workDir)
        let rest = try Self.write(try Self.exported(north, since: half - 3), "north-2.ndjson", in: workDir)
        for path in [first, rest] {
            let r = pg.load([path])
            try #require(r.status == 0, "\(r.err)")
        }
        var r = pg.load(files)
        try #require(r.status == 0, "\(r.err)")
        // Per site: how many, the range, and a digest of every column of every row.
        let summary = """
            SELECT site, count(*), min(seq), max(seq), md5(string_agg(e::text, E'\\n' ORDER BY seq))
            FROM hq.events e GROUP BY site ORDER BY site
            """
        let count = try pg.query(summary)
        r = pg.load(files)
        try #require(r.status == 0, "loading the same files again: \(r.err)")
        #expect(try pg.query(summary) == count, "loading the same exports again leaves the same rows")
        #expect(count.count == 2, "both sites")
        let northEvents = try north.rows("SELECT count(*) FROM events").first ?? "?"
        let southEvents = try south.rows("SELECT count(*) FROM events").first ?? "?"
        #expect(count.map { String($0.split(separator: "|")[1]) }.sorted() == [northEvents, southEvents].sorted())
        #expect(try pg.query("SELECT count(*) FROM pg_inherits WHERE inhparent = 'hq.events'::regclass") == ["1"],
                "one partition a month: November 2026")

        // The views against each site's own report, day by day.
        for lobby in [north, south] {
            let site = try #require(try lobby.rows("SELECT value FROM site WHERE key = 'id'").first)
            for day in Self.days {
                let report = try lobby.json(["report", "--json", "--date", day])
                let row = try pg.query("""
                    SELECT visitors, served, noshows, wait_mean, wait_p90, still_waiting, not_received
                    FROM hq.day_figures WHERE site = '\(site)' AND day = '\(day)'
                    """)
                let wait = try #require(report.obj("wait"))
                let mean = try #require(wait["mean"] as? Double), p90 = try #require(wait["p90"] as? Double)
                let expected = "\(report.int("visitors") ?? -1)|\(report.int("served") ?? -1)|\(report.int("noshows") ?? -1)|"
                    + "\(Self.number(mean))|\(Self.number(p90))|\(report.int("stillWaiting") ?? -1)|\((wait["notReceived"] as? Int) ?? -1)"
                #expect(row == [expected], "\(day): the group's view against the site's report")
                var reps: [String] = []
                for rep in report.arr("reps") ?? [] where (rep.int("counted") ?? 0) + (rep.int("uncounted") ?? 0) > 0 {
                    reps.append("\(rep.str("rep") ?? "?")|\(rep.int("counted") ?? -1)|\(rep.int("uncounted") ?? -1)")
                }
                let viewReps = try pg.query("SELECT rep, counted, uncounted FROM hq.rep_day WHERE site = '\(site)' AND day = '\(day)' ORDER BY rep")
                #expect(viewReps == reps.sorted(), "\(day): receptions per rep")
                #expect((report.int("visitors") ?? 0) > 0)
            }
            // The day still open: its visitor still waiting, at the site and at the head office.
            let open = try lobby.json(["report", "--json", "--date", "2026-11-26"])
            #expect(open.int("stillWaiting") == 1)
            #expect(try pg.query("SELECT visitors, still_waiting, not_received FROM hq.day_figures WHERE site = '\(site)' AND day = '2026-11-26'")
                    == ["\(open.int("visitors") ?? -1)|1|0"])
        }
        #expect(try pg.query("SELECT count(*) FROM hq.events WHERE kind = 'undo' AND undoes IS NOT NULL").first != "0",
                "the activity has undos, which the views must follow")
        #expect(try pg.query("SELECT count(*) FROM hq.events WHERE kind = 'noshow' AND cancels IS NOT NULL").first != "0",
                "the activity has no-shows, whose calls received nobody")
        #expect(try pg.query("SELECT sum(not_received) FROM hq.day_figures").first != "0",
                "the activity leaves visitors never received, whose waits run to the close")

        // More activity at north; a file that starts past what was loaded is a gap, refused whole.
        north.date = "2026-12-01"
        north.at("10:00")
        for _ in 0..<4 { _ = try north.checkin() }
        _ = try north.call()
        let loaded = northLines.count
        let gapped = try Self.write(try Self.exported(north, since: loaded + 2), "gap.ndjson", in: workDir)
        let before = try pg.query("SELECT count(*) FROM hq.events")
        r = pg.load([gapped])
        #expect(r.status == 1)
        #expect(r.err.contains("gap") && r.err.contains("refused"), "\(r.err)")
        #expect(try pg.query("SELECT count(*) FROM hq.events") == before)

        // A line changed: one already loaded (its content), one new (its prev), both refused whole.
        let newer = try Self.exported(north, since: loaded - 2).split(separator: "\n").map(String.init)
        var altered = newer
        altered[0] = altered[0].replacingOccurrences(of: "\"flags\":\"", with: "\"flags\":\"x")
        r = pg.load([try Self.write(altered.map { $0 + "\n" }.joined(), "altered-old.ndjson", in: workDir)])
        #expect(r.status == 1 && r.err.contains("altered"), "\(r.err)")
        altered = newer
        let lastLine = altered.count - 1
        let prev = try #require(parseJSON(altered[lastLine])?.str("prev"))
        altered[lastLine] = altered[lastLine].replacingOccurrences(of: prev, with: String(prev.reversed()))
        r = pg.load([try Self.write(altered.map { $0 + "\n" }.joined(), "altered-new.ndjson", in: workDir)])
        #expect(r.status == 1 && r.err.contains("altered"), "\(r.err)")
        #expect(try pg.query("SELECT count(*) FROM hq.events") == before, "nothing from a refused file is loaded")

        // The true file then loads, and the new month got its partition.
        r = pg.load([try Self.write(newer.map { $0 + "\n" }.joined(), "north-3.ndjson", in: workDir)])
        #expect(r.status == 0, "\(r.err)")
        #expect(try pg.query("SELECT count(*) FROM hq.events WHERE day = '2026-12-01'") != ["0"])
        #expect(try pg.query("SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'hq.events'::regclass ORDER BY 1")
                == ["hq.events_202611", "hq.events_202612"], "December got its own partition")
    }

    /// Each site's whole export, written to a file.
    static func siteFiles(_ lobbies: Lobby...) throws -> [String] {
        try lobbies.enumerated().map { index, lobby in try Self.write(try Self.exported(lobby), "site-\(index).ndjson", in: lobby.dir) }
    }

    /// A figure as psql prints a double: 4, 2.5.
    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
