// The staff desk (interface.md "lobby desk") run piped, and the human `lobby status` table.
import Foundation
import Testing

extension Lobby {
    /// A piped desk session in English: `lines` are what the staff types, one per line.
    func desk(_ lines: [String], env: [String: String] = [:], unset: [String] = []) -> Outcome {
        run(["desk", "--lang", "en"], env: env, unset: unset, stdin: lines.joined(separator: "\n") + "\n")
    }

    /// The PIN of the front-desk receptionist `frontDeskEnv` adds.
    static let frontDeskPIN = "135790"

    /// Adds the receptionist "frontdesk" (works the desk, not in the rotation) unless there is
    /// one, and returns the environment that logs in as them.
    func frontDeskEnv() throws -> [String: String] {
        if try staff()["frontdesk"] == nil {
            try ok(["rep", "add", "frontdesk", "--receptionist", "--pin"], env: ["LOBBY_NEW_PIN": Lobby.frontDeskPIN])
        }
        return ["LOBBY_ACTOR": "frontdesk", "LOBBY_PIN": Lobby.frontDeskPIN]
    }

    /// A desk at the front-desk receptionist's account.
    func frontDesk(_ lines: [String]) throws -> Outcome {
        desk(lines, env: try frontDeskEnv())
    }

    /// A check-in by another process: the ticket number and the text of its QR code.
    func ticket() throws -> (id: String, qr: String) {
        let ticket = try checkin()
        return (try #require(ticket.str("ticket")), try #require(ticket.str("qr")))
    }
}

/// A desk whose standard input stays open, so that other processes act between its lines.
final class LiveDesk {
    final class Buffer: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        func append(_ more: Data) { lock.lock(); data.append(more); lock.unlock() }
        var text: String { lock.lock(); defer { lock.unlock() }; return String(decoding: data, as: UTF8.self) }
    }

    let process = Process()
    let input = Pipe()
    let output = Pipe()
    let buffer = Buffer()

    init(_ lobby: Lobby, env: [String: String], unset: [String]) throws {
        process.executableURL = URL(fileURLWithPath: try Harness.binary.get())
        process.arguments = ["desk", "--lang", "en"]
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("LOBBY_") }
        environment.merge(lobby.defaultEnv) { _, new in new }
        environment.merge(env) { _, new in new }
        for key in unset { environment.removeValue(forKey: key) }
        process.environment = environment
        process.currentDirectoryURL = lobby.dir
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        let buffer = self.buffer
        output.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty { handle.readabilityHandler = nil } else { buffer.append(data) }
        }
        try process.run()
    }

    func send(_ lines: String...) {
        input.fileHandleForWriting.write(Data(lines.map { $0 + "\n" }.joined().utf8))
    }

    /// Waits (generously) until the output shows `text`; the output so far either way.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 30) -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while !buffer.text.contains(text) && Date() < deadline && process.isRunning {
            Thread.sleep(forTimeInterval: 0.02)
        }
        Thread.sleep(forTimeInterval: 0.05)
        return buffer.text
    }

    func end(timeout: Double = 30) -> (status: Int32, output: String) {
        try? input.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        Thread.sleep(forTimeInterval: 0.1)
        return (process.terminationStatus, buffer.text)
    }
}

func lines(_ text: String) -> [String] {
    text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
}

