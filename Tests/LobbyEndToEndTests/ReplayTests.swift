import Foundation
import Testing

@Suite("Replay")
struct ReplayTests {
    @Test("replay notices a record that no longer matches the events: exit 1 and the first difference")
    func replayFindsDifference() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        lobby.at("10:01")
        _ = try lobby.checkin()
        lobby.at("10:02")
        _ = try lobby.json(["call", "--json"])
        lobby.at("10:30")
        _ = try lobby.ok(["finish", "A001"])
        #expect(lobby.run(["replay", "--date", "2026-11-23"]).status == 0)

        #expect(try lobby.sql("UPDATE days SET closing = 'Chen\nZhao\nLi\nWang' WHERE day = '2026-11-23'") == 0)

        let replay = lobby.run(["replay", "--date", "2026-11-23"])
        #expect(replay.status == 1, "\(replay)")
        #expect(replay.stderr.contains("final order differs"), "\(replay)")
        #expect(replay.stderr.contains("Li,Zhao,Chen,Wang"), "the rebuilt order is named: \(replay)")
    }

    @Test("the event log is append-only: the database refuses edits of recorded events")
    func eventsAreAppendOnly() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        #expect(try lobby.sql("DELETE FROM events") != 0)
        #expect(lobby.run(["replay", "--date", "2026-11-23"]).status == 0)
    }
}
