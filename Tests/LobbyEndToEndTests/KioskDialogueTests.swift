// The visitor's kiosk dialogue, piped end to end: what a visitor is asked and shown, in Chinese
// and English, and what is stored (interface.md "lobby kiosk", "lobby checkin").
import Foundation
import Testing

/// The visitor's words, read from kiosk-assets/texts.json as the kiosk reads them.
enum KioskTexts {
    static let table: [String: [String: String]] = {
        let url = Harness.repoRoot.appendingPathComponent("kiosk-assets/texts.json")
        guard let data = try? Data(contentsOf: url),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: [String: String]]
        else { return [:] }
        return object
    }()

    static func zh(_ key: String, _ values: [String: String] = [:]) -> String { text("zh", key, values) }
    static func en(_ key: String, _ values: [String: String] = [:]) -> String { text("en", key, values) }

    static func text(_ language: String, _ key: String, _ values: [String: String]) -> String {
        var result = table[language]?[key] ?? "<missing \(language).\(key)>"
        for (name, value) in values { result = result.replacingOccurrences(of: "{\(name)}", with: value) }
        return result
    }
}

extension Lobby {
    /// `lobby kiosk ARGS…` with these answers piped in, one a line, then the end of input.
    func kiosk(_ answers: [String], args: [String] = [], env: [String: String] = [:]) -> Outcome {
        run(["kiosk"] + args, env: env, stdin: answers.map { $0 + "\n" }.joined())
    }

    /// `lobby kiosk` with raw bytes as standard input (which a String cannot carry).
    func kiosk(bytes: Data, env: [String: String] = [:]) throws -> Outcome {
        let inURL = dir.appendingPathComponent(".bytes-\(UUID().uuidString)")
        try bytes.write(to: inURL)
        defer { try? FileManager.default.removeItem(at: inURL) }
        return try runWithInput(["kiosk"], input: FileHandle(forReadingFrom: inURL), env: env).wait()
    }

    /// Starts `lobby ARGS…` reading `input`, with the harness's environment.
    func runWithInput(_ args: [String], input: Any, env: [String: String] = [:], binary: String? = nil) throws -> Running {
        let tag = UUID().uuidString
        let outURL = dir.appendingPathComponent(".kout-\(tag)")
        let errURL = dir.appendingPathComponent(".kerr-\(tag)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try binary ?? Harness.binary.get())
        process.arguments = args
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("LOBBY_") }
        environment.merge(defaultEnv) { _, new in new }
        environment.merge(env) { _, new in new }
        process.environment = environment
        process.currentDirectoryURL = dir
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        try process.run()
        return Running(args: args, process: process, outURL: outURL, errURL: errURL, handles: [out, err],
                       done: done, launchError: nil)
    }

    func ticketCount() throws -> Int { Int(try rows("SELECT count(*) FROM tickets").first ?? "") ?? -1 }
    func customerCount() throws -> Int { Int(try rows("SELECT count(*) FROM customers").first ?? "") ?? -1 }

    /// A site file: the repository's site.json with these keys changed (set before the database exists).
    func useSite(_ changes: [String: Any]) throws {
        let source = Harness.repoRoot.appendingPathComponent("kiosk-assets/site.json")
        var settings = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: source)) as? [String: Any])
        settings.merge(changes) { _, new in new }
        let url = dir.appendingPathComponent("site-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: settings).write(to: url)
        site = url.path
    }
}

/// Counts the times `part` occurs in `text`.
func occurrences(of part: String, in text: String) -> Int {
    text.components(separatedBy: part).count - 1
}

@Suite("Kiosk dialogue")
struct KioskDialogueTests {
    /// Boss, and Wang, Li, Zhao, Chen on today's roster.
    private func team() throws -> Lobby {
        let lobby = try Lobby()
        try lobby.bootstrap()
        lobby.at("10:01")
        return lobby
    }

