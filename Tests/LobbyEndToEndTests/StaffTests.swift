// Staff and PINs: bootstrap of the first supervisor, supervisor actions, PIN checks
// (interface.md "rep add", design.md "Staff").
import Foundation
import Testing

@Suite("Staff and PINs")
struct StaffTests {
    @Test("first supervisor by anyone; afterwards adding reps is a supervisor action")
    func bootstrapAndAddingReps() throws {
        let lobby = try Lobby()
        lobby.actor = "frontdesk"  // an account not on the staff list
        lobby.pin = nil

        // design.md: no supervisor yet → only --supervisor may be added.
        let early = lobby.run(["rep", "add", "Li"])
        #expect(early.status == 1, "\(early)")
        #expect(try lobby.staff().isEmpty, "a refused rep add must not add anyone")

        // Anyone may add the first supervisor; --pin takes LOBBY_NEW_PIN.
        try lobby.ok(["rep", "add", "Boss", "--supervisor", "--pin"], env: ["LOBBY_NEW_PIN": "918273"])
        var staff = try lobby.staff()
        #expect(staff == ["Boss": StaffEntry(supervisor: true, pin: true)])

        // Now the front desk (not a supervisor, no PIN) may not add reps.
        let anon = lobby.run(["rep", "add", "Wang"])
        #expect(anon.status == 1, "\(anon)")
        #expect(try Set(lobby.staff().keys) == ["Boss"])

        // The supervisor with a wrong PIN: refused, nobody added (the failure itself is recorded,
        // so the dump is not compared here).
        let wrong = lobby.run(["rep", "add", "Wang"], env: ["LOBBY_ACTOR": "Boss", "LOBBY_PIN": "000000"])
        #expect(wrong.status == 1, "\(wrong)")
        #expect(wrong.message.hasPrefix("lobby: "), "\(wrong)")
        #expect(try Set(lobby.staff().keys) == ["Boss"])

        // The supervisor with the right PIN.
        lobby.actor = "Boss"
        lobby.pin = "918273"
        try lobby.ok(["rep", "add", "Wang", "--pin"], env: ["LOBBY_NEW_PIN": "640512"])
        try lobby.ok(["rep", "add", "Li"])
        staff = try lobby.staff()
        #expect(staff["Wang"] == StaffEntry(supervisor: false, pin: true))
        #expect(staff["Li"] == StaffEntry(supervisor: false, pin: false))
        #expect(staff.count == 3)

        // A rep who is not a supervisor, with their own correct PIN, may not add reps.
        let byRep = lobby.run(["rep", "add", "Zhao"], env: ["LOBBY_ACTOR": "Wang", "LOBBY_PIN": "640512"])
        #expect(byRep.status == 1, "\(byRep)")
        #expect(try lobby.staff()["Zhao"] == nil)

        // Duplicate name: refused, nothing changed.
        try expectRefused(lobby, ["rep", "add", "Wang"], exit: 1, mentions: ["Wang"])

        // A second supervisor, added by the first, can then add reps with their own PIN.
        try lobby.ok(["rep", "add", "Sun", "--supervisor", "--pin"], env: ["LOBBY_NEW_PIN": "271828"])
        try lobby.ok(["rep", "add", "Zhao"], env: ["LOBBY_ACTOR": "Sun", "LOBBY_PIN": "271828"])
        staff = try lobby.staff()
        #expect(staff["Sun"] == StaffEntry(supervisor: true, pin: true))
        #expect(staff["Zhao"] == StaffEntry(supervisor: false, pin: false))

        // PINs are never stored in clear.
        let dump = try lobby.dump()
        for secret in ["918273", "640512", "271828"] {
            #expect(!dump.contains(secret), "PIN \(secret) appears in the database dump")
        }
    }

    @Test("the first supervisor's --pin falls back to LOBBY_PIN")
    func firstSupervisorPinFromLobbyPin() throws {
        let lobby = try Lobby()
        lobby.actor = "frontdesk"
        lobby.pin = "314159"
        try lobby.ok(["rep", "add", "Sun", "--supervisor", "--pin"], unset: ["LOBBY_NEW_PIN"])
        #expect(try lobby.staff() == ["Sun": StaffEntry(supervisor: true, pin: true)])

        lobby.actor = "Sun"
        let wrong = lobby.run(["rep", "add", "Wang"], env: ["LOBBY_PIN": "000000"])
        #expect(wrong.status == 1, "\(wrong)")
        try lobby.ok(["rep", "add", "Wang"])  // LOBBY_PIN=314159 is Sun's PIN
        #expect(try Set(lobby.staff().keys) == ["Sun", "Wang"])
    }

