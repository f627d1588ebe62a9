import Foundation
import Testing

/// Runs a query with the sqlite3 CLI (as an outsider would) and returns its output, trimmed.
func query(_ lobby: Lobby, _ statement: String) throws -> String {
    try lobby.rows(statement).joined(separator: "\n")
}

/// A copy of the repository's site.json with extra settings.
func siteFile(_ lobby: Lobby, _ extra: [String: Any]) throws -> String {
    let base = Harness.repoRoot.appendingPathComponent("kiosk-assets/site.json")
    var settings = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: base)) as? [String: Any])
    settings.merge(extra) { _, new in new }
    let path = lobby.dir.appendingPathComponent("site-\(UUID().uuidString).json").path
    try JSONSerialization.data(withJSONObject: settings).write(to: URL(fileURLWithPath: path))
    return path
}

@Suite("The chain of events")
struct ChainTests {
    /// A morning: A001 called by Wang and finished, A002 waiting.
    func morning(_ lobby: Lobby) throws {
        try lobby.bootstrap()
        lobby.at("10:01")
        _ = try lobby.checkin()
        lobby.at("10:02")
        _ = try lobby.call()
        lobby.at("10:30")
        try lobby.ok(["finish", "A001"])
        lobby.at("10:31")
        _ = try lobby.checkin()
        let verified = lobby.run(["verify"])
        #expect(verified.status == 0)
        #expect(verified.stdout.contains(" in 1 day; the chain is whole"), "one day, said in the singular\n\(verified)")
        #expect(lobby.run(["replay"]).status == 0)
    }

    @Test("deleting a call and its finish, then any normal command: replay and verify fail at the gap, naming it")
    func deletedEvent() throws {
        let lobby = try Lobby()
        try morning(lobby)
        let call = try query(lobby, "SELECT seq FROM events WHERE kind = 'call'")
        let finish = try query(lobby, "SELECT seq FROM events WHERE kind = 'finish'")
        let after = try query(lobby, "SELECT min(seq) FROM events WHERE seq > \(finish)")
        #expect(try lobby.sql("DROP TRIGGER events_append_only_delete; DELETE FROM events WHERE kind IN ('call', 'finish')") == 0)
        lobby.at("10:40")
        _ = try lobby.checkin()  // a normal command rewrites the day's snapshot from what is left

        for command in [["replay"], ["verify"]] {
            let r = lobby.run(command)
            #expect(r.status == 1, "\(r)")
            #expect(r.stderr.contains("event seq \(after) (day 2026-11-23, checkin)"), "the event after the gap: \(r)")
            #expect(r.stderr.contains("seqs \(call)–\(finish) are gone"), "the missing events: \(r)")
        }
    }