    @Test("a Chinese check-in: asked in Chinese, a named rep by number, consent, everything stored")
    func chinese() throws {
        let lobby = try team()
        let r = lobby.kiosk(["1", "是", "2", "3", "是", "张伟", "138 1234 5678", "三居室", "300万", "朋友介绍"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stderr.isEmpty, "\(r)")
        let out = r.stdout
        // What a newcomer needs: the choices, how to switch language, how to skip.
        #expect(out.contains(KioskTexts.zh("welcome", ["site": "滨江壹号售楼处 Riverside One Sales Center"])), "\(r)")
        #expect(out.contains(KioskTexts.zh("welcomeHelp")))
        for key in ["purpose", "visitedBefore", "party", "name", "phone", "project", "budget", "source"] {
            #expect(out.contains(KioskTexts.zh(key)), "the kiosk asks \(key) in Chinese\n\(out)")
        }
        #expect(out.contains(KioskTexts.zh("consent", ["days": "180", "service": KioskTexts.zh("service.buy")])),
                "the consent question says how long and what for\n\(out)")
        #expect(out.contains("1 Wang  2 Li  3 Zhao  4 Chen"), "the roster is listed with numbers\n\(out)")
        #expect(out.contains(KioskTexts.zh("ticketTitle") + ":  A001"), "\(out)")
        #expect(out.contains(KioskTexts.zh("nextNamed", ["rep": "Li"])), "the named rep is told\n\(out)")
        #expect(out.hasSuffix(KioskTexts.zh("bye") + "\n"), "\(out)")
        #expect(!out.contains(KioskTexts.zh("retry", ["reason": ""]).prefix(3)), "no answer was refused\n\(out)")

        let ticket = try lobby.rows("SELECT id, category, rep, purpose, party, name, project, budget, source, first_visit FROM tickets").map { try lobby.unsealed($0) }
        #expect(ticket == ["A001|named|Li|buy|3|张伟|三居室|300万|朋友介绍|no"])
        #expect(try lobby.rows("SELECT phone, name FROM customers").map { try lobby.unsealed($0) } == ["13812345678|张伟"])
        let status = try lobby.status()
        #expect(status.waitingTickets == ["A001"])
        #expect(status.waiting.first?.str("rep") == "Li")
    }