    @Test("staff actions need the actor's own PIN; rep pin changes it")
    func actorPinsAndPinChange() throws {
        let lobby = try Lobby()
        try lobby.bootstrap(reps: ["Wang", "Li"], pins: ["Wang": "640512"])

        // Wang has a PIN: a wrong one is refused and Wang stays ready.
        lobby.at("10:01")
        let wrong = lobby.run(["away", "Wang", "--reason", "business"],
                              env: ["LOBBY_ACTOR": "Wang", "LOBBY_PIN": "000000"])
        #expect(wrong.status == 1, "\(wrong)")
        #expect(try lobby.status().state("Wang") == "ready")

        lobby.at("10:02")
        try lobby.ok(["away", "Wang", "--reason", "business"], env: ["LOBBY_ACTOR": "Wang", "LOBBY_PIN": "640512"])
        #expect(try lobby.status().state("Wang") == "away-business")
        lobby.at("10:03")
        try lobby.ok(["back", "Wang"], env: ["LOBBY_ACTOR": "Wang", "LOBBY_PIN": "640512"])

        // Li has no PIN, and cannot act until a supervisor sets one; an account not on the staff
        // list cannot act at all. Both are refused and recorded.
        lobby.at("10:04")
        try expectRefused(lobby, ["away", "Li", "--reason", "business"], exit: 1, mentions: ["no PIN"],
                          env: ["LOBBY_ACTOR": "Li"], unset: ["LOBBY_PIN"], recorded: true)
        lobby.at("10:05")
        try expectRefused(lobby, ["away", "Li", "--reason", "business"], exit: 1, mentions: ["not on the staff list"],
                          env: ["LOBBY_ACTOR": "frontdesk"], unset: ["LOBBY_PIN"], recorded: true)
        #expect(try lobby.status().order == ["Wang", "Li"])
        #expect(try lobby.status().state("Li") == "ready")

        // Wang changes their own PIN.
        lobby.at("10:06")
        try lobby.ok(["rep", "pin", "Wang"],
                     env: ["LOBBY_ACTOR": "Wang", "LOBBY_PIN": "640512", "LOBBY_NEW_PIN": "112358"])
        lobby.at("10:07")
        let old = lobby.run(["away", "Wang", "--reason", "personal"],
                            env: ["LOBBY_ACTOR": "Wang", "LOBBY_PIN": "640512"])
        #expect(old.status == 1, "the old PIN must no longer work\n\(old)")
        lobby.at("10:08")
        try lobby.ok(["away", "Wang", "--reason", "personal"], env: ["LOBBY_ACTOR": "Wang", "LOBBY_PIN": "112358"])
        #expect(try lobby.status().state("Wang") == "away-personal")

        // Li (not Wang, not a supervisor) may not change Wang's PIN; a supervisor may.
        lobby.at("10:09")
        let byLi = lobby.run(["rep", "pin", "Wang"],
                             env: ["LOBBY_ACTOR": "Li", "LOBBY_NEW_PIN": "999999"], unset: ["LOBBY_PIN"])
        #expect(byLi.status == 1, "\(byLi)")
        try lobby.ok(["rep", "pin", "Wang"], env: ["LOBBY_NEW_PIN": "123987"])  // as Boss
        lobby.at("10:10")
        try lobby.ok(["back", "Wang"], env: ["LOBBY_ACTOR": "Wang", "LOBBY_PIN": "123987"])
        #expect(try lobby.status().state("Wang") == "ready")
    }

    @Test("five wrong supervisor PINs lock the supervisor for 15 minutes")
    func pinLockout() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        lobby.at("10:01")
        for _ in 1...5 {
            let r = lobby.run(["roster", "Li", "Wang", "Zhao", "Chen"], env: ["LOBBY_PIN": "000000"])
            #expect(r.status == 1, "\(r)")
        }
        lobby.at("10:02")
        let locked = lobby.run(["roster", "Li", "Wang", "Zhao", "Chen"])  // the right PIN
        #expect(locked.status == 1, "a locked supervisor must be refused even with the right PIN\n\(locked)")
        #expect(locked.stderr.lowercased().contains("lock"), "\(locked)")
        #expect(try frontDesk(lobby).status().order == ["Wang", "Li", "Zhao", "Chen"])

