// The kiosk at a real terminal, as a visitor sees it: driven through a pseudo-terminal and read
// back through a terminal emulator (pyte) at 80×24 by Tests/pty/kiosk_pty.py; and the kiosk
// against a locked database, without its texts, and with the answers people really type.
import Foundation
import Testing

/// What the pty driver saw.
struct TerminalRun: CustomStringConvertible {
    let snapshots: [String: (screen: [String], sinceClear: String)]
    let alive: Bool
    let exit: Int
    let error: String?
    let stderr: String

    var description: String {
        snapshots.keys.sorted().map { "=== \($0)\n" + (snapshots[$0]?.screen.joined(separator: "\n") ?? "") }.joined(separator: "\n")
            + "\nalive \(alive) exit \(exit) error \(error ?? "-")\nstderr: \(stderr)"
    }

    func screen(_ name: String) -> String { snapshots[name]?.screen.joined(separator: "\n") ?? "" }
    /// The screen without spaces, so that a wrapped or padded line still matches.
    func squeezed(_ name: String) -> String { snapshots[name]?.screen.joined().replacingOccurrences(of: " ", with: "") ?? "" }
}

extension Lobby {
    /// `lobby ARGS` at an 80×24 terminal, through the steps of kiosk_pty.py.
    func terminal(_ args: [String], steps: [[String: Any]], columns: Int = 80, rows: Int = 24) throws -> TerminalRun {
        let python = try #require(Harness.which("python3"), "python3 is not on PATH")
        let script = Harness.repoRoot.appendingPathComponent("Tests/pty/kiosk_pty.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script, String(columns), String(rows), "--", try Harness.binary.get()] + args
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("LOBBY_") }
        environment.merge(defaultEnv) { _, new in new }
        process.environment = environment
        process.currentDirectoryURL = dir
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: steps))
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let object = try #require(try JSONSerialization.jsonObject(with: out) as? [String: Any],
                                  "kiosk_pty.py printed no result (is pyte installed? scripts/install-deps): \(err)")
        var snapshots: [String: (screen: [String], sinceClear: String)] = [:]
        for (name, value) in object["snapshots"] as? [String: [String: Any]] ?? [:] {
            snapshots[name] = (value["screen"] as? [String] ?? [], value["sinceClear"] as? String ?? "")
        }
        return TerminalRun(snapshots: snapshots, alive: object["alive"] as? Bool ?? false, exit: object["exit"] as? Int ?? -1,
                           error: object["error"] as? String, stderr: err)
    }
}

private func send(_ text: String) -> [String: Any] { ["send": text] }
private func expect(_ text: String) -> [String: Any] { ["expect": text, "timeout": 30] }
private func snapshot(_ name: String) -> [String: Any] { ["snapshot": name] }

@Suite("The kiosk at a terminal")
struct KioskTerminalTests {
    /// What one visitor typed that nobody after them may see.
    static let answers = ["张伟", "13812345678", "三居室江景", "300万左右", "朋友介绍"]