    @Test("an English check-in: en switches at the first prompt; skipped answers are not stored")
    func english() throws {
        let lobby = try team()
        let r = lobby.kiosk(["en", "2", "no", "", "yes", "Zhang Wei", "13987654321", "", "", ""])
        #expect(r.status == 0, "\(r)")
        let out = r.stdout
        #expect(out.contains(KioskTexts.zh("purpose")), "greeted in Chinese first\n\(out)")
        for key in ["purpose", "visitedBefore", "party", "name", "phone", "project", "budget", "source"] {
            #expect(out.contains(KioskTexts.en(key)), "the kiosk asks \(key) in English after en\n\(out)")
        }
        #expect(out.contains(KioskTexts.en("consent", ["days": "180", "service": KioskTexts.en("service.rent")])),
                "a renter is told the data is for renting\n\(out)")
        #expect(!out.contains("1 Wang  2 Li"), "a first visit is not asked for a rep\n\(out)")
        #expect(out.contains(KioskTexts.en("ticketTitle") + ":  A001"), "\(out)")
        #expect(out.contains(KioskTexts.en("nextNow")), "\(out)")
        #expect(out.hasSuffix(KioskTexts.zh("bye") + "\n"), "the next visitor is greeted in Chinese again\n\(out)")
        let ticket = try lobby.rows("SELECT id, category, rep, purpose, party, name, project, budget, source, first_visit FROM tickets").map { try lobby.unsealed($0) }
        #expect(ticket == ["A001|new|NULL|rent|1|Zhang Wei|NULL|NULL|NULL|yes"])
        #expect(try lobby.rows("SELECT phone, name FROM customers").map { try lobby.unsealed($0) } == ["13987654321|Zhang Wei"])
    }

    @Test("one visitor after another; 中文 switches back mid-dialogue; --lang en greets in English")
    func severalVisitors() throws {
        let lobby = try team()
        let r = lobby.kiosk(["1", "", "", "", "3", "中文", "2", "1", "", "", ""], args: ["--lang", "en"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.hasPrefix(KioskTexts.en("welcome", ["site": "滨江壹号售楼处 Riverside One Sales Center"])), "\(r)")
        #expect(r.stdout.contains(KioskTexts.en("ticketTitle") + ":  A001"), "\(r)")
        #expect(r.stdout.contains(KioskTexts.zh("ticketTitle") + ":  A002"), "\(r)")
        #expect(r.stdout.contains(KioskTexts.en("ticketTitle") + ":  A003"), "\(r)")
        let tickets = try lobby.rows("SELECT id, category, purpose, party, name, first_visit FROM tickets ORDER BY seq").map { try lobby.unsealed($0) }
        #expect(tickets == ["A001|new|buy|1|NULL|NULL", "A002|other|other|2|NULL|NULL", "A003|new|buy|1|NULL|NULL"])
        #expect(try lobby.customerCount() == 0)
    }

    @Test("a visitor on other business is not asked for personal data and goes to the tail rep (R15)")
    func otherBusiness() throws {
        let lobby = try team()
        let r = lobby.kiosk(["3", ""])
        #expect(r.status == 0, "\(r)")
        #expect(!r.stdout.contains(KioskTexts.zh("consent", ["days": "180", "service": KioskTexts.zh("service.buy")])), "\(r)")
        #expect(!r.stdout.contains(KioskTexts.zh("visitedBefore")), "\(r)")
        #expect(try lobby.rows("SELECT id, category, purpose FROM tickets").map { try lobby.unsealed($0) } == ["A001|other|other"])
    }

    @Test("consent refused: no name or phone anywhere in the database, even typed anyway")
    func consentRefused() throws {
        let lobby = try team()
        let r = lobby.kiosk(["1", "否", "2", "否", "王小明", "13700001111", "Wang Xiaoming"])
        #expect(r.status == 0, "\(r)")
        #expect(!r.stdout.contains(KioskTexts.zh("name")), "no name is asked without consent\n\(r)")
        #expect(!r.stdout.contains(KioskTexts.zh("phone")), "no phone is asked without consent\n\(r)")
        #expect(try lobby.rows("SELECT id, name, customer, first_visit FROM tickets").map { try lobby.unsealed($0) } == ["A001|NULL|NULL|yes"])
        #expect(try lobby.customerCount() == 0)
        let dump = try lobby.unsealed(lobby.dump())
        let raw = lobby.rawBytes()
        for secret in ["王小明", "13700001111", "Wang Xiaoming"] {
            #expect(!dump.contains(secret), "\(secret) is in the database dump")
            #expect(raw.range(of: Data(secret.utf8)) == nil, "\(secret) is in the database file or its WAL")
        }
    }

    @Test("lobby checkin refuses with the same reasons the kiosk gives, naming the field")
    func sameMessages() throws {
        let lobby = try team()
        // A field check refuses a well-formed request (exit 1); a value not of the option's kind is a
        // usage error (exit 2). Both give the kiosk's reason.
        let cases: [(args: [String], exit: Int32, prefix: String, key: String)] = [
            (["--phone", "12345", "--consent", "yes"], 1, "phone: '12345': ", "badPhone"),
            (["--party", "0"], 2, "checkin: --party '0': ", "badParty"),
            (["--party", "many"], 2, "checkin: --party 'many': ", "badParty"),
            (["--purpose", "shopping"], 2, "checkin: --purpose 'shopping': ", "badPurpose"),
            (["--name", "A\u{7}B", "--consent", "yes"], 1, "name: ", "badControl"),
        ]
        for c in cases {
            try expectRefused(lobby, ["checkin"] + c.args + ["--json"], exit: c.exit, says: "lobby: " + c.prefix + KioskTexts.en(c.key))
        }
        // The kiosk, in English, gives those reasons for the same answers.
        let k = lobby.kiosk(["en", "shopping", "1", "", "0", "2", "yes", "", "12345"])
        #expect(k.stdout.contains(KioskTexts.en("retry", ["reason": KioskTexts.en("badPurpose")])), "\(k)")
        #expect(k.stdout.contains(KioskTexts.en("retry", ["reason": KioskTexts.en("badParty")])), "\(k)")
        #expect(k.stdout.contains(KioskTexts.en("retry", ["reason": KioskTexts.en("badPhone")])), "\(k)")
        #expect(try lobby.ticketCount() == 0)
        // A number the kiosk accepts, checkin accepts the same way.
        let ok = try lobby.checkin(["--phone", "+86 139-8765-4321", "--consent", "yes", "--purpose", "2", "--party", "4"])
        #expect(ok.str("ticket") == "A001")
        #expect(try lobby.rows("SELECT phone FROM customers").map { try lobby.unsealed($0) } == ["13987654321"])
        #expect(try lobby.rows("SELECT purpose, party FROM tickets").map { try lobby.unsealed($0) } == ["rent|4"])
    }

    @Test("a site's own phone pattern replaces the mainland rule, in the kiosk and in checkin")
    func sitePhonePattern() throws {
        let lobby = try Lobby()
        try lobby.useSite(["phonePattern": "[5-9][0-9]{7}"])
        try lobby.bootstrap()
        lobby.at("10:01")
        try expectRefused(lobby, ["checkin", "--phone", "13812345678", "--consent", "yes"], exit: 1, mentions: ["phone"])
        _ = try lobby.checkin(["--phone", "9123 4567", "--consent", "yes"])
        let r = lobby.kiosk(["1", "", "", "是", "", "13812345678", "61234567", "", "", ""])
        #expect(r.stdout.contains(KioskTexts.zh("retry", ["reason": KioskTexts.zh("badPhonePattern")])), "\(r)")
        #expect(try lobby.rows("SELECT phone FROM customers ORDER BY id").map { try lobby.unsealed($0) } == ["91234567", "61234567"])
    }

    @Test("the demo site: a roster and visitors already waiting, so a newcomer sees a real estimate in either language")
    func demoSite() throws {
        let lobby = try Lobby()
        let script = Harness.repoRoot.appendingPathComponent("scripts/make-demo-site").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script, lobby.db, try Harness.binary.get()]
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("LOBBY_") }
            .merging(["LOBBY_NOW": lobby.now]) { _, new in new }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "scripts/make-demo-site failed")
        lobby.actor = nil
        lobby.pin = nil

        let waiting = try lobby.status().waitingTickets.count
        #expect(waiting >= 2, "visitors are already waiting")
        let zh = lobby.kiosk(["1", "否", "2", "否"])
        let en = lobby.kiosk(["en", "1", "no", "2", "no"])
        var aheads: [Int] = []
        for (r, language) in [(zh, "zh"), (en, "en")] {
            #expect(r.status == 0, "\(r)")
            let template = KioskTexts.text(language, "nextWait", [:])
            let pattern = NSRegularExpression.escapedPattern(for: template)
                .replacingOccurrences(of: "\\{ahead\\}", with: "([0-9]+)")
                .replacingOccurrences(of: "\\{p50\\}", with: "([0-9]+)")
                .replacingOccurrences(of: "\\{p80\\}", with: "([0-9]+)")
            let regex = try NSRegularExpression(pattern: pattern)
            let match = try #require(regex.firstMatch(in: r.stdout, range: NSRange(r.stdout.startIndex..., in: r.stdout)),
                                     "the ticket tells the wait in \(language)\n\(r)")
            let number = { (i: Int) in Int((r.stdout as NSString).substring(with: match.range(at: i))) ?? -1 }
            #expect(number(1) >= 1, "someone is ahead\n\(r)")
            aheads.append(number(1))
            #expect(number(2) > 0, "a real estimate, not zero\n\(r)")
        }
        #expect(aheads.count == 2 && aheads[1] == aheads[0] + 1, "the second visitor waits behind the first: \(aheads)")
    }
}
