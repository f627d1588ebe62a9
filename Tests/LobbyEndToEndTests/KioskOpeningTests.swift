// When the kiosk issues tickets: not to a visitor who walked away (kioskIdleSeconds), not while
// a supervisor paused check-in, not outside checkinHours; `lobby checkin` refuses likewise.
import Foundation
import Testing

/// A kiosk fed through a pipe that stays open, to be answered as its prompts appear.
final class LiveKiosk {
    let running: Running
    let pipe = Pipe()

    init(_ lobby: Lobby) throws {
        running = try lobby.runWithInput(["kiosk"], input: pipe)
    }

    func type(_ lines: [String]) {
        pipe.fileHandleForWriting.write(Data(lines.map { $0 + "\n" }.joined().utf8))
    }

    var output: String { (try? String(contentsOf: running.outURL, encoding: .utf8)) ?? "" }

    /// Waits (at most a generous bound) until `text` has been shown `count` times.
    @discardableResult
    func waitFor(_ text: String, count: Int = 1, timeout: Double = 30) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if occurrences(of: text, in: output) >= count { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }

    /// Ends the input and collects the outcome.
    func finish() -> Outcome {
        try? pipe.fileHandleForWriting.close()
        return running.wait()
    }
}

@Suite("Kiosk opening, pause and idle")
struct KioskOpeningTests {
    @Test("an idle visitor is forgotten after kioskIdleSeconds; nothing is stored; the next visitor starts afresh")
    func idleVisitor() throws {
        let lobby = try Lobby()
        try lobby.useSite(["kioskIdleSeconds": 1])
        try lobby.bootstrap()
        lobby.at("10:01")
        let kiosk = try LiveKiosk(lobby)
        kiosk.type(["en", "1", "yes"])
        #expect(kiosk.waitFor(KioskTexts.en("idle")), "\(kiosk.output)")
        #expect(kiosk.waitFor(KioskTexts.zh("purpose"), count: 2), "starts over, in the site's language\n\(kiosk.output)")
        #expect(try lobby.ticketCount() == 0)
        // Nobody at the kiosk: no visitor to forget, so no more resets.
        Thread.sleep(forTimeInterval: 2.5)
        #expect(occurrences(of: KioskTexts.en("idle"), in: kiosk.output) == 1, "\(kiosk.output)")
        #expect(occurrences(of: KioskTexts.zh("idle"), in: kiosk.output) == 0, "\(kiosk.output)")
        kiosk.type(["2", "", "4", ""])
        let r = kiosk.finish()
        #expect(r.status == 0, "\(r)")
        #expect(try lobby.rows("SELECT id, purpose, party, first_visit, rep FROM tickets") == ["A001|rent|4|NULL|NULL"])
        #expect(try lobby.customerCount() == 0)
    }

    @Test("pause and resume are supervisor actions that need the PIN")
    func pauseNeedsSupervisor() throws {
        let lobby = try Lobby()
        try lobby.bootstrap(pins: ["Wang": "640512"])
        lobby.at("10:01")
        try expectRefused(lobby, ["kiosk", "pause"], exit: 1, mentions: ["PIN"], env: ["LOBBY_PIN": "000000"], sameDump: false)
        // Refusals of who acts are recorded in the security log, and change nothing else.
        try expectRefused(lobby, ["kiosk", "pause"], exit: 1, mentions: ["PIN"], unset: ["LOBBY_PIN"], recorded: true)
        try expectRefused(lobby, ["kiosk", "pause", "--why", "lunch"], exit: 1, mentions: ["R6", "supervisor"],
                          env: ["LOBBY_ACTOR": "Wang", "LOBBY_PIN": "640512"], recorded: true)
        try expectRefused(lobby, ["kiosk", "pause"], exit: 1, mentions: ["R6", "supervisor"], env: ["LOBBY_ACTOR": "frontdesk"],
                          unset: ["LOBBY_PIN"], recorded: true)
        #expect(try lobby.checkin().str("ticket") == "A001", "nothing was paused")
        try lobby.ok(["kiosk", "pause"])
        try expectRefused(lobby, ["kiosk", "resume"], exit: 1, mentions: ["R6", "supervisor"],
                          env: ["LOBBY_ACTOR": "Wang", "LOBBY_PIN": "640512"], recorded: true)
        try expectRefused(lobby, ["checkin", "--json"], exit: 1, mentions: ["paused"])
        try expectRefused(lobby, ["kiosk", "bogus"], exit: 2, mentions: ["pause", "resume"])
    }

    @Test("while paused the kiosk and checkin say why and issue nothing; staff carry on; resume opens again")
    func pauseAndResume() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        lobby.at("10:01")
        _ = try lobby.checkin()
        lobby.at("10:02")
        try lobby.ok(["kiosk", "pause", "--why", "盘点"])