@Suite("Staff desk")
struct DeskTests {
    @Test("a small day at the desk: calls, finishes, an away, supervisor actions with and without the supervisor's PIN")
    func smallDay() throws {
        let lobby = try Lobby()
        try lobby.bootstrap(reps: ["Wang", "Li", "Zhao", "Chen"], pins: ["Zhao": "246810"])

        // Two visitors check in at the kiosk (other processes), then the front desk calls them.
        _ = try lobby.checkin()
        _ = try lobby.checkin()
        let morning = try lobby.frontDesk(["call", "A2", "1", "who", "quit"])
        #expect(morning.status == 0, "\(morning)")
        #expect(morning.stderr.isEmpty, "\(morning)")
        let said = lines(morning.stdout)
        let expected = [
            "desk> call",
            "A001 → Wang (rotation, counted)",
            "  ↳ Wang → serving A001",
            "  ↳ Li is up now (1st)",
            "desk> A2",
            "What would you like to do with A002 (waiting)? 1 call · 2 finish · 3 no-show (Enter: nothing) 1",
            "A002 → Li (rotation, counted)",
            "  ↳ Li → serving A002",
            "  ↳ Zhao is up now (1st)",
            "desk> who",
            "1st Zhao · 2nd Chen",
            "Wang → A001 0 min · Li → A002 0 min · 0 waiting · Up: Zhao · Phone duty: Chen",
            "desk> quit",
        ]
        #expect(Array(said.dropFirst().prefix(expected.count)) == expected, "\(morning)")
        #expect(said.first == "Lobby desk — frontdesk. Type help for commands, quit to end.", "\(morning)")
        var status = try lobby.status()
        #expect(status.servingByTicket == ["A001": "Wang", "A002": "Li"])
        #expect(status.order == ["Zhao", "Chen"])

        // Later Zhao is at the desk; Zhao has a PIN, typed as the first line. A third visitor came.
        lobby.at("10:20")
        _ = try lobby.checkin()
        let later = lobby.desk([
            "246810",
            "finish A001",
            "away Zhao --reason business",
            "call",
            "roster Wang Li Zhao Chen", "Boss", "000000",
            "makeup Wang --why 'first visitor waited long'", "Boss", String(Lobby.supervisorPIN),
            "event on", "",
            "back Zhao",
            "quit",
        ], env: ["LOBBY_ACTOR": "Zhao"], unset: ["LOBBY_PIN"])
        #expect(later.status == 0, "a refused command does not end the desk\n\(later)")
        for line in [
            "PIN for Zhao: ",
            "Lobby desk — Zhao. Type help for commands, quit to end.",
            "A001 finished. Up next: Zhao",
            "  ↳ Wang is now 3rd",
            "  ↳ phone duty: Wang",
            "Zhao is away (business).",
            "  ↳ Zhao: away on business (1st)",
            "  ↳ Chen is up now (2nd)",
            "A003 → Chen (rotation, counted)",
            "  ↳ Chen → serving A003",
            "  ↳ Wang is up now (2nd)",
            "roster is a supervisor action. Supervisor's name: Boss",
            "makeup is a supervisor action. Supervisor's name: Boss",
            "PIN for Boss: ",
            "Wang is at place 1.",
            "  ↳ order: 1st Wang · 2nd Zhao",
            "event is a supervisor action. Supervisor's name: ",
            "Nothing done.",
            "Zhao is back at place 2.",
            "  ↳ Zhao: ready (2nd)",
            "  ↳ phone duty: Zhao",
        ] {
            #expect(lines(later.stdout).contains(line), "missing line \"\(line)\"\n\(later)")
        }
        #expect(later.stderr.contains("lobby: wrong PIN for Boss"), "\(later)")
        #expect(!later.stdout.contains("Rotation:"), "the roster without the supervisor's PIN must not run\n\(later)")
        for pin in ["246810", Lobby.supervisorPIN, "000000"] {
            #expect(!later.stdout.contains(pin), "a PIN is never echoed\n\(later)")
        }
        status = try lobby.status()
        #expect(status.order == ["Wang", "Zhao"], "\(status.rotation)")
        #expect(status.state("Zhao") == "ready")
        #expect(status.servingByTicket == ["A002": "Li", "A003": "Chen"])
        #expect(status.eventMode == false)
        #expect(status.phoneDuty == "Zhao")

        // A supervisor at the desk is not asked again.
        lobby.at("10:30")
        let boss = lobby.desk(["event on --why expo", "quit"])
        #expect(boss.status == 0, "\(boss)")
        #expect(!boss.stdout.contains("Supervisor's name"), "\(boss)")
        #expect(lines(boss.stdout).contains("  ↳ rotation unchanged"), "\(boss)")
        #expect(try lobby.status().eventMode == true)
        let table = try lobby.ok(["status", "--lang", "en"])
        #expect(table.stdout.contains("EVENT MODE: manual assignment"), "\(table)")
    }

