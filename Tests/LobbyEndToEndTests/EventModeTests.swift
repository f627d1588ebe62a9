// R7: event mode — the console assigns every visitor and the rotation is frozen.
import Foundation
import Testing

@Suite("Event mode (R7)")
struct EventModeTests {
    @Test("event on: explicit assignment only, rotation frozen; event off: rotation again")
    func eventMode() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        #expect(try lobby.status().eventMode == false)

        lobby.at("10:01")
        try lobby.ok(["event", "on", "--why", "expo"])
        #expect(try lobby.status().eventMode == true)

        lobby.at("10:02")
        try lobby.ok(["away", "Wang", "--reason", "personal"])
        _ = try lobby.checkin()

        // Without --rep the console may not pick by rotation.
        lobby.at("10:03")
        try expectRefused(lobby, ["call"], exit: 1, mentions: ["R7", "event", "--rep"])
        try expectRefused(lobby, ["call", "--json"], exit: 1, mentions: ["R7", "event", "--rep"])

        lobby.at("10:04")
        let a = try lobby.call(["--rep", "Zhao"])
        #expect(a.str("ticket") == "A001")
        #expect(a.str("rep") == "Zhao")
        #expect(a.str("kind") == "assigned")

        // R19: a busy rep is never given another visitor, not even by assignment.
        lobby.at("10:05")
        _ = try lobby.checkin()
        try expectRefused(lobby, ["call", "A002", "--rep", "Zhao"], exit: 1, mentions: ["R19", "Zhao"])
        let b = try lobby.call(["A002", "--rep", "Li"])
        #expect(b.str("ticket") == "A002")
        #expect(b.str("rep") == "Li")
        #expect(b.str("kind") == "assigned")

        // Frozen: Wang was passed while on leave but does not forfeit (no R3 movement) ...
        lobby.at("10:06")
        try lobby.ok(["back", "Wang"])
        // ... and finishing moves nobody to the tail (no R2 movement).
        lobby.at("10:30")
        try lobby.ok(["finish", "A001"])
        try lobby.ok(["finish", "A002"])
        var st = try lobby.status()
        #expect(st.order == ["Wang", "Li", "Zhao", "Chen"], "R7: the rotation is frozen in event mode")
        #expect(st.rotation.allSatisfy { $0.state == "ready" }, "\(st.rotation)")

        lobby.at("10:31")
        try lobby.ok(["event", "off"])
        st = try lobby.status()
        #expect(st.eventMode == false)
        #expect(st.order == ["Wang", "Li", "Zhao", "Chen"])

        // Back to rotation: the first ready rep receives, and goes to the tail on finishing.
        lobby.at("10:32")
        _ = try lobby.checkin()
        let c = try lobby.call()
        #expect(c.str("ticket") == "A003")
        #expect(c.str("rep") == "Wang")
        #expect(c.str("kind") == "rotation")
        lobby.at("10:50")
        try lobby.ok(["finish", "A003"])
        #expect(try lobby.status().order == ["Li", "Zhao", "Chen", "Wang"], "R2 applies again")

        let replay = lobby.run(["replay", "--date", "2026-11-23"])
        #expect(replay.status == 0, "\(replay)")
    }
}
