// Refusals: each bad input gets its exit code (interface.md "Exit codes"), a stderr message that
// names the field or rule, and leaves the database exactly as it was.
import Foundation
import Testing

@Suite("Bad input")
struct BadInputTests {
    /// Boss, Wang (PIN 640512), Li, Zhao, Chen on today's roster.
    private func team() throws -> Lobby {
        let lobby = try Lobby()
        try lobby.bootstrap(pins: ["Wang": "640512"])
        lobby.at("10:01")
        return lobby
    }

    @Test("unknown rep → 4")
    func unknownRep() throws {
        let lobby = try team()
        try expectRefused(lobby, ["away", "Nobody", "--reason", "business"], exit: 4, mentions: ["Nobody"])
        try expectRefused(lobby, ["checkin", "--rep", "Nobody", "--json"], exit: 4, mentions: ["Nobody"])
    }

    @Test("unknown ticket → 4")
    func unknownTicket() throws {
        let lobby = try team()
        _ = try lobby.checkin()
        try expectRefused(lobby, ["finish", "A999"], exit: 4, mentions: ["A999"])
        try expectRefused(lobby, ["call", "A999"], exit: 4, mentions: ["A999"])
    }

    @Test("finishing twice → 1")
    func finishTwice() throws {
        let lobby = try team()
        _ = try lobby.checkin()
        _ = try lobby.call()
        lobby.at("10:20")
        try lobby.ok(["finish", "A001"])
        lobby.at("10:21")
        try expectRefused(lobby, ["finish", "A001"], exit: 1, mentions: ["A001"])
    }

    @Test("finishing a ticket that was never called → 1")
    func finishWaiting() throws {
        let lobby = try team()
        _ = try lobby.checkin()
        try expectRefused(lobby, ["finish", "A001"], exit: 1, mentions: ["A001"])
    }

    @Test("calling with nobody waiting → 4")
    func callNobodyWaiting() throws {
        let lobby = try team()
        try expectRefused(lobby, ["call"], exit: 4, mentions: ["wait", "ticket", "queue", "nobody", "no one"])
        // Everyone called and finished: still nobody waiting.
        _ = try lobby.checkin()
        _ = try lobby.call()
        try expectRefused(lobby, ["call", "--json"], exit: 4, mentions: ["wait", "ticket", "queue", "nobody", "no one"])
    }

    @Test("calling when no rep can take the visitor now → 1 (R8)")
    func callNoRepReady() throws {
        let lobby = try Lobby()
        try lobby.bootstrap(reps: ["Wang"])
        lobby.at("10:01")
        try lobby.ok(["away", "Wang", "--reason", "business"])
        _ = try lobby.checkin()
        try expectRefused(lobby, ["call"], exit: 1, mentions: ["R8", "R19", "ready", "rep", "Wang"])
        #expect(try lobby.status().waitingTickets == ["A001"], "R8: the ticket waits")
    }

    @Test("roster naming an unknown rep → 4, a duplicated rep → 1")
    func rosterUnknownOrDuplicate() throws {
        let lobby = try team()
        try expectRefused(lobby, ["roster", "Wang", "Nobody", "Li"], exit: 4, mentions: ["Nobody"])
        try expectRefused(lobby, ["roster", "Wang", "Li", "Wang"], exit: 1, mentions: ["Wang", "duplicate"])
        #expect(try lobby.status().order == ["Wang", "Li", "Zhao", "Chen"])
    }

    @Test("R6: a rep may not reorder the rotation, even with their own PIN → 1")
    func repReordersRotation() throws {
        let lobby = try team()
        try expectRefused(lobby, ["roster", "Li", "Wang", "Zhao", "Chen"], exit: 1,
                          mentions: ["R6", "supervisor"], env: ["LOBBY_ACTOR": "Wang", "LOBBY_PIN": "640512"], recorded: true)
        try expectRefused(lobby, ["makeup", "Wang", "--place", "1"], exit: 1,
                          mentions: ["R6", "supervisor"], env: ["LOBBY_ACTOR": "Wang", "LOBBY_PIN": "640512"], recorded: true)
        try expectRefused(lobby, ["event", "on", "--why", "expo"], exit: 1,
                          mentions: ["R6", "R7", "supervisor"], env: ["LOBBY_ACTOR": "Wang", "LOBBY_PIN": "640512"], recorded: true)
        #expect(try lobby.status().order == ["Wang", "Li", "Zhao", "Chen"])
    }