    @Test("an altered event (a visitor made company staff, R27): replay and verify name it")
    func alteredEvent() throws {
        let lobby = try Lobby()
        try morning(lobby)
        let seq = try query(lobby, "SELECT seq FROM events WHERE kind = 'checkin' AND ticket = 'A001'")
        #expect(try lobby.sql("""
            DROP TRIGGER events_append_only_update; UPDATE events SET flags = 'staff' WHERE seq = \(seq)
            """) == 0)
        lobby.at("10:40")
        _ = try lobby.checkin()
        for command in [["replay"], ["verify"]] {
            let r = lobby.run(command)
            #expect(r.status == 1, "\(r)")
            #expect(r.stderr.contains("event seq \(seq) (day 2026-11-23, checkin)"), "\(r)")
            #expect(r.stderr.contains("does not match"), "\(r)")
        }
    }

    @Test("an inserted event (Chen sent away behind the record's back): replay and verify name it")
    func insertedEvent() throws {
        let lobby = try Lobby()
        try morning(lobby)
        let at = try query(lobby, "SELECT max(at) FROM events")
        #expect(try lobby.sql("""
            INSERT INTO events(day, at, actor, kind, rep, detail, flags) VALUES ('2026-11-23', \(at), 'Boss', 'away', 'Chen', 'business', '')
            """) == 0)
        let seq = try query(lobby, "SELECT max(seq) FROM events")
        lobby.at("10:40")
        _ = try lobby.checkin()
        for command in [["replay"], ["verify"]] {
            let r = lobby.run(command)
            #expect(r.status == 1, "\(r)")
            #expect(r.stderr.contains("event seq \(seq) (day 2026-11-23, away)"), "\(r)")
        }
    }

    @Test("a whole chain rewritten (a valid chain of another history) passes verify but not verify --heads")
    func rewrittenChain() throws {
        let real = try Lobby()
        let heads = real.dir.appendingPathComponent("heads.log").path
        real.site = try siteFile(real, ["chainHeadsFile": heads])
        try morning(real)
        real.date = "2026-11-24"
        real.at("09:30")
        _ = try real.checkin()  // the first write of the 24th publishes the 23rd's head
        let published = try String(contentsOfFile: heads, encoding: .utf8)
        let head = try query(real, "SELECT hash FROM events WHERE day = '2026-11-23' ORDER BY seq DESC LIMIT 1")
        #expect(head.count == 64)
        #expect(published.contains("lobby chain head site=demo day=2026-11-23"), "\(published)")
        #expect(published.contains("sha256=\(head)"), "\(published)")
        let ok = real.run(["verify", "--heads", heads])
        #expect(ok.status == 0, "\(ok)")
        #expect(ok.stdout.contains("1 published heads match"), "\(ok)")

        // The forger replays the same days with A001 as company staff, so Wang's reception
        // does not count (R27): every hash is valid, the record is not the one published.
        let forged = try Lobby()
        forged.site = try siteFile(forged, [:])
        try forged.bootstrap()
        forged.at("10:01")
        _ = try forged.checkin(["--staff", "yes"])
        forged.at("10:02")
        _ = try forged.call()
        forged.at("10:30")
        try forged.ok(["finish", "A001"])
        forged.at("10:31")
        _ = try forged.checkin()
        forged.date = "2026-11-24"
        forged.at("09:30")
        _ = try forged.checkin()
        #expect(forged.run(["verify"]).status == 0, "a rewritten chain is whole")
        let caught = forged.run(["verify", "--heads", heads])
        #expect(caught.status == 1, "\(caught)")
        #expect(caught.stderr.contains("head published for 2026-11-23"), "\(caught)")
    }

    @Test("lobby head prints a day's head and --publish appends it to chainHeadsFile")
    func headOnDemand() throws {
        let lobby = try Lobby()
        let heads = lobby.dir.appendingPathComponent("heads.log").path
        lobby.site = try siteFile(lobby, ["chainHeadsFile": heads])
        try morning(lobby)
        let printed = try lobby.ok(["head"]).stdout
        #expect(!FileManager.default.fileExists(atPath: heads), "printing publishes nothing")
        try lobby.ok(["head", "--publish"])
        let file = try String(contentsOfFile: heads, encoding: .utf8)
        #expect(file == printed, "the same line: \(file) / \(printed)")
        #expect(lobby.run(["verify", "--heads", heads]).status == 0)
    }

    @Test("erasing a person (retention forgets a consented visitor) keeps verify passing")
    func erasureKeepsTheChain() throws {
        let lobby = try Lobby()
        let heads = lobby.dir.appendingPathComponent("heads.log").path
        lobby.site = try siteFile(lobby, ["chainHeadsFile": heads])
        try lobby.bootstrap()
        lobby.at("10:01")
        _ = try lobby.checkin(["--consent", "yes", "--name", "Zhang San", "--phone", "13912345678"])
        lobby.at("10:02")
        _ = try lobby.call()
        lobby.at("10:40")
        try lobby.ok(["finish", "A001"])
        lobby.at("10:41")
        _ = try lobby.checkin(["--consent", "yes", "--phone", "13912345678"])  // back again: R25 sees the same person
        lobby.at("10:42")
        _ = try lobby.call()
        lobby.at("11:00")
        try lobby.ok(["finish", "A002"])  // nobody left waiting: the day's close changes no figure
        #expect(try query(lobby, "SELECT count(*) FROM events WHERE person = (SELECT person FROM customers)") == "2")
        #expect(try query(lobby, "SELECT count(*) FROM events WHERE person = (SELECT id FROM customers)") == "0",
                "events hold a random person id, not the customers row")
        let before = try lobby.ok(["report", "--json", "--date", "2026-11-23"]).stdout

        lobby.date = "2027-06-01"  // past consentRetentionDays (180)
        lobby.at("10:00")
        _ = try lobby.checkin()
        let dump = try lobby.dump()
        #expect(!dump.contains("13912345678") && !dump.contains("Zhang San"), "the person is forgotten")
        let verify = lobby.run(["verify", "--heads", heads])
        #expect(verify.status == 0, "\(verify)")
        #expect(lobby.run(["replay", "--date", "2026-11-23"]).status == 0)
        #expect(try lobby.ok(["report", "--json", "--date", "2026-11-23"]).stdout == before, "the day's figures stand")
    }
}

@Suite("Time runs forward in the record")
struct RecordTimeTests {
    @Test("a past day takes no more events once the next day has begun: exit 1, the day is closed")
    func pastDayClosed() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        lobby.at("10:01")
        _ = try lobby.checkin()
        lobby.date = "2026-11-24"
        lobby.at("09:00")
        _ = try lobby.checkin()
        lobby.date = "2026-11-23"
        lobby.at("17:00")
        try expectRefused(lobby, ["checkin"], exit: 1, mentions: ["2026-11-23 is closed"])
        try expectRefused(lobby, ["call"], exit: 1, mentions: ["2026-11-23 is closed"])
        #expect(lobby.run(["replay", "--date", "2026-11-23"]).status == 0)
    }

    @Test("a finish dated before its call is refused (the reception would end before it began)")
    func finishBeforeCall() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        lobby.at("10:01")
        _ = try lobby.checkin()
        lobby.at("10:05")
        _ = try lobby.call()
        lobby.at("10:03")
        try expectRefused(lobby, ["finish", "A001"], exit: 1, mentions: ["before its call"])
        lobby.at("10:06")
        try lobby.ok(["finish", "A001"])
    }

    /// The day of a site on the system clock, as its status says.
    func realDay(_ lobby: Lobby) throws -> String {
        let status = lobby.run(["status", "--json"], unset: ["LOBBY_NOW"])
        try #require(status.status == 0, "\(status)")
        return try #require(parseJSON(status.stdout)?.str("day"))
    }

    @Test("on the system clock, a step back of up to 120 s is dated at the last event; more is refused: fix the clock")
    func clockSteppedBack() throws {
        let lobby = try Lobby()
        try lobby.ok(["rep", "add", Lobby.supervisor, "--supervisor", "--pin"],
                     env: ["LOBBY_ACTOR": "frontdesk", "LOBBY_NEW_PIN": Lobby.supervisorPIN], unset: ["LOBBY_PIN", "LOBBY_NOW"])
        for rep in ["Wang", "Li"] { try #require(lobby.run(["rep", "add", rep], unset: ["LOBBY_NOW"]).status == 0) }
        try #require(lobby.run(["roster", "Wang", "Li"], unset: ["LOBBY_NOW"]).status == 0)
        let day = try realDay(lobby)
        // Another process's last event, a minute ahead of this clock (as an NTP step back leaves it).
        let ahead = Int(Date().timeIntervalSince1970) + 60
        #expect(try lobby.sql("INSERT INTO events(day, at, actor, kind, flags) VALUES ('\(day)', \(ahead), 'Boss', 'note:rep-pin', '')") == 0)
        let small = lobby.run(["checkin", "--json"], unset: ["LOBBY_NOW"])
        #expect(small.status == 0, "\(small)")
        #expect(try query(lobby, "SELECT at FROM events WHERE kind = 'checkin'") == String(ahead), "dated at the last event")

        let far = Int(Date().timeIntervalSince1970) + 3600
        #expect(try lobby.sql("INSERT INTO events(day, at, actor, kind, flags) VALUES ('\(day)', \(far), 'Boss', 'note:rep-pin', '')") == 0)
        let before = try lobby.dump()
        let large = lobby.run(["checkin", "--json"], unset: ["LOBBY_NOW"])
        #expect(large.status == 1, "\(large)")
        #expect(large.stderr.contains("fix the system clock"), "\(large)")
        #expect(try lobby.dump() == before, "nothing written")
    }
}
