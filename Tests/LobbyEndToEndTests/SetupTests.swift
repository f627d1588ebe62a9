// Setting up a site, its settings, staff tools, undo and backups (through the executable).
import Foundation
import Testing

@Suite("Site set-up, settings, staff tools, undo, backup and restore")
struct SetupTests {
    private func file(_ lobby: Lobby, _ name: String, _ text: String) throws -> String {
        let url = lobby.dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test("init refuses an unknown key, naming it, and creates nothing")
    func initRefusesUnknownKeys() throws {
        let lobby = try Lobby()
        lobby.autoInit = false
        for (text, key) in [(#"{"checkInHours": {"start": "09:00", "end": "18:00"}}"#, "checkInHours"),
                            (#"{"printr": {"width": 80}}"#, "printr"),
                            (#"{"pinLockout": {"attempt": 3}}"#, "pinLockout.attempt")] {
            let r = lobby.run(["init"], env: ["LOBBY_SITE": try file(lobby, "bad.json", text)])
            #expect(r.status == 1 && r.stderr.contains("unknown key \"\(key)\""), "\(r)")
            #expect(!FileManager.default.fileExists(atPath: lobby.db), "a refused init creates nothing")
        }
        let neutral = lobby.run(["init"], unset: ["LOBBY_SITE"])
        #expect(neutral.status == 0 && neutral.stdout.contains("neutral defaults"), "\(neutral)")
        let shown = try lobby.ok(["site", "show", "--json"])
        #expect(!shown.stdout.contains("滨江") && !shown.stdout.contains("demo"), "never the demo site: \(shown)")
        let again = lobby.run(["init"])
        #expect(again.status == 1 && again.stderr.contains("exists already"), "\(again)")
    }

    @Test("commands on a missing database exit 3 naming the path and lobby init, and create nothing")
    func missingDatabase() throws {
        let lobby = try Lobby()
        lobby.autoInit = false
        let typo = lobby.dir.appendingPathComponent("typo.sqlite").path
        for args in [["status"], ["checkin", "--json"], ["feed", "--db", typo], ["rep", "list"], ["backup", typo + ".bak"]] {
            let r = lobby.run(args)
            #expect(r.status == 3, "\(r)")
            #expect(r.stderr.contains("lobby init"), "\(r)")
            #expect(r.stderr.contains(args.contains(typo) ? typo : lobby.db), "names the path: \(r)")
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: lobby.dir.path).filter { !$0.hasPrefix(".") }
        #expect(left.isEmpty, "nothing was created: \(left)")
        let site = lobby.run(["status", "--site", "x.json"])
        #expect(site.status == 2 && site.stderr.contains("lobby site apply"), "\(site)")
    }

    @Test("site apply changes the next ticket's prefix, is recorded with who, and refuses a misspelled key")
    func siteApply() throws {
        let lobby = try Lobby()
        try lobby.bootstrap(reps: ["Wang"])
        #expect(try lobby.checkin().str("ticket") == "A001")
        let original = try String(contentsOfFile: try #require(lobby.site), encoding: .utf8)
        let misspelled = try file(lobby, "typo.json", original.replacingOccurrences(of: "\"ticketPrefix\": \"A\"", with: "\"ticketprefix\": \"B\""))
        try expectRefused(lobby, ["site", "apply", misspelled], exit: 1, mentions: ["unknown key \"ticketprefix\""])
        #expect(try lobby.checkin().str("ticket") == "A002")

        let changed = try file(lobby, "b.json", original.replacingOccurrences(of: "\"ticketPrefix\": \"A\"", with: "\"ticketPrefix\": \"B\""))
        try expectRefused(lobby, ["site", "apply", changed], exit: 1, mentions: ["supervisor"], env: ["LOBBY_ACTOR": "Wang"],
                          sameDump: false)
        try lobby.ok(["site", "apply", changed, "--why", "second entrance"])
        #expect(try lobby.checkin().str("ticket") == "B003")
        #expect(try lobby.rows("SELECT actor, why FROM events WHERE kind = 'note:site-apply'") == ["Boss|second entrance"])
        #expect(try lobby.ok(["site", "show", "--json"]).stdout.contains("\"ticketPrefix\": \"B\""))
        #expect(try lobby.ok(["site", "show"]).stdout.contains("by Boss"))
    }

    @Test("undo of a finish restores the rotation and the tallies; the report shows the correction")
    func undoFinish() throws {
        let lobby = try Lobby()
        try lobby.bootstrap(reps: ["Wang", "Li", "Zhao"])
        _ = try lobby.checkin()
        #expect(try lobby.call().str("rep") == "Wang")
        let before = try lobby.status()
        let reportBefore = try lobby.json(["report", "--json"])
        lobby.at("10:30")
        try lobby.ok(["finish", "A001"])
        #expect(try lobby.status().order == ["Li", "Zhao", "Wang"], "a counted finish sends Wang to the tail (R2)")
        _ = try lobby.checkin()  // a visitor after the mistake: stands
        try expectRefused(lobby, ["undo"], exit: 1, mentions: ["supervisor"], env: ["LOBBY_ACTOR": "Li"], sameDump: false)
        let undone = try lobby.ok(["undo", "--why", "finished the wrong ticket"])
        #expect(undone.stdout.contains("finish A001"), "\(undone)")
        let after = try lobby.status()
        #expect(after.order == before.order && after.servingByTicket == ["A001": "Wang"], "\(after.raw)")
        #expect(after.waitingTickets == ["A002"])
        let report = try lobby.json(["report", "--json"])
        #expect(report.arr("reps")?.map { "\($0.str("rep") ?? ""):\($0.int("counted") ?? -1)" }
                == reportBefore.arr("reps")?.map { "\($0.str("rep") ?? ""):\($0.int("counted") ?? -1)" })
        let correction = try #require(report.arr("corrections")?.first, "\(report)")
        #expect(correction.str("by") == "Boss" && correction.str("why") == "finished the wrong ticket"
                && correction.str("undid")?.contains("finish A001") == true, "\(correction)")
        #expect(try lobby.rows("SELECT count(*) FROM events WHERE kind = 'finish'") == ["1"], "nothing deleted")
        #expect(try lobby.ok(["replay", "--date", lobby.date]).stdout.contains("match"))
        lobby.at("10:40")
        try lobby.ok(["finish", "A001"])
        #expect(try lobby.status().order == ["Li", "Zhao", "Wang"])
    }

    @Test("tickets still waiting when the day ends are closed as not received, reported and never counted")
    func unreceivedAtDayEnd() throws {
        let lobby = try Lobby()
        try lobby.bootstrap(reps: ["Wang"])
        _ = try lobby.checkin()
        _ = try lobby.checkin()
        _ = try lobby.call()
        lobby.date = "2026-11-24"
        _ = try lobby.checkin()  // the first write of the next day closes the last
        let report = try lobby.json(["report", "--json", "--date", "2026-11-23"])
        #expect(report["notReceived"] as? [String] == ["A002"], "\(report)")
        #expect(report.int("stillWaiting") == 0 && report.int("visitors") == 2, "\(report)")
        let text = try lobby.ok(["report", "--date", "2026-11-23", "--lang", "en"])
        #expect(text.stdout.contains("not received") && text.stdout.contains("A002"), "\(text)")
        let zh = try lobby.ok(["report", "--date", "2026-11-23"])
        #expect(zh.stdout.contains("未接待（当日结束时仍在等待，不计数）：A002"), "\(zh)")
        #expect(try lobby.rows("SELECT day, actor FROM events WHERE kind = 'close'") == ["2026-11-23|lobby"])
    }

    @Test("rep deactivate, reactivate, rename and role: supervisor actions, recorded, history keeps the old name")
    func staffTools() throws {
        let lobby = try Lobby()
        try lobby.bootstrap(reps: ["Wang", "Li"], pins: ["Li": "246802"])
        _ = try lobby.checkin()
        _ = try lobby.call()  // A001 → Wang
        try expectRefused(lobby, ["rep", "rename", "Wang", "王芳"], exit: 1, mentions: ["supervisor"],
                          env: ["LOBBY_ACTOR": "Li", "LOBBY_PIN": "246802"], recorded: true)
        try lobby.ok(["rep", "rename", "Wang", "王芳"])
        let st = try lobby.status()
        #expect(st.servingByTicket == ["A001": "王芳"], "today goes on under the new name: \(st.raw)")
        #expect(try lobby.rows("SELECT outcome FROM events WHERE kind = 'call'") == ["A001 Wang rotation"], "the earlier event keeps the old name")
        #expect(try lobby.rows("SELECT rep, detail, actor FROM events WHERE kind = 'rename'") == ["Wang|王芳|Boss"])
        let listed = try lobby.json(["rep", "list", "--json"]).arr("reps") ?? []
        #expect(listed.first { $0.str("rep") == "王芳" }?["formerNames"] as? [String] == ["Wang"], "\(listed)")
        lobby.at("10:20")
        try lobby.ok(["finish", "A001"])
        #expect(try lobby.json(["report", "--json"]).arr("reps")?.first { $0.str("rep") == "王芳" }?.int("counted") == 1)

        try lobby.ok(["rep", "deactivate", "Li"])
        #expect(try lobby.status().order == ["王芳"], "off today's table")
        try expectRefused(lobby, ["call"], exit: 1, mentions: ["deactivated"], env: ["LOBBY_ACTOR": "Li", "LOBBY_PIN": "246802"],
                          sameDump: false)
        try expectRefused(lobby, ["roster", "王芳", "Li"], exit: 1, mentions: ["deactivated"])
        try lobby.ok(["rep", "reactivate", "Li"])
        try lobby.ok(["roster", "--carry", "王芳", "Li"])

        try expectRefused(lobby, ["rep", "role", "Boss", "rep"], exit: 1, mentions: ["last active supervisor"])
        try expectRefused(lobby, ["rep", "deactivate", "Boss"], exit: 1, mentions: ["last active supervisor"])
        try expectRefused(lobby, ["rep", "role", "Li", "receptionist"], exit: 1, mentions: ["on today's table"])
        try lobby.ok(["rep", "role", "Li", "supervisor"])
        #expect(try lobby.json(["rep", "list", "--json"]).arr("reps")?.first { $0.str("rep") == "Li" }?.str("role") == "supervisor")
        try lobby.ok(["makeup", "Li"], env: ["LOBBY_ACTOR": "Li", "LOBBY_PIN": "246802"])
        #expect(try lobby.rows("SELECT kind, actor, rep FROM events WHERE kind LIKE 'note:rep-%' OR kind = 'rename' ORDER BY seq").suffix(4)
                == ["rename|Boss|Wang", "note:rep-deactivate|Boss|Li", "note:rep-reactivate|Boss|Li", "note:rep-role|Boss|Li"])
    }

    @Test("ticket --test --printer prints a test slip and records nothing")
    func printerTestSlip() throws {
        let lobby = try Lobby()
        try lobby.bootstrap(reps: ["Wang"])
        // A character device standing in for /dev/usb/lp0: lobby writes only to one.
        let printer = try FakePrinter()
        let device = printer.path
        let before = try lobby.dump()
        let r = try lobby.ok(["ticket", "--test", "--printer", device])
        #expect(r.stdout.contains(device), "\(r)")
        let bytes = printer.bytes()
        #expect(bytes.starts(with: [0x1B, 0x40]), "ESC @ first")
        #expect(Data(bytes).range(of: Data("TEST".utf8)) != nil && Data(bytes).range(of: Data([0x1D, 0x56])) != nil, "the number and a cut")
        #expect(try lobby.dump() == before)
        let usage = lobby.run(["ticket", "--test"])
        #expect(usage.status == 2 && usage.stderr.contains("--printer"), "\(usage)")
    }

    @Test("backup during 4 concurrent check-in loops: integrity_check passes, every ticket issued before it is in it, 0600, never overwrites")
    func backupWhileKiosksWrite() throws {
        let lobby = try Lobby()
        try lobby.bootstrap(reps: ["Wang"])
        let loops = Loops(lobby)
        let group = DispatchGroup()
        for _ in 0..<4 {
            DispatchQueue.global().async(group: group) { loops.run() }
        }
        while loops.issued.count < 12 { Thread.sleep(forTimeInterval: 0.05) }
        let started = Date()
        let before = Set(loops.issued.filter { $0.at < started }.map(\.ticket))
        let backup = lobby.dir.appendingPathComponent("backup.sqlite").path
        let r = lobby.run(["backup", backup])
        Thread.sleep(forTimeInterval: 0.5)
        loops.stop()
        group.wait()
        #expect(r.status == 0, "\(r)")
        #expect(loops.issued.contains { $0.at > started }, "the kiosks went on writing meanwhile")
        let copy = try Lobby()
        copy.autoInit = false
        try? FileManager.default.removeItem(atPath: copy.db)
        try FileManager.default.copyItem(atPath: backup, toPath: copy.db)
        #expect(try copy.rows("PRAGMA integrity_check") == ["ok"])
        let held = Set(try copy.rows("SELECT id FROM tickets"))
        #expect(before.isSubset(of: held), "missing: \(before.subtracting(held))")
        let mode = try FileManager.default.attributesOfItem(atPath: backup)[.posixPermissions] as? Int
        #expect(mode == 0o600, "owner-only: \(String(mode ?? 0, radix: 8))")
        let again = lobby.run(["backup", backup])
        #expect(again.status == 1 && again.stderr.contains("exists already"), "\(again)")
    }

    @Test("restore refuses a damaged file and another site's, keeps the replaced database, and brings the backup back")
    func restore() throws {
        let lobby = try Lobby()
        try lobby.bootstrap(reps: ["Wang"])
        _ = try lobby.checkin()
        let backup = lobby.dir.appendingPathComponent("backup.sqlite").path
        try lobby.ok(["backup", backup])
        _ = try lobby.checkin()

        var bytes = try Data(contentsOf: URL(fileURLWithPath: backup))
        for i in stride(from: 4096 + 100, to: min(bytes.count, 4096 * 6), by: 7) { bytes[i] = 0xA5 }
        let damaged = lobby.dir.appendingPathComponent("damaged.sqlite")
        try bytes.write(to: damaged)
        try expectRefused(lobby, ["restore", damaged.path], exit: 1, mentions: ["integrity", "damaged", "not a database"])

        let other = try Lobby()
        try other.bootstrap(reps: ["Wang"])
        let foreign = other.dir.appendingPathComponent("other.sqlite").path
        try other.ok(["backup", foreign])
        try expectRefused(lobby, ["restore", foreign], exit: 1, mentions: ["another site"])
        try expectRefused(lobby, ["restore", backup], exit: 1, mentions: ["supervisor"], env: ["LOBBY_ACTOR": "Wang"], sameDump: false)

        let r = try lobby.ok(["restore", backup, "--why", "test"])
        #expect(try lobby.status().waitingTickets == ["A001"], "the backup's state: \(r)")
        let kept = try FileManager.default.contentsOfDirectory(atPath: lobby.dir.path).filter { $0.hasPrefix("lobby.sqlite.replaced-") }
        #expect(kept.count == 1, "\(kept)")
        #expect(try lobby.rows("SELECT actor FROM events WHERE kind = 'note:restore'") == ["Boss"])
    }
}

/// Check-in loops on one site from several threads, as four kiosks would run.
private final class Loops: @unchecked Sendable {
    private let lobby: Lobby
    private let lock = NSLock()
    private var done = false
    private var tickets: [(ticket: String, at: Date)] = []

    init(_ lobby: Lobby) { self.lobby = lobby }

    var issued: [(ticket: String, at: Date)] { lock.withLock { tickets } }

    func stop() { lock.withLock { done = true } }

    func run() {
        while !lock.withLock({ done }) {
            let r = lobby.run(["checkin", "--json"])
            if let ticket = parseJSON(r.stdout)?.str("ticket") { lock.withLock { tickets.append((ticket, Date())) } }
        }
    }
}
