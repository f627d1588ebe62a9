// The customer's rights (PIPL): `privacy export PHONE`, `privacy erase PHONE --why`, `privacy
// purge`, `privacy log` — a supervisor's, each in the access log; an erasure leaves no trace of
// the person in any table or in the file's bytes, and the counts of report, replay and verify.
import Foundation
import LobbyStore
import Testing

/// Everything the fixture stores about 李娜, and the words that must be gone after her erasure.
private enum Li {
    static let phone = "13911112222"
    static let name = "李娜"
    static let otherName = "李晓娜"  // typed at her second visit: waits in customer changes
    static let project = "江景三期"
    static let budget = "350万"
    static let source = "朋友介绍"
    static let note = "约周六看房"
    static let comment = "顾问很耐心"
    static let complaint = "停车位太少"
    static let resolution = "已安排专用车位"
    static let bookingNote = "带父母一起来"
    static let mention = "13911112222 来电说没人倒水"  // a complaint typed without her ticket or phone
    static var secrets: [String] {
        [phone, name, otherName, project, budget, source, note, comment, complaint, resolution, bookingNote, "没人倒水"]
    }
}

/// Another customer, who must keep everything.
private enum Wang {
    static let phone = "13822223333"
    static let name = "王强"
    static let note = "想看大户型"
}

