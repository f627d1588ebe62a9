// Staff and PINs: bootstrap of the first supervisor, supervisor actions, PIN checks
// (interface.md "rep add", design.md "Staff").
import Foundation
import Testing

@Suite("Staff and PINs")
struct StaffTests {
    @Test("first supervisor by anyone; afterwards adding reps is a supervisor action")
    func bootstrapAndAddingReps() throws {
        let lobby = try Lobby()
        lobby.actor = "frontdesk"  // a receptionist account, not on the staff list
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

    @Test("staff actions check the actor's PIN when they have one; rep pin changes it")
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

        // Li has no PIN; a front-desk account not on the staff list is accepted too.
        lobby.at("10:04")
        try lobby.ok(["away", "Li", "--reason", "business"], env: ["LOBBY_ACTOR": "Li"], unset: ["LOBBY_PIN"])
        lobby.at("10:05")
        try lobby.ok(["back", "Li"], env: ["LOBBY_ACTOR": "frontdesk"], unset: ["LOBBY_PIN"])
        #expect(try lobby.status().order == ["Wang", "Li"])

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