        let refused = try expectRefused(lobby, ["checkin", "--json"], exit: 1, mentions: ["paused"])
        #expect(refused.stderr.contains("盘点"), "\(refused)")
        let k = lobby.kiosk(["1", "", "", "", "en", "1"])
        #expect(k.status == 0, "\(k)")
        #expect(k.stdout.contains(KioskTexts.zh("paused", ["why": KioskTexts.zh("pausedWhy", ["why": "盘点"])])), "\(k)")
        #expect(k.stdout.contains(KioskTexts.en("paused", ["why": KioskTexts.en("pausedWhy", ["why": "盘点"])])), "en switches the language while paused\n\(k)")
        #expect(!k.stdout.contains(KioskTexts.zh("purpose")), "no question is asked while paused\n\(k)")
        #expect(try lobby.ticketCount() == 1)

        // Everything else goes on.
        lobby.at("10:03")
        #expect(try lobby.call().str("ticket") == "A001")
        #expect(try lobby.status().serving.count == 1)
        try lobby.ok(["report", "--json"])
        try lobby.ok(["away", "Li", "--reason", "business"])
        try lobby.ok(["finish", "A001"])
        #expect(try lobby.rows("SELECT kind, actor, why FROM events WHERE kind LIKE 'note:kiosk-%'") == ["note:kiosk-pause|Boss|盘点"])

        try lobby.ok(["kiosk", "resume"])
        #expect(try lobby.checkin().str("ticket") == "A002")
        let again = lobby.kiosk(["1", "", "", ""])
        #expect(again.stdout.contains(KioskTexts.zh("ticketTitle") + ":  A003"), "\(again)")
        #expect(try lobby.rows("SELECT kind FROM events WHERE kind LIKE 'note:kiosk-%' ORDER BY seq") == ["note:kiosk-pause", "note:kiosk-resume"])
        #expect(try lobby.ok(["kiosk", "resume"]).stdout.contains("not paused"))
        #expect(lobby.run(["replay"]).status == 0)
    }

    @Test("a pause while a visitor answers: no ticket, the kiosk says so, and serves again after resume")
    func pauseMidDialogue() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        lobby.at("10:01")
        let kiosk = try LiveKiosk(lobby)
        kiosk.type(["1", ""])
        #expect(kiosk.waitFor(KioskTexts.zh("party")), "\(kiosk.output)")
        try lobby.ok(["kiosk", "pause"])
        kiosk.type(["2", ""])
        #expect(kiosk.waitFor(KioskTexts.zh("paused", ["why": ""])), "\(kiosk.output)")
        #expect(try lobby.ticketCount() == 0)
        Thread.sleep(forTimeInterval: 0.5)
        #expect(occurrences(of: KioskTexts.zh("paused", ["why": ""]), in: kiosk.output) == 1, "said once\n\(kiosk.output)")
        try lobby.ok(["kiosk", "resume"])
        kiosk.type([""])  // someone touches the kiosk: it looks again and opens
        #expect(kiosk.waitFor(KioskTexts.zh("purpose"), count: 2), "\(kiosk.output)")
        kiosk.type(["1", "", "3", ""])
        let r = kiosk.finish()
        #expect(r.status == 0, "\(r)")
        #expect(try lobby.rows("SELECT id, party FROM tickets") == ["A001|3"])
    }

    @Test("outside checkinHours: the kiosk tells when check-in opens, checkin refuses; staff work; at opening it works")
    func checkinHours() throws {
        let lobby = try Lobby()
        try lobby.useSite(["checkinHours": ["start": "09:00", "end": "18:00"]])
        lobby.at("08:30")
        try lobby.bootstrap()
        let refused = try expectRefused(lobby, ["checkin", "--json"], exit: 1, mentions: ["09:00"])
        #expect(refused.stderr.contains("closed"), "\(refused)")
        let k = lobby.kiosk(["1", "", "", "", "en"])
        #expect(k.status == 0, "\(k)")
        #expect(k.stdout.contains(KioskTexts.zh("closedHours", ["time": "09:00"])), "\(k)")
        #expect(k.stdout.contains(KioskTexts.en("closedHours", ["time": "09:00"])), "\(k)")
        #expect(!k.stdout.contains(KioskTexts.zh("purpose")), "\(k)")
        #expect(try lobby.ticketCount() == 0)
        #expect(try lobby.status().order == ["Wang", "Li", "Zhao", "Chen"], "staff work before opening")

        lobby.at("09:00")
        #expect(try lobby.checkin().str("ticket") == "A001")
        #expect(lobby.kiosk(["1", "", "", ""]).stdout.contains(KioskTexts.zh("ticketTitle") + ":  A002"))
        lobby.at("18:00")
        try expectRefused(lobby, ["checkin", "--json"], exit: 1, mentions: ["09:00"])
        #expect(try lobby.ticketCount() == 2)

        try expectRefused(lobby, ["status"], exit: 1, mentions: ["checkinHours"],
                          env: ["LOBBY_DB": lobby.dir.appendingPathComponent("other.sqlite").path,
                                "LOBBY_SITE": try badHoursSite(lobby)], sameDump: false)
    }

    private func badHoursSite(_ lobby: Lobby) throws -> String {
        let url = lobby.dir.appendingPathComponent("bad-hours.json")
        try Data(#"{"checkinHours": {"start": "18:00", "end": "09:00"}}"#.utf8).write(to: url)
        return url.path
    }
}