@Suite("The customer's rights")
struct CustomerRightsTests {
    /// Boss (supervisor), Wang with a PIN, Li, Zhao, Chen on the roster; 李娜 visits twice (the
    /// second time with another name), has a follow-up, a comment, a resolved complaint, an
    /// appointment and a complaint that mentions her phone; 王强 is another customer; Boss looks
    /// at her record once.
    private func fixture() throws -> (lobby: Lobby, customer: String) {
        let lobby = try Lobby()
        try lobby.bootstrap(pins: ["Wang": "246810"])
        lobby.at("10:01")
        _ = try lobby.checkin(["--consent", "yes", "--name", Li.name, "--phone", Li.phone, "--party", "2",
                               "--project", Li.project, "--budget", Li.budget, "--source", Li.source])
        #expect(try lobby.call().str("rep") == "Wang")
        lobby.at("10:05")
        _ = try lobby.checkin(["--consent", "yes", "--name", Wang.name, "--phone", Wang.phone])
        #expect(try lobby.call().str("rep") == "Li")
        lobby.at("10:40")
        try lobby.ok(["finish", "A001"])
        try lobby.ok(["finish", "A002"])
        try lobby.ok(["followup", Li.phone, "--rep", "Wang", "--note", Li.note])
        try lobby.ok(["followup", Wang.phone, "--rep", "Li", "--note", Wang.note])
        try lobby.ok(["feedback", "A001", "--score", "4", "--comment", Li.comment])
        try lobby.ok(["feedback", "A002", "--score", "5"])
        lobby.at("10:50")
        try lobby.ok(["complaint", "add", "--phone", Li.phone, "--text", Li.complaint])
        lobby.at("11:20")
        try lobby.ok(["complaint", "resolve", "1", "--note", Li.resolution])
        try lobby.ok(["complaint", "add", "--text", Li.mention])
        lobby.at("14:00")
        let back = try lobby.checkin(["--consent", "yes", "--name", Li.otherName, "--phone", Li.phone])
        #expect(back.str("category") == "returning" && back.str("rep") == "Wang", "\(back)")
        #expect(try lobby.call().str("rep") == "Wang")
        lobby.at("14:30")
        try lobby.ok(["finish", "A003"])

        // An appointment, as the bookings table holds one (the note sealed like every free text).
        let customer = try #require(try lobby.rows("SELECT customer FROM tickets WHERE id = 'A001'").first)
        #expect(try customer == "1" && lobby.rows("SELECT customer FROM tickets WHERE id = 'A002'") == ["2"])
        let sealed = try lobby.key().seal(Li.bookingNote)
        let at = try lobby.epoch("2026-11-28", "10:00")
        let made = try lobby.epoch("2026-11-23", "14:30")
        #expect(try lobby.sql("""
            INSERT INTO bookings(code, customer, rep, at, party, note, status, made_at, made_by)
            VALUES ('BK7Q2', \(customer), 'Wang', \(at), 3, '\(sealed)', 'open', \(made), 'Boss')
            """) == 0)
        lobby.at("14:35")
        try lobby.ok(["customer", Li.phone, "--json"])
        return (lobby, customer)
    }

    @Test("export: every item stored about the person, as JSON, and the export in the access log")
    func export() throws {
        let (lobby, customer) = try fixture()
        lobby.at("15:00")
        let copy = try lobby.json(["privacy", "export", Li.phone])
        #expect(copy.int("customer") == Int(customer), "\(copy)")
        #expect(copy.str("name") == Li.name && copy.str("phone") == Li.phone, "\(copy)")
        #expect(copy.str("owner") == "Wang" && copy.str("ownershipLapses") == "2026-12-23", "30 days after 14:00: \(copy)")

        let visits = try #require(copy.arr("visits"), "\(copy)")
        #expect(visits.map { $0.str("ticket") ?? "?" } == ["A001", "A003"], "\(visits)")
        #expect(visits[0].str("name") == Li.name && visits[0].str("project") == Li.project && visits[0].str("budget") == Li.budget
                && visits[0].str("source") == Li.source && visits[0].int("party") == 2, "\(visits[0])")
        #expect(visits[1].str("name") == Li.otherName && visits[1].str("category") == "returning", "\(visits[1])")
        let receptions = try #require(copy.arr("receptions"))
        #expect(receptions.map { "\($0.str("ticket") ?? "?") \($0.str("rep") ?? "?") \($0.bool("counted") ?? false)" }
                == ["A001 Wang true", "A003 Wang false"], "R22: the returning visit does not count\n\(receptions)")
        let followups = try #require(copy.arr("followups"))
        #expect(followups.map { $0.str("note") ?? "?" } == [Li.note] && followups.first?.str("rep") == "Wang", "\(followups)")
        let changes = try #require(copy.arr("changes"))
        #expect(changes.map { "\($0.str("field") ?? "?")=\($0.str("value") ?? "?")" } == ["name=\(Li.otherName)"], "\(changes)")
        let bookings = try #require(copy.arr("bookings"))
        #expect(bookings.count == 1 && bookings.first?.str("code") == "BK7Q2" && bookings.first?.str("note") == Li.bookingNote
                && bookings.first?.int("party") == 3 && bookings.first?.str("status") == "open", "\(bookings)")
        let feedback = try #require(copy.arr("feedback"))
        #expect(feedback.count == 1 && feedback.first?.int("score") == 4 && feedback.first?.str("comment") == Li.comment, "\(feedback)")
        let complaints = try #require(copy.arr("complaints"))
        #expect(complaints.count == 1 && complaints.first?.str("text") == Li.complaint
                && complaints.first?.str("resolution") == Li.resolution && complaints.first?.str("resolvedBy") == "Boss", "\(complaints)")
        let mentions = try #require(copy.arr("mentions"))
        #expect(mentions.contains { $0.str("table") == "complaints" && $0.str("text") == Li.mention }, "the complaint typed about her phone\n\(mentions)")
        #expect(!mentions.contains { ($0.str("text") ?? "").contains(Wang.name) || ($0.str("text") ?? "") == Wang.note }, "\(mentions)")

        // Her own access log: Boss's view of her record, then this export.
        let log = try #require(copy.arr("accessLog"))
        #expect(log.map { "\($0.str("actor") ?? "?") \($0.str("action") ?? "?")" } == ["Boss view", "Boss export"], "\(log)")
        #expect(log.last?.str("at") == "2026-11-23T15:00:00+08:00", "\(log)")
        // Nothing of 王强's in her copy.
        let text = try lobby.ok(["privacy", "export", Li.phone]).stdout
        for word in [Wang.phone, Wang.name, Wang.note] { #expect(!text.contains(word), "\(word) is not hers") }
        #expect(try lobby.rows("SELECT actor, action, customer, what FROM access_log WHERE action = 'export'")
                == ["Boss|export|\(customer)|customer \(customer)", "Boss|export|\(customer)|customer \(customer)"])
    }

    @Test("erase: no trace of the name or phone in any column of any table or in the file's bytes; counts, replay and verify unchanged")
    func erase() throws {
        let (lobby, customer) = try fixture()
        let before = try Self.counts(lobby.json(["report", "--json"]))
        let replay = try lobby.ok(["replay", "--date", "2026-11-23"]).stdout
        let verify = try lobby.ok(["verify"]).stdout
        let events = try lobby.rows("SELECT * FROM events ORDER BY seq")
        let macs = try lobby.rows("SELECT phone_mac FROM customers")
        #expect(macs.contains(try lobby.key().mac(Li.phone)), "her phone is found by its keyed hash")
        let dumpBefore = try lobby.unsealed(lobby.dump())
        for word in Li.secrets { #expect(dumpBefore.contains(word), "the fixture stores \(word)") }

        lobby.at("15:00")
        let done = try lobby.ok(["privacy", "erase", Li.phone, "--why", "客户本人书面要求删除"])
        #expect(done.stdout.contains("Customer \(customer)'s personal data is erased"), "\(done)")
        for word in Li.secrets { #expect(!done.stdout.contains(word), "the confirmation names no one: \(word)") }

        // Every column of every table, sealed values opened with the site's key.
        let dump = try lobby.unsealed(lobby.dump())
        for word in Li.secrets { #expect(!dump.contains(word), "\(word) is still in the database\n\(dump)") }
        #expect(!dump.contains(try lobby.key().mac(Li.phone)), "her phone's keyed hash is gone too")
        // The raw file and its WAL: no clear text, no sealed value left to open.
        let raw = lobby.rawBytes()
        for word in Li.secrets { #expect(raw.range(of: Data(word.utf8)) == nil, "\(word) is in the database file's bytes") }
        // 王强 keeps everything.
        for word in [Wang.phone, Wang.name, Wang.note] { #expect(dump.contains(word), "\(word) belongs to another customer") }
        #expect(try lobby.customerCount() == 1)

        // The chained record is untouched; the counts stand.
        #expect(try lobby.rows("SELECT * FROM events ORDER BY seq") == events, "erasure never touches the events")
        #expect(try Self.counts(lobby.json(["report", "--json"])) == before, "the report's counts are the same")
        #expect(try lobby.ok(["replay", "--date", "2026-11-23"]).stdout == replay)
        #expect(try lobby.ok(["verify"]).stdout == verify)
        #expect(try lobby.rows("SELECT ticket, score, coalesce(comment, 'NULL') FROM feedback ORDER BY ticket") == ["A001|4|NULL", "A002|5|NULL"])
        #expect(try lobby.rows("SELECT id, coalesce(customer, 'NULL'), text, coalesce(resolution, 'NULL') FROM complaints ORDER BY id")
                == ["1|NULL||NULL", "2|NULL||NULL"], "her complaint and the one about her, texts gone, times kept")
        #expect(try lobby.rows("SELECT code, coalesce(customer, 'NULL'), coalesce(note, 'NULL'), party, status FROM bookings")
                == ["BK7Q2|NULL|NULL|3|open"], "the appointment stays, anonymous")
        #expect(try lobby.rows("SELECT id, coalesce(customer, 'NULL') FROM tickets ORDER BY seq") == ["A001|NULL", "A002|2", "A003|NULL"])
        #expect(try lobby.rows("SELECT count(*) FROM tickets WHERE coalesce(name, project, budget, source) IS NOT NULL AND id <> 'A002'")
                == ["0"], "her tickets keep no name or answer")

        // She is not known any more; the log keeps who did what, naming no one.
        try expectRefused(lobby, ["privacy", "export", Li.phone], exit: 4, mentions: ["no customer has that phone number"], sameDump: false)
        let again = lobby.run(["customer", Li.phone])
        #expect(again.status == 4, "\(again)")
        let log = try #require(try lobby.json(["privacy", "log", "--json"]).arr("entries"))
        #expect(log.map { "\($0.str("actor") ?? "?") \($0.str("action") ?? "?") \($0.int("customer").map(String.init) ?? "-")" }
                == ["Boss view \(customer)", "Boss erase \(customer)"], "\(log)")
        #expect(log.last?.str("why") == "客户本人书面要求删除" && log.last?.str("at") == "2026-11-23T15:00:00+08:00", "\(log)")
        let erased = try #require(log.last?.str("what"))
        #expect(erased == "customer \(customer): customers 1, tickets 2, followups 1, changes 1, comments 1, complaints 2, bookings 1",
                "two tickets, her complaint and the one that named her phone\n\(erased)")

        // A new customer never gets an erased one's number, so the log's entries about them stay theirs.
        lobby.at("15:10")
        try lobby.ok(["privacy", "erase", Wang.phone, "--why", "客户要求"])
        #expect(try lobby.customerCount() == 0)
        _ = try lobby.checkin(["--consent", "yes", "--name", "赵敏", "--phone", "13733334444"])
        #expect(try lobby.rows("SELECT id FROM customers") == ["3"], "not 2, the number of the customer just erased")
        #expect(try lobby.json(["privacy", "export", "13733334444"]).arr("accessLog")?.map { $0.str("action") ?? "?" } == ["export"],
                "the new customer's log is their own")
    }

    @Test("a rep (not a supervisor) is refused export, erase, purge and log: exit 1, in the security log, nothing else changed")
    func repRefused() throws {
        let (lobby, _) = try fixture()
        let rep = ["LOBBY_ACTOR": "Wang", "LOBBY_PIN": "246810"]
        for args in [["privacy", "export", Li.phone], ["privacy", "erase", Li.phone, "--why", "asked"], ["privacy", "purge"],
                     ["privacy", "log"]] {
            try expectRefused(lobby, args, exit: 1, mentions: ["supervisor"], env: rep, recorded: true)
        }
        #expect(try lobby.rows("SELECT actor, action, outcome FROM security_log ORDER BY id")
                == ["privacy export", "privacy erase", "privacy purge", "privacy log"].map { "Wang|\($0)|not a supervisor" })
        // A wrong supervisor PIN is refused as well (and counted toward the lockout).
        try expectRefused(lobby, ["privacy", "erase", Li.phone, "--why", "asked"], exit: 1, mentions: ["PIN"],
                          env: ["LOBBY_PIN": "000000"], sameDump: false)
        #expect(try lobby.json(["privacy", "export", Li.phone]).str("name") == Li.name, "still all there")
    }

    @Test("purge erases exactly those not seen for consentRetentionDays; retention's own erasures are in the log too")
    func purge() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        lobby.at("10:01")
        _ = try lobby.checkin(["--consent", "yes", "--name", Li.name, "--phone", Li.phone, "--source", Li.source])
        lobby.at("10:03")
        _ = try lobby.checkin(["--consent", "yes", "--name", Wang.name, "--phone", Wang.phone])
        lobby.at("10:04")
        try lobby.ok(["feedback", "A001", "--score", "3", "--comment", Li.comment])

        // 180 days (consentRetentionDays) and one minute after 李娜's visit, one minute less after 王强's.
        lobby.date = "2027-05-22"
        lobby.at("10:02")
        let purged = try lobby.ok(["privacy", "purge"])
        #expect(purged.stdout.contains("180 days") && purged.stdout.contains("customers 1,"), "\(purged)")
        try expectRefused(lobby, ["privacy", "export", Li.phone], exit: 4, mentions: ["no customer"], sameDump: false)
        #expect(try lobby.json(["privacy", "export", Wang.phone]).str("name") == Wang.name, "not yet 180 days")
        let dump = try lobby.unsealed(lobby.dump())
        for word in [Li.phone, Li.name, Li.source, Li.comment] { #expect(!dump.contains(word), "\(word) outlived its retention") }
        #expect(try lobby.rows("SELECT score, coalesce(comment, 'NULL') FROM feedback") == ["3|NULL"])

        // The next day's first write forgets 王强 by itself, and says so in the log.
        lobby.date = "2027-05-23"
        lobby.at("09:30")
        _ = try lobby.checkin()
        let log = try #require(try lobby.json(["privacy", "log", "--json"]).arr("entries"))
        #expect(log.map { "\($0.str("actor") ?? "?") \($0.str("action") ?? "?")" }
                == ["Boss purge", "Boss export", "retention purge"], "\(log)")
        #expect(log[0].str("what")?.hasPrefix("customers 1, tickets 1,") == true && log[0].isNull("customer"), "\(log[0])")
        #expect(log[0].str("why") == "consentRetentionDays 180: older than 2026-11-23T10:02:00+08:00", "\(log[0])")
        #expect(log[2].str("what")?.hasPrefix("customers 1,") == true, "\(log[2])")
        #expect(log[2].str("why") == "consentRetentionDays 180, first write of 2027-05-23", "\(log[2])")
        #expect(try lobby.customerCount() == 0)

        // A purge with nothing left to erase is recorded all the same.
        lobby.at("09:31")
        #expect(try lobby.ok(["privacy", "purge"]).stdout.contains("customers 0,"))
        let text = try lobby.ok(["privacy", "log"]).stdout
        #expect(text.split(separator: "\n").count == 4, "\(text)")
    }

    @Test("without the key, export and erase refuse (exit 5, naming the key file); purge and retention still erase by age")
    func keyMissing() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        lobby.at("10:01")
        _ = try lobby.checkin(["--consent", "yes", "--name", Li.name, "--phone", Li.phone])
        let keyFile = lobby.db + ".key"
        try FileManager.default.moveItem(atPath: keyFile, toPath: keyFile + ".away")
        for args in [["privacy", "export", Li.phone], ["privacy", "erase", Li.phone, "--why", "asked"]] {
            try expectRefused(lobby, args, exit: 5, mentions: [keyFile], sameDump: false)
        }
        lobby.date = "2027-05-22"
        lobby.at("10:02")
        try lobby.ok(["privacy", "purge"])
        #expect(try lobby.customerCount() == 0, "purge needs no key")
        try FileManager.default.moveItem(atPath: keyFile + ".away", toPath: keyFile)
        #expect(try lobby.rows("SELECT count(*) FROM tickets WHERE name IS NOT NULL") == ["0"])
        try expectRefused(lobby, ["privacy", "export", Li.phone], exit: 4, mentions: ["no customer"], sameDump: false)
    }

    @Test("bad input: a malformed phone is refused naming the field (1), a malformed command line is a usage error (2), an unknown phone is not found (4) and not repeated")
    func badInput() throws {
        let (lobby, _) = try fixture()
        try expectRefused(lobby, ["privacy", "export", "12345"], exit: 1, mentions: ["phone"])
        try expectRefused(lobby, ["privacy", "erase", "1391111222x", "--why", "asked"], exit: 1, mentions: ["phone"])
        try expectRefused(lobby, ["privacy", "erase", Li.phone, "--why", "   "], exit: 1, mentions: ["why"])
        try expectRefused(lobby, ["privacy", "erase", Li.phone], exit: 2, says: "lobby: privacy: --why TEXT is required")
        try expectRefused(lobby, ["privacy", "export"], exit: 2, says: "lobby: privacy: missing PHONE")
        try expectRefused(lobby, ["privacy"], exit: 2, says: "lobby: privacy: missing export|erase|purge|log")
        try expectRefused(lobby, ["privacy", "forget", Li.phone], exit: 2, mentions: ["export|erase|purge|log"])
        try expectRefused(lobby, ["privacy", "purge", "--why", "x"], exit: 2, mentions: ["--why goes with"])
        try expectRefused(lobby, ["privacy", "log", Li.phone], exit: 2, mentions: ["unexpected argument"])
        let unknown = try expectRefused(lobby, ["privacy", "erase", "13900009999", "--why", "asked"], exit: 4,
                                        says: "lobby: privacy erase: no customer has that phone number; nothing is kept about it")
        #expect(!unknown.stderr.contains("13900009999"), "a phone is never repeated in a message")
        try expectRefused(lobby, ["privacy", "export", "13900009999"], exit: 4,
                          says: "lobby: privacy export: no customer has that phone number; nothing is kept about it")
        // The phone as people type it: spaces, dashes, +86.
        #expect(try lobby.json(["privacy", "export", "+86 139-1111-2222"]).str("phone") == Li.phone)
    }

    /// The report's counts: visitors, receptions per rep, waits, satisfaction, complaints,
    /// appointments, consent. Not the comments themselves, nor the breakdowns made of the
    /// visitors' own words (by source, by budget, completeness), which an erasure takes away.
    static func counts(_ report: [String: Any]) -> NSDictionary {
        var kept = report
        for key in ["registration", "flow", "satisfaction", "days", "generatedAt"] { kept.removeValue(forKey: key) }
        var flow = report.obj("flow") ?? [:]
        flow.removeValue(forKey: "bySource")
        flow.removeValue(forKey: "budgets")
        kept["flow"] = flow
        var satisfaction = report.obj("satisfaction") ?? [:]
        satisfaction.removeValue(forKey: "comments")
        kept["satisfaction"] = satisfaction
        kept["consenting"] = report.obj("registration")?["consenting"]
        return kept as NSDictionary
    }
}