    @Test("80×24: the number stays on screen after the ticket; the next visitor sees nothing of the last; keys never stop it")
    func ticketThenNextVisitor() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        lobby.at("10:01")
        _ = try (1...3).map { _ in try lobby.checkin() }  // a queue, so the wait has minutes
        let run = try lobby.terminal(["kiosk"], steps: [
            expect(KioskTexts.zh("purpose")),
            // An arrow key, then Enter: a key, not an answer, and never "control characters".
            send("\u{1B}[A\r"), snapshot("arrow"),
            send("1\r"), expect(KioskTexts.zh("visitedBefore")), send("否\r"),
            expect(KioskTexts.zh("party")), send("2\r"),
            expect("您同意吗"), send("是\r"),
        ] + Self.answers.map { send($0 + "\r") } + [
            expect(KioskTexts.zh("nextVisitor")), snapshot("ticket"),
            // Every key that would stop, suspend or end a program at a terminal.
            send("\u{03}"), send("\u{1C}"), send("\u{1A}"), send("\u{04}"), send("\u{13}"), send("\r"),
            expect(KioskTexts.zh("purpose")), snapshot("next"),
            send("\u{03}\u{04}\r"), send("\u{04}"), snapshot("still"),
            ["signal": "TERM"],
        ])
        #expect(run.error == nil, "\(run)")
        #expect(!run.squeezed("arrow").contains(KioskTexts.zh("badControl").replacingOccurrences(of: " ", with: "")), "\(run)")
        #expect(!run.screen("arrow").contains(KioskTexts.zh("skipped")), "\(run)")
        let ticket = run.squeezed("ticket")
        #expect(ticket.contains("A004"), "the number is on the 80×24 screen after the ticket\n\(run)")
        #expect(ticket.contains("前面还有3组"), "and the wait\n\(run)")
        for answer in Self.answers {
            #expect(!ticket.contains(answer), "\(answer) is gone when the ticket shows\n\(run)")
            #expect(!run.squeezed("next").contains(answer), "\(answer) is not shown to the next visitor\n\(run)")
            #expect(!(run.snapshots["next"].map(\.sinceClear) ?? answer).contains(answer), "nor in the scrollback\n\(run)")
        }
        #expect(!run.squeezed("next").contains("A004"), "\(run)")
        #expect(run.alive, "Ctrl-C, Ctrl-\\, Ctrl-Z, Ctrl-D and Ctrl-S leave it running\n\(run)")
        #expect(run.exit == 0, "SIGTERM ends it cleanly\n\(run)")
        #expect(try lobby.rows("SELECT id, party, name FROM tickets WHERE seq = 4").map { try lobby.unsealed($0) } == ["A004|2|张伟"])
        #expect(try lobby.ticketCount() == 4, "no key made a ticket")
    }

    @Test("an idle reset clears the screen and its scrollback")
    func idleResetClears() throws {
        let lobby = try Lobby()
        try lobby.useSite(["kioskIdleSeconds": 1])
        try lobby.bootstrap()
        lobby.at("10:01")
        let run = try lobby.terminal(["kiosk"], steps: [
            expect(KioskTexts.zh("purpose")), send("1\r"), send("否\r"), send("2\r"), send("是\r"),
            send(Self.answers[0] + "\r"), send(Self.answers[1] + "\r"), expect(KioskTexts.zh("project")),
            expect(KioskTexts.zh("idle")), snapshot("reset"),
            ["signal": "TERM"],
        ])
        #expect(run.error == nil, "\(run)")
        #expect(run.squeezed("reset").contains(KioskTexts.zh("purpose").replacingOccurrences(of: " ", with: "")), "\(run)")
        for answer in Self.answers.prefix(2) {
            #expect(!run.squeezed("reset").contains(answer), "\(run)")
            #expect(!(run.snapshots["reset"].map(\.sinceClear) ?? answer).contains(answer), "\(run)")
        }
        #expect(try lobby.ticketCount() == 0)
    }

    @Test("a database locked for 7 s while a visitor checks in still gives them a ticket")
    func lockedDatabase() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        lobby.at("10:01")
        let sqlite3 = try #require(Harness.sqlite3, "sqlite3 is not on PATH")
        let kiosk = try LiveKiosk(lobby)
        kiosk.type(["1", "", ""])
        #expect(kiosk.waitFor(KioskTexts.zh("consent", ["days": "180", "service": KioskTexts.zh("service.buy")])), "\(kiosk.output)")
        let locker = Process()
        locker.executableURL = URL(fileURLWithPath: sqlite3)
        locker.arguments = [lobby.db]
        let input = Pipe(), output = Pipe()
        locker.standardInput = input
        locker.standardOutput = output
        try locker.run()
        input.fileHandleForWriting.write(Data("BEGIN EXCLUSIVE;\nINSERT INTO site(key, value) VALUES ('lock', 'held');\nSELECT 'locked';\n".utf8))
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("locked") {
            let chunk = output.fileHandleForReading.availableData
            try #require(!chunk.isEmpty, "sqlite3 could not lock the database")
            seen += chunk
        }
        let locked = Date()
        kiosk.type([""])  // no consent: the check-in is written now, into the lock
        Thread.sleep(forTimeInterval: 7)
        input.fileHandleForWriting.write(Data("COMMIT;\n".utf8))
        try input.fileHandleForWriting.close()
        locker.waitUntilExit()
        #expect(kiosk.waitFor(KioskTexts.zh("ticketTitle") + ":  A001"), "\(kiosk.output)")
        #expect(Date().timeIntervalSince(locked) >= 7)
        kiosk.type(["1", "", "", ""])
        #expect(kiosk.waitFor(KioskTexts.zh("ticketTitle") + ":  A002"), "and it serves the next visitor\n\(kiosk.output)")
        let r = kiosk.finish()
        #expect(r.status == 0, "\(r)")
        #expect(!r.stdout.contains(KioskTexts.zh("busy")), "\(r)")
        #expect(try lobby.ticketCount() == 2)
    }

    @Test("without its texts the kiosk does not start: exit 3 naming texts.json, nothing stored")
    func missingTexts() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        // A copy of the executable with no kiosk-assets anywhere near it.
        let bin = lobby.dir.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let copy = bin.appendingPathComponent("lobby")
        try FileManager.default.copyItem(atPath: try Harness.binary.get(), toPath: copy.path)
        let empty = lobby.dir.appendingPathComponent("empty-assets")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let before = try lobby.unsealed(lobby.dump())
        let r = try lobby.runWithInput(["kiosk"], input: Pipe(), env: ["LOBBY_ASSETS": empty.path], binary: copy.path).wait()
        #expect(r.status == 3, "\(r)")
        #expect(r.message.contains("texts.json"), "\(r)")
        #expect(r.stdout.isEmpty, "no raw keys shown\n\(r)")
        #expect(try lobby.unsealed(lobby.dump()) == before)
        // A texts.json that lacks a text the kiosk needs is named too.
        try Data(#"{"zh": {"welcome": "欢迎"}, "en": {"welcome": "Welcome"}}"#.utf8).write(to: empty.appendingPathComponent("texts.json"))
        let partial = try lobby.runWithInput(["kiosk"], input: Pipe(), env: ["LOBBY_ASSETS": empty.path], binary: copy.path).wait()
        #expect(partial.status == 3 && partial.message.contains(empty.appendingPathComponent("texts.json").path)
                && partial.message.contains("purpose"), "\(partial)")
    }
}