    @Test("the desk sees check-ins by other processes while it is open")
    func concurrentCheckins() throws {
        let lobby = try Lobby()
        try lobby.bootstrap(reps: ["Wang", "Li", "Zhao"])
        let desk = try LiveDesk(lobby, env: try lobby.frontDeskEnv(), unset: [])
        desk.send("who")
        #expect(desk.waitFor("0 waiting").contains("0 waiting"))

        let first = try lobby.ticket()
        desk.send(first.id, "call")
        #expect(desk.waitFor("A001 → Wang").contains("A001 → Wang (rotation, counted)"))

        _ = try lobby.checkin()
        _ = try lobby.checkin()
        desk.send("who")
        #expect(desk.waitFor("2 waiting").contains("1st Li · 2nd Zhao\nWang → A001 0 min · 2 waiting · Up: Li · Phone duty: Zhao"))
        desk.send("call")
        #expect(desk.waitFor("A002 → Li").contains("A002 → Li (rotation, counted)"))
        desk.send("quit")
        let (code, output) = desk.end()
        #expect(code == 0, "\(output)")
        let status = try lobby.status()
        #expect(status.servingByTicket == ["A001": "Wang", "A002": "Li"])
        #expect(status.waitingTickets == ["A003"])
    }

    @Test("a typed ticket number or a scanned code asks what to do: call, finish or no-show")
    func bareTickets() throws {
        let lobby = try Lobby()
        try lobby.bootstrap(reps: ["Wang", "Li"])
        _ = try lobby.ticket()
        let second = try lobby.ticket()
        _ = try lobby.ticket()
        let r = try lobby.frontDesk([
            "a1", "call",
            second.qr, "1",
            second.qr, "3",
            "A001", "finish",
            "A003", "",
            "A003", "dance",
            "LOBBY1|demo|2026-11-22|A001|ABCDEFGH",
            "A099",
            "quit",
        ])
        #expect(r.status == 0, "\(r)")
        let said = lines(r.stdout)
        for line in [
            "What would you like to do with A001 (waiting)? 1 call · 2 finish · 3 no-show (Enter: nothing) call",
            "A001 → Wang (rotation, counted)",
            "What would you like to do with A002 (waiting)? 1 call · 2 finish · 3 no-show (Enter: nothing) 1",
            "A002 → Li (rotation, counted)",
            "What would you like to do with A002 (being served)? 1 call · 2 finish · 3 no-show (Enter: nothing) 3",
            "A002 closed as no-show. Up next: Li",
            "What would you like to do with A001 (being served)? 1 call · 2 finish · 3 no-show (Enter: nothing) finish",
            "A001 finished. Up next: Li",
            "What would you like to do with A003 (waiting)? 1 call · 2 finish · 3 no-show (Enter: nothing) ",
            "Nothing done.",
            "Please answer 1, 2, 3 or call, finish, noshow. Nothing done.",
        ] {
            #expect(said.contains(line), "missing line \"\(line)\"\n\(r)")
        }
        #expect(r.stderr.contains("not issued by this site today"), "\(r)")
        #expect(r.stderr.contains("no ticket A099 today"), "\(r)")
        let status = try lobby.status()
        #expect(status.order == ["Li", "Wang"])
        #expect(status.serving.isEmpty)
        #expect(status.waitingTickets == ["A003"])
    }

