// The clock belongs to the site (interface.md "Environment", LOBBY_NOW): a database created
// while LOBBY_NOW was set is a simulated site; any other runs on the system clock.
import Foundation
import Testing

@Suite("The site's clock")
struct SiteClockTests {
    /// A real site: its database created without LOBBY_NOW, with a supervisor and two reps.
    private func realSite() throws -> Lobby {
        let lobby = try Lobby()
        try lobby.ok(["rep", "add", Lobby.supervisor, "--supervisor", "--pin"],
                     env: ["LOBBY_ACTOR": "frontdesk", "LOBBY_NEW_PIN": Lobby.supervisorPIN], unset: ["LOBBY_PIN", "LOBBY_NOW"])
        for rep in ["Wang", "Li"] { try lobby.ok(["rep", "add", rep], unset: ["LOBBY_NOW"]) }
        try lobby.ok(["roster", "Wang", "Li"], unset: ["LOBBY_NOW"])
        try lobby.ok(["checkin", "--json"], unset: ["LOBBY_NOW"])
        return lobby
    }

    @Test("LOBBY_NOW is refused on a real site with exit 2, nothing written")
    func lobbyNowRefusedOnRealSite() throws {
        let lobby = try realSite()
        let status = try lobby.json(["status", "--json"], unset: ["LOBBY_NOW"])
        #expect(status.str("clock") == "system", "\(status)")
        let text = try lobby.ok(["status", "--lang", "en"], unset: ["LOBBY_NOW"])
        #expect(text.stdout.contains("(system clock)"), "\(text)")

        for time in ["2099-01-01T10:00:00+08:00", "2026-11-23T10:00:00+08:00", "2001-01-01T00:00:00Z"] {
            for command in [["checkin", "--json"], ["call"], ["roster", "Li", "Wang"], ["rep", "add", "Zhao"], ["status"]] {
                let r = try expectRefused(lobby, command, exit: 2, mentions: ["system clock"], env: ["LOBBY_NOW": time])
                #expect(r.stdout.isEmpty, "\(r)")
            }
        }
        // Wrong PINs with a time far ahead do not reach the lockout at all.
        try expectRefused(lobby, ["call"], exit: 2, mentions: ["system clock"],
                          env: ["LOBBY_NOW": "2099-01-01T10:00:00+08:00", "LOBBY_PIN": "000000"])
        #expect(try lobby.rows("SELECT count(*) FROM security_log") == ["0"])
        #expect(try lobby.json(["status", "--json"], unset: ["LOBBY_NOW"]).arr("waiting")?.count == 1)
    }

    @Test("a site created with LOBBY_NOW is simulated and keeps taking it")
    func simulatedSite() throws {
        let lobby = try Lobby()
        try lobby.bootstrap(reps: ["Wang"])
        let status = try lobby.json(["status", "--json"])
        #expect(status.str("clock") == "simulated", "\(status)")
        #expect(status.str("day") == "2026-11-23", "\(status)")
        let text = try lobby.ok(["status", "--lang", "en"])
        #expect(text.stdout.contains("2026-11-23 10:00  (simulated clock)"), "\(text)")
        lobby.date = "2026-11-24"
        #expect(try lobby.json(["status", "--json"]).str("day") == "2026-11-24")
    }
}
