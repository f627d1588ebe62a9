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

        let sqlite3 = try #require(Harness.sqlite3, "sqlite3 is needed for this test")
        let tamper = Process()
        tamper.executableURL = URL(fileURLWithPath: sqlite3)
        tamper.arguments = [lobby.db, "UPDATE days SET closing = 'Chen\nZhao\nLi\nWang' WHERE day = '2026-11-23'"]
        try tamper.run()
        tamper.waitUntilExit()
        #expect(tamper.terminationStatus == 0)

        let replay = lobby.run(["replay", "--date", "2026-11-23"])
        #expect(replay.status == 1, "\(replay)")
        #expect(replay.stderr.contains("final order differs"), "\(replay)")
        #expect(replay.stderr.contains("Li,Zhao,Chen,Wang"), "the rebuilt order is named: \(replay)")
    }

    @Test("the event log is append-only: the database refuses edits of recorded events")
    func eventsAreAppendOnly() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        let sqlite3 = try #require(Harness.sqlite3, "sqlite3 is needed for this test")
        let edit = Process()
        edit.executableURL = URL(fileURLWithPath: sqlite3)
        edit.arguments = [lobby.db, "DELETE FROM events"]
        edit.standardError = FileHandle.nullDevice
        try edit.run()
        edit.waitUntilExit()
        #expect(edit.terminationStatus != 0)
        #expect(lobby.run(["replay", "--date", "2026-11-23"]).status == 0)
    }
}