    @Test("login: a wrong PIN is refused and counts toward the lockout; who, help and mistakes at the prompt")
    func loginAndPrompt() throws {
        let lobby = try Lobby()
        try lobby.bootstrap(reps: ["Wang", "Zhao"], pins: ["Zhao": "246810"])

        let fromEnvironment = lobby.desk(["who"], env: ["LOBBY_ACTOR": "Zhao", "LOBBY_PIN": "111111"])
        #expect(fromEnvironment.status == 1, "\(fromEnvironment)")
        #expect(fromEnvironment.stderr.contains("wrong PIN for Zhao"), "\(fromEnvironment)")
        #expect(!fromEnvironment.stdout.contains("desk>"), "no command runs after a refused login\n\(fromEnvironment)")

        let typed = lobby.desk(["Zhao", "111111", "who"], unset: ["LOBBY_ACTOR", "LOBBY_PIN"])
        #expect(typed.status == 1, "\(typed)")
        #expect(lines(typed.stdout).prefix(2) == ["Who is at the desk? Your name: Zhao", "PIN for Zhao: "], "\(typed)")
        #expect(!typed.stdout.contains("111111") && !typed.stdout.contains("desk>"), "\(typed)")

        let session = lobby.desk(
            ["Zhao", "246810", "who", "help", "frobnicate", "kiosk", "back", "call --as Boss", "away Wang --reason personal", "who", "quit"],
            unset: ["LOBBY_ACTOR", "LOBBY_PIN"])
        #expect(session.status == 0, "\(session)")
        let said = lines(session.stdout)
        #expect(said.contains("Lobby desk — Zhao. Type help for commands, quit to end."), "\(session)")
        #expect(said.contains("1st Wang · 2nd Zhao"), "\(session)")
        #expect(said.contains("0 waiting · Up: Wang · Phone duty: Zhao"), "\(session)")
        let help = words(session.stdout)
        for command in ["call", "finish", "noshow", "away", "back", "assist", "transfer", "claim", "makeup", "event",
                        "roster", "rep", "followup", "status", "report", "who", "quit"] {
            #expect(help.contains(command), "help does not mention \(command)\n\(session)")
        }
        #expect(session.stderr.contains("unknown command 'frobnicate'"), "\(session)")
        #expect(session.stderr.contains("kiosk does not run inside the desk"), "\(session)")
        #expect(session.stderr.contains("back: missing NAME"), "\(session)")
        #expect(session.stderr.contains("--as, --db and --site are set when the desk starts"), "\(session)")
        #expect(said.contains("  ↳ Wang: on leave (1st)"), "the desk goes on after refusals\n\(session)")
        #expect(said.contains("1st Wang (on leave) · 2nd Zhao"), "\(session)")
        #expect(try lobby.status().state("Wang") == "away-personal")

        // Wrong PINs at login count like any other: after five the right one is refused too.
        lobby.at("10:05")
        for _ in 1...4 {
            #expect(lobby.desk(["000000"], env: ["LOBBY_ACTOR": "Zhao"], unset: ["LOBBY_PIN"]).status == 1)
        }
        let fifth = lobby.desk(["000000"], env: ["LOBBY_ACTOR": "Zhao"], unset: ["LOBBY_PIN"])
        #expect(fifth.stderr.contains("locked"), "\(fifth)")
        let locked = lobby.desk(["246810", "who"], env: ["LOBBY_ACTOR": "Zhao"], unset: ["LOBBY_PIN"])
        #expect(locked.status == 1, "\(locked)")
        #expect(locked.stderr.contains("locked"), "\(locked)")
        lobby.at("10:21")
        let again = lobby.desk(["246810", "quit"], env: ["LOBBY_ACTOR": "Zhao"], unset: ["LOBBY_PIN"])
        #expect(again.status == 0, "\(again)")
    }
}

/// The columns where cells start on a table line, counted in display columns: a cell starts at
/// the line's start or after two spaces. Wide characters (CJK) count two.
func cellStarts(_ line: String) -> [Int] {
    func width(_ c: Character) -> Int {
        guard let v = c.unicodeScalars.first?.value else { return 0 }
        return (0x4E00...0x9FFF).contains(v) || (0x3000...0x303F).contains(v) || (0xFF00...0xFF60).contains(v) ? 2 : 1
    }
    var starts: [Int] = []
    var column = 0
    var spaces = 2
    for c in line {
        if c == " " {
            spaces += 1
        } else {
            if spaces >= 2 { starts.append(column) }
            spaces = 0
        }
        column += width(c)
    }
    return starts
}

@Suite("Status for people")
struct StatusTableTests {
    /// The table that starts with the line beginning `header`: that line and the rows after it.
    func table(_ text: String, header: String) throws -> [String] {
        let all = lines(text)
        let start = try #require(all.firstIndex { $0.hasPrefix(header) }, "no table headed \(header) in\n\(text)")
        return Array(all[start...].prefix { !$0.isEmpty })
    }