        lobby.at("10:17")  // pinLockout.minutes = 15 after the last failure
        lobby.actor = Lobby.supervisor
        lobby.pin = Lobby.supervisorPIN
        try lobby.ok(["roster", "Li", "Wang", "Zhao", "Chen"])
        #expect(try frontDesk(lobby).status().order == ["Li", "Wang", "Zhao", "Chen"])
    }

    /// Reads the status as a front-desk account, so that a locked supervisor does not matter.
    private func frontDesk(_ lobby: Lobby) -> Lobby {
        lobby.actor = "frontdesk"
        lobby.pin = nil
        return lobby
    }
}

/// Only staff act, each with their own PIN (interface.md "Staff side", "Environment").
@Suite("Staff prove who they are")
struct StaffProofTests {
    /// The security log's rows for `actor`: "action|outcome".
    private func securityLog(_ lobby: Lobby, _ actor: String) throws -> [String] {
        try lobby.rows("SELECT action, outcome FROM security_log WHERE actor = '\(actor)' ORDER BY id")
    }

    @Test("an actor not on the staff list is refused and recorded, the OS user too")
    func unknownActorRefused() throws {
        let lobby = try Lobby()
        try lobby.bootstrap(reps: ["Wang", "Li"])
        _ = try lobby.checkin()
        for (command, mentions) in [
            (["call"], ["not on the staff list"]), (["away", "Wang", "--reason", "personal"], ["not on the staff list"]),
            (["roster", "Li", "Wang"], ["not on the staff list", "supervisor"]),
        ] {
            try expectRefused(lobby, command, exit: 1, mentions: mentions, env: ["LOBBY_ACTOR": "Mallory"],
                              unset: ["LOBBY_PIN"], recorded: true)
        }
        #expect(try securityLog(lobby, "Mallory") == [
            "call|not on the staff list", "away|not on the staff list", "roster|not on the staff list",
        ])
        // Without LOBBY_ACTOR the OS user is the name, and is refused the same way.
        let osUser = try expectRefused(lobby, ["call"], exit: 1, mentions: ["not on the staff list"],
                                       unset: ["LOBBY_ACTOR", "LOBBY_PIN"], recorded: true)
        #expect(!osUser.message.contains("Boss"), "\(osUser)")
        let status = try lobby.status()
        #expect(status.waitingTickets == ["A001"] && status.serving.isEmpty, "nobody was called")
        #expect(status.order == ["Wang", "Li"])
    }

    @Test("a member without a PIN can neither act nor claim a PIN; a supervisor sets it")
    func memberWithoutPin() throws {
        let lobby = try Lobby()
        try lobby.bootstrap(reps: ["Zhou", "Wang"])
        #expect(try lobby.staff()["Zhou"] == StaffEntry(supervisor: false, pin: false))

        try expectRefused(lobby, ["away", "Zhou", "--reason", "business"], exit: 1, mentions: ["no PIN"],
                          env: ["LOBBY_ACTOR": "Zhou"], unset: ["LOBBY_PIN"], recorded: true)
        // A first PIN proves nothing: claiming one is refused, and so is anything it would unlock.
        try expectRefused(lobby, ["rep", "pin", "Zhou"], exit: 1, mentions: ["supervisor"],
                          env: ["LOBBY_ACTOR": "Zhou", "LOBBY_NEW_PIN": "666666"], unset: ["LOBBY_PIN"], recorded: true)
        try expectRefused(lobby, ["rep", "pin", "Boss"], exit: 1, mentions: ["no PIN", "supervisor"],
                          env: ["LOBBY_ACTOR": "Zhou", "LOBBY_NEW_PIN": "666666"], unset: ["LOBBY_PIN"], recorded: true)
        #expect(try lobby.staff()["Zhou"] == StaffEntry(supervisor: false, pin: false))
        #expect(try securityLog(lobby, "Zhou") == ["away|no PIN set", "rep pin|claimed a first PIN", "rep pin|no PIN set"])
        let dump = try lobby.dump()
        #expect(!dump.contains("666666"))

        // The first supervisor must be given a PIN, or the next person could take the site.
        let bare = try Lobby()
        try expectRefused(bare, ["rep", "add", "Boss", "--supervisor"], exit: 1, mentions: ["PIN"],
                          env: ["LOBBY_ACTOR": "frontdesk"], unset: ["LOBBY_PIN"], sameDump: false)
        #expect(try bare.staff().isEmpty)

        // The supervisor sets Zhou's first PIN; from then on Zhou acts with it.
        try lobby.ok(["rep", "pin", "Zhou"], env: ["LOBBY_NEW_PIN": "271828"])
        try lobby.ok(["away", "Zhou", "--reason", "business"], env: ["LOBBY_ACTOR": "Zhou", "LOBBY_PIN": "271828"])
        #expect(try lobby.status().state("Zhou") == "away-business")
    }

    @Test("40 parallel wrong guesses: exactly the lockout limit counted, the account locked, the right PIN refused")
    func parallelGuessesSerialized() throws {
        let lobby = try Lobby()
        try lobby.bootstrap(reps: ["Wang", "Li"], pins: ["Wang": "640512"])
        lobby.at("10:01")
        let guesses = (0..<40).map { i in
            lobby.start(["away", "Wang", "--reason", "business"],
                        env: ["LOBBY_ACTOR": "Wang", "LOBBY_PIN": String(100_000 + i)])
        }
        let outcomes = guesses.map { $0.wait() }
        let odd = outcomes.filter { $0.status != 1 }.map(\.description).joined(separator: "\n")
        #expect(odd.isEmpty, "every guess is refused, none fails on a busy database\n\(odd)")
        let log = try securityLog(lobby, "Wang")
        #expect(log.count == 40, "every guess is recorded: \(log)")
        // site.json: pinLockout.attempts = 5.
        #expect(log.filter { $0.hasPrefix("away|wrong PIN") }.count == 5, "\(log)")
        #expect(log.filter { $0 == "away|refused while locked" }.count == 35, "\(log)")
        #expect(try lobby.rows("SELECT locked_until IS NOT NULL FROM staff WHERE name = 'Wang'") == ["1"])

        lobby.at("10:02")
        let right = lobby.run(["away", "Wang", "--reason", "business"], env: ["LOBBY_ACTOR": "Wang", "LOBBY_PIN": "640512"])
        #expect(right.status == 1 && right.stderr.contains("locked"), "the right PIN is refused while locked\n\(right)")
        #expect(try lobby.status().state("Wang") == "ready")
    }

    @Test("changing one's own PIN needs the current one")
    func ownPinChangeNeedsCurrent() throws {
        let lobby = try Lobby()
        try lobby.bootstrap(reps: ["Wang"], pins: ["Wang": "640512"])
        let wang = ["LOBBY_ACTOR": "Wang", "LOBBY_NEW_PIN": "112358"]
        try expectRefused(lobby, ["rep", "pin", "Wang"], exit: 1, mentions: ["PIN"], env: wang, unset: ["LOBBY_PIN"],
                          recorded: true)
        let wrong = try expectRefused(lobby, ["rep", "pin", "Wang"], exit: 1, mentions: ["wrong PIN"],
                                      env: wang.merging(["LOBBY_PIN": "000000"]) { $1 }, sameDump: false)
        #expect(!wrong.stderr.contains("112358"))
        // Neither attempt changed it: the current PIN still works, the new one does not.
        try expectRefused(lobby, ["away", "Wang", "--reason", "business"], exit: 1, mentions: ["wrong PIN"],
                          env: ["LOBBY_ACTOR": "Wang", "LOBBY_PIN": "112358"], sameDump: false)
        try lobby.ok(["rep", "pin", "Wang"], env: wang.merging(["LOBBY_PIN": "640512"]) { $1 })
        try expectRefused(lobby, ["away", "Wang", "--reason", "business"], exit: 1, mentions: ["wrong PIN"],
                          env: ["LOBBY_ACTOR": "Wang", "LOBBY_PIN": "640512"], sameDump: false)
        try lobby.ok(["away", "Wang", "--reason", "business"], env: ["LOBBY_ACTOR": "Wang", "LOBBY_PIN": "112358"])
        #expect(try lobby.status().state("Wang") == "away-business")
    }

    @Test("a PIN shorter than pinMinLength, or not digits, is refused; a site asking fewer than 4 is refused")
    func pinMinLength() throws {
        let lobby = try Lobby()
        try lobby.bootstrap(reps: [])
        // The default pinMinLength is 6.
        for pin in ["12345", "1234", "abcdef", "12 456"] {
            try expectRefused(lobby, ["rep", "add", "Wang", "--pin"], exit: 1, mentions: ["pinMinLength"],
                              env: ["LOBBY_NEW_PIN": pin])
        }
        try expectRefused(lobby, ["rep", "pin", "Boss"], exit: 1, mentions: ["pinMinLength"], env: ["LOBBY_NEW_PIN": "54321"])
        try lobby.ok(["rep", "add", "Wang", "--pin"], env: ["LOBBY_NEW_PIN": "123456"])
        #expect(try Set(lobby.staff().keys) == ["Boss", "Wang"])

        // A site's own, longer minimum; the first supervisor is held to it too.
        let strict = try Lobby()
        let strictSite = strict.dir.appendingPathComponent("strict.json").path
        try #"{"siteId": "strict", "pinMinLength": 8}"#.write(toFile: strictSite, atomically: true, encoding: .utf8)
        strict.site = strictSite
        let short = strict.run(["rep", "add", "Boss", "--supervisor", "--pin"],
                               env: ["LOBBY_ACTOR": "frontdesk", "LOBBY_NEW_PIN": "918273"], unset: ["LOBBY_PIN"])
        #expect(short.status == 1 && short.stderr.contains("pinMinLength is 8"), "\(short)")
        #expect(try strict.staff().isEmpty)
        try strict.ok(["rep", "add", "Boss", "--supervisor", "--pin"],
                      env: ["LOBBY_ACTOR": "frontdesk", "LOBBY_NEW_PIN": "91827364"], unset: ["LOBBY_PIN"])

        // Never below 4.
        let weak = try Lobby()
        let weakSite = weak.dir.appendingPathComponent("weak.json").path
        try #"{"siteId": "weak", "pinMinLength": 3}"#.write(toFile: weakSite, atomically: true, encoding: .utf8)
        weak.site = weakSite
        let refused = weak.run(["rep", "add", "Boss", "--supervisor", "--pin"],
                               env: ["LOBBY_ACTOR": "frontdesk", "LOBBY_NEW_PIN": "918273"], unset: ["LOBBY_PIN"])
        #expect(refused.status == 1 && refused.stderr.contains("pinMinLength"), "\(refused)")
        // The site is refused when it is set up: no database at all, so no staff.
        #expect(!FileManager.default.fileExists(atPath: weak.db), "a refused init creates nothing")
    }

    @Test("a name with a quote, a backslash and other punctuation comes out of the JSON escaped and whole")
    func nameEscapedInJSON() throws {
        let lobby = try Lobby()
        try lobby.bootstrap(reps: ["Wang"])
        let name = "W\"a\\\u{2026}\u{4E2D}"
        try lobby.ok(["rep", "add", name])
        let r = try lobby.ok(["rep", "list", "--json"])
        #expect(r.stdout.contains(#"{"rep":"W\"a\\\#u{2026}\#u{4E2D}","supervisor":false"#), "\(r)")
        let list = try lobby.json(["rep", "list", "--json"])
        #expect(list.arr("reps")?.contains { $0.str("rep") == name } == true, "\(list)")
    }

    @Test("a receptionist calls at the desk but holds no place in the rotation")
    func receptionist() throws {
        let lobby = try Lobby()
        try lobby.bootstrap(reps: ["Wang", "Li"])
        try lobby.ok(["rep", "add", "Qian", "--receptionist", "--pin"], env: ["LOBBY_NEW_PIN": "135790"])
        let list = try lobby.json(["rep", "list", "--json"])
        #expect(list.arr("reps")?.first { $0.str("rep") == "Qian" }?.str("role") == "receptionist", "\(list)")

        try expectRefused(lobby, ["roster", "Wang", "Qian", "Li"], exit: 1, mentions: ["receptionist"])
        try expectRefused(lobby, ["makeup", "Qian"], exit: 1, mentions: ["receptionist"])
        try expectRefused(lobby, ["checkin", "--rep", "Qian", "--json"], exit: 1, mentions: ["receptionist"])
        try expectRefused(lobby, ["rep", "add", "Sun", "--receptionist", "--supervisor"], exit: 2, mentions: ["--receptionist"])
        #expect(try lobby.status().order == ["Wang", "Li"])

        _ = try lobby.checkin()
        lobby.at("10:01")
        let desk = lobby.desk(["call", "quit"], env: ["LOBBY_ACTOR": "Qian", "LOBBY_PIN": "135790"])
        #expect(desk.status == 0, "\(desk)")
        #expect(desk.stdout.contains("A001 → Wang (rotation, counted)"), "\(desk)")
        let status = try lobby.status()
        #expect(status.servingByTicket == ["A001": "Wang"])
        #expect(!status.order.contains("Qian"))
        // A receptionist is not a supervisor.
        try expectRefused(lobby, ["roster", "Li", "Wang"], exit: 1, mentions: ["supervisor"],
                          env: ["LOBBY_ACTOR": "Qian", "LOBBY_PIN": "135790"], recorded: true)
    }
}