    @Test("wrong supervisor PIN on roster → 1, nothing reordered")
    func rosterWrongPin() throws {
        let lobby = try team()
        let staffBefore = try lobby.staff()
        let orderBefore = try lobby.status().rotation
        // The failed attempt is recorded (design.md), so compare the state, not the dump.
        try expectRefused(lobby, ["roster", "Chen", "Zhao", "Li", "Wang"], exit: 1,
                          mentions: ["PIN", "R6", "supervisor"], env: ["LOBBY_PIN": "000000"], sameDump: false)
        try expectRefused(lobby, ["roster", "Chen", "Zhao", "Li", "Wang"], exit: 1,
                          mentions: ["PIN", "R6", "supervisor"], unset: ["LOBBY_PIN"], sameDump: false)
        #expect(try lobby.status().rotation == orderBefore)
        #expect(try lobby.staff() == staffBefore)
    }

    @Test("a database file that is not SQLite → 3, the file untouched")
    func notADatabase() throws {
        let lobby = try Lobby()
        var bytes = [UInt8](repeating: 0, count: 4096)
        var rng = SystemRandomNumberGenerator()
        for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255, using: &rng) }
        bytes[0] = 0x7f  // never the "SQLite format 3" header
        let original = Data(bytes)
        try original.write(to: URL(fileURLWithPath: lobby.db))

        for args in [["status"], ["status", "--json"], ["checkin", "--json"], ["rep", "list", "--json"]] {
            let r = lobby.run(args)
            #expect(r.status == 3, "\(r)")
            #expect(r.message.hasPrefix("lobby: "), "\(r)")
            let text = r.stderr.lowercased()
            #expect(text.contains("database") || text.contains(lobby.db.lowercased())
                    || text.contains("lobby.sqlite"), "the message names the database file\n\(r)")
            #expect(FileManager.default.contents(atPath: lobby.db) == original, "the file must be left as it was")
        }
        #expect(!FileManager.default.fileExists(atPath: lobby.db + "-wal") ||
                (FileManager.default.contents(atPath: lobby.db + "-wal")?.isEmpty ?? true),
                "nothing written beside a file that is not ours")
    }

    @Test("a typo in the subcommand → 2, suggesting the right one")
    func subcommandTypo() throws {
        let lobby = try team()
        try expectRefused(lobby, ["stauts"], exit: 2, mentions: ["status"])
    }

    @Test("an unknown option → 2")
    func unknownOption() throws {
        let lobby = try team()
        try expectRefused(lobby, ["status", "--frobnicate"], exit: 2, mentions: ["frobnicate"])
        try expectRefused(lobby, ["checkin", "--colour", "red", "--json"], exit: 2, mentions: ["colour"])
    }

    @Test("a bad --purpose value → 1 naming purpose")
    func badPurpose() throws {
        let lobby = try team()
        try expectRefused(lobby, ["checkin", "--purpose", "shopping", "--json"], exit: 1, mentions: ["purpose"])
        try expectRefused(lobby, ["away", "Wang", "--reason", "lunch"], exit: 1, mentions: ["reason"])
        #expect(try lobby.status().waiting.isEmpty)
    }

    @Test("help lists every command; help for one command")
    func help() throws {
        let lobby = try Lobby()
        let r = lobby.run(["--help"])
        #expect(r.status == 0, "\(r)")
        let listed = words(r.stdout)
        let commands = ["checkin", "call", "finish", "noshow", "away", "back", "assist", "transfer", "claim",
                        "makeup", "event", "followup", "status", "report", "roster", "rep", "replay", "feed",
                        "kiosk", "desk", "board"]
        let missing = commands.filter { !listed.contains($0) }
        #expect(missing.isEmpty, "lobby --help does not list \(missing)\n\(r)")

        for args in [["help", "call"], ["call", "--help"]] {
            let h = lobby.run(args)
            #expect(h.status == 0, "\(h)")
            #expect(words(h.stdout).contains("call"), "\(h)")
            #expect(h.stdout.contains("--json"), "the help of call describes its options\n\(h)")
        }
    }
}