    func expectAligned(_ rows: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        let columns = cellStarts(rows[0])
        #expect(columns.count >= 5, "\(rows)", sourceLocation: sourceLocation)
        for row in rows.dropFirst() {
            let starts = cellStarts(row)
            #expect(starts.count >= 2 && Array(columns.prefix(starts.count)) == starts,
                    "row \"\(row)\" starts cells at \(starts), the header at \(columns)\n\(rows.joined(separator: "\n"))",
                    sourceLocation: sourceLocation)
        }
    }

    @Test("columns start at the same display column on every row, with Chinese names, in zh and en")
    func aligned() throws {
        let lobby = try Lobby()
        try lobby.bootstrap(reps: ["王芳", "欧阳娜娜", "Li", "赵六"])
        _ = try lobby.checkin()
        _ = try lobby.checkin()
        _ = try lobby.checkin(["--rep", "赵六"])
        lobby.at("10:07")
        try lobby.ok(["call"])
        try lobby.ok(["away", "欧阳娜娜", "--reason", "personal"])
        lobby.at("10:19")

        let zh = try lobby.ok(["status", "--lang", "zh"])
        let reps = try table(zh.stdout, header: "位次")
        #expect(reps.count == 5, "\(zh)")
        expectAligned(reps)
        #expect(reps[1].hasPrefix("一接") && reps[1].contains("欧阳娜娜") && reps[1].contains("请假"), "\(zh)")
        #expect(reps[2].hasPrefix("二接") && reps[2].contains("Li") && reps[2].contains("待接"), "\(zh)")
        #expect(reps[4].contains("王芳") && reps[4].contains("接待中") && reps[4].contains("A001") && reps[4].contains("12 分钟"),
                "who serves whom, for how long\n\(zh)")
        let waiting = try table(zh.stdout, header: "号码")
        #expect(waiting.count == 3, "\(zh)")
        expectAligned(waiting)
        #expect(waiting[2].hasPrefix("A003") && waiting[2].contains("赵六"), "\(zh)")
        #expect(zh.stdout.contains("电话值班: 赵六"), "\(zh)")

        let en = try lobby.ok(["status", "--lang", "en"])
        let enReps = try table(en.stdout, header: "Place")
        expectAligned(enReps)
        #expect(enReps[1].hasPrefix("1st") && enReps[1].contains("on leave"), "\(en)")
        #expect(enReps[3].hasPrefix("3rd") && enReps[3].contains("赵六"), "\(en)")
        expectAligned(try table(en.stdout, header: "Ticket"))
        #expect(en.stdout.contains("Up: Li   Phone duty: 赵六"), "\(en)")

        // The site's language is the default; zh when the site does not say.
        #expect(try lobby.ok(["status"]).stdout.contains("位次"))
        // The JSON view keeps the contract's fields.
        let json = try lobby.status()
        #expect(json.order == ["欧阳娜娜", "Li", "赵六"])
        #expect(json.servingByTicket == ["A001": "王芳"])
        #expect(try lobby.ok(["status", "--json", "--lang", "en"]).stdout == (try lobby.ok(["status", "--json"])).stdout)
    }

    @Test("a site whose language is en shows the status in English by default")
    func siteLanguage() throws {
        let lobby = try Lobby()
        let original = try String(contentsOfFile: try #require(lobby.site), encoding: .utf8)
        let site = lobby.dir.appendingPathComponent("site-en.json")
        let english = original.replacingOccurrences(of: "\"siteId\"", with: "\"language\": \"en\",\n  \"siteId\"")
        try english.write(to: site, atomically: true, encoding: .utf8)
        lobby.site = site.path
        try lobby.bootstrap(reps: ["王芳", "Li"])
        let r = try lobby.ok(["status"])
        #expect(r.stdout.contains("Place") && r.stdout.contains("1st") && !r.stdout.contains("位次"), "\(r)")
        expectAligned(try table(r.stdout, header: "Place"))

        let bad = lobby.dir.appendingPathComponent("site-bad.json")
        try original.replacingOccurrences(of: "\"siteId\"", with: "\"language\": \"fr\",\n  \"siteId\"")
            .write(to: bad, atomically: true, encoding: .utf8)
        let other = try Lobby()
        other.site = bad.path
        let refused = other.run(["status"])
        #expect(refused.status == 1 && refused.stderr.contains("language must be zh or en"), "\(refused)")
    }
}