@Suite("What visitors type, and what they are told")
struct KioskAnswerTests {
    private func team(_ reps: [String] = ["王芳", "李强", "欧阳娜娜", "赵六"]) throws -> Lobby {
        let lobby = try Lobby()
        try lobby.bootstrap(reps: reps)
        lobby.at("10:01")
        return lobby
    }

    @Test("full-width digits and the common ways of saying a number, yes and no")
    func inputForms() throws {
        let lobby = try team()
        let r = lobby.kiosk([
            "１", "好的", "１", "3位", "是", "", "１３８ １２３４ ５６７８", "", "", "",  // A001: buy, rep 1, 3, consent
            "２", "否", "两位", "no",                                                  // A002: rent, first visit, 2
            "3", "３人",                                                               // A003: other, 3
            "1", "yes", "2", "", "否",                                                 // A004: rep 2, party skipped, no consent
        ])
        #expect(r.status == 0, "\(r)")
        #expect(try lobby.rows("SELECT id, purpose, rep, party, first_visit FROM tickets ORDER BY seq").map { try lobby.unsealed($0) } == [
            "A001|buy|王芳|3|no", "A002|rent|NULL|2|yes", "A003|other|NULL|3|NULL", "A004|buy|李强|1|no",
        ], "\(r)")
        #expect(try lobby.rows("SELECT phone FROM customers").map { try lobby.unsealed($0) } == ["13812345678"])
    }

    @Test("reps by Latin name for English visitors, case and spaces ignored; a unique surname or given name")
    func repNames() throws {
        let lobby = try team()
        try lobby.ok(["rep", "add", "陈明", "--latin", "Chen Ming"])
        try lobby.ok(["roster", "王芳", "李强", "欧阳娜娜", "赵六", "陈明"])
        #expect(try lobby.json(["rep", "list", "--json"]).arr("reps")?.first { $0.str("rep") == "陈明" }?.str("latin") == "Chen Ming")
        try expectRefused(lobby, ["rep", "add", "孙七", "--latin", "孙七"], exit: 1, mentions: ["latin"])
        let visits: [(String, String?)] = [
            ("chen ming", "陈明"), ("CHENMING", "陈明"), ("Ming", "陈明"), ("欧阳", "欧阳娜娜"), ("娜娜", "欧阳娜娜"),
            ("王", "王芳"), ("李经理", "李强"), ("陈 明", "陈明"),
        ]
        for (answer, rep) in visits {
            let r = lobby.kiosk(["en", "1", "yes", answer, "", ""])
            #expect(r.status == 0, "\(r)")
            #expect(r.stdout.contains("1 王芳  2 李强  3 欧阳娜娜  4 赵六  5 Chen Ming"), "the English list shows the Latin name\n\(r)")
            let last = try lobby.rows("SELECT rep FROM tickets ORDER BY seq DESC LIMIT 1").map { try lobby.unsealed($0) }
            #expect(last == [rep ?? "NULL"], "'\(answer)'\n\(r)")
            if rep == "陈明" {
                #expect(r.stdout.contains(KioskTexts.en("nextNamed", ["rep": "Chen Ming"])) || r.stdout.contains("Chen Ming will receive you"),
                        "an English visitor is told the Latin name\n\(r)")
            }
        }
        let zh = lobby.kiosk(["1", "是", "Chen Ming", "", ""])
        #expect(zh.stdout.contains("5 陈明"), "\(zh)")
        #expect(zh.stdout.contains("陈明 将为您接待"), "\(zh)")
    }

    @Test("messages: one group, no doubled please, what a skip means, one word per category, renters' consent")
    func messages() throws {
        let lobby = try team()
        _ = try lobby.checkin()
        let one = lobby.kiosk(["en", "1", "", "", ""])
        #expect(one.stdout.contains("1 group ahead of you"), "\(one)")
        #expect(!one.stdout.contains("1 groups"), "\(one)")
        let wrong = lobby.kiosk(["x", "y", "z", "", "0", "0", "0", ""])
        let retries = wrong.stdout.split(separator: "\n").filter { $0.hasPrefix("抱歉") }
        #expect(!retries.isEmpty, "\(wrong)")
        for line in retries {
            #expect(occurrences(of: "请", in: String(line)) <= 1, "no doubled please: \(line)")
        }
        #expect(wrong.stdout.contains(KioskTexts.zh("purposeDefault")), "\(wrong)")
        #expect(wrong.stdout.contains(KioskTexts.zh("skipped")) && wrong.stdout.contains(KioskTexts.zh("skipped.party")),
                "after three wrong party sizes, what the skip means\n\(wrong)")
        let renter = lobby.kiosk(["2", "", "", ""])
        #expect(renter.stdout.contains(KioskTexts.zh("service.rent")) && !renter.stdout.contains(KioskTexts.zh("service.buy")), "\(renter)")
        // The ticket's category word is the one status uses.
        let ticket = lobby.kiosk(["1", "", "", ""])
        let status = try lobby.ok(["status", "--lang", "zh"]).stdout
        #expect(ticket.stdout.contains(KioskTexts.zh("category") + ": " + KioskTexts.zh("category.new")), "\(ticket)")
        #expect(status.contains(KioskTexts.zh("category.new")), "\(status)")
        for key in ["categoryNew", "categoryOther"] { #expect(KioskTexts.table["zh"]?[key] == nil, "one word per category: \(key)") }
    }

    @Test("paused: the kiosk says so once, whatever is typed")
    func closedOnce() throws {
        let lobby = try team()
        try lobby.ok(["kiosk", "pause", "--why", "lunch"])
        let r = lobby.kiosk(["1", "2", "3"])
        #expect(occurrences(of: KioskTexts.zh("paused", ["why": KioskTexts.zh("pausedWhy", ["why": "lunch"])]), in: r.stdout) == 1, "\(r)")
    }

    @Test("no rep on duty: said so, no minutes; other business: who comes (R15), no sales wait")
    func honestNext() throws {
        let lobby = try team()
        _ = try lobby.checkin()
        for rep in ["王芳", "李强", "欧阳娜娜", "赵六"] { try lobby.ok(["away", rep, "--reason", "business"]) }
        let nobody = lobby.kiosk(["1", "", "", ""])
        #expect(nobody.stdout.contains(KioskTexts.zh("nextNoRep")), "\(nobody)")
        #expect(!nobody.stdout.contains("0–0"), "\(nobody)")
        try lobby.ok(["back", "王芳"])
        try lobby.ok(["back", "李强"])
        let tail = try #require(try lobby.json(["status", "--json"]).str("phoneDuty"))
        let courier = lobby.kiosk(["en", "3", ""])
        #expect(courier.stdout.contains(KioskTexts.en("nextOther", ["rep": tail])), "the tail rep comes\n\(courier)")
        #expect(!courier.stdout.contains("minutes"), "\(courier)")
    }
}
