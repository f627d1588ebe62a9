// The lobby's spoken calls: one announcement at a time, in the order of the calls, each
// given to the program only after the previous one ended, and stopped after its time limit.
import Foundation
import Testing

@Suite("Announcements")
struct AnnouncementTests {
    /// site.json with "announce": {"command": …, "timeoutSeconds": …}.
    static func site(_ lobby: Lobby, command: [String], timeoutSeconds: Int? = nil) throws -> String {
        let source = Harness.repoRoot.appendingPathComponent("kiosk-assets/site.json")
        var settings = try #require(parseJSON(try String(contentsOf: source, encoding: .utf8)))
        var announce: [String: Any] = ["command": command]
        if let timeoutSeconds { announce["timeoutSeconds"] = timeoutSeconds }
        settings["announce"] = announce
        let url = lobby.dir.appendingPathComponent("site-announce-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: settings).write(to: url)
        return url.path
    }

    /// "start A001 <seconds>" / "end A001 <seconds>" lines of the log, in the order written.
    static func entries(_ log: URL) -> [(what: String, ticket: String, at: Double)] {
        ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count == 3, let at = Double(parts[2]) else { return nil }
            return (String(parts[0]), String(parts[1]), at)
        }
    }

    @Test("calls made together are announced one after another, in order, never over each other")
    func serialised() throws {
        let lobby = try Lobby()
        let log = lobby.dir.appendingPathComponent("spoken.log")
        // Takes 0.4 s to "speak"; the ticket arrives as an argument of its own ($1).
        let speak = "echo start \"$1\" $(date +%s.%N) >> '\(log.path)'; sleep 0.4; echo end \"$1\" $(date +%s.%N) >> '\(log.path)'"
        lobby.site = try Self.site(lobby, command: ["sh", "-c", speak, "sh", "{ticket}"])
        try lobby.bootstrap()
        for _ in 1...3 { _ = try lobby.checkin() }
        let board = lobby.start(["board"])
        defer { lobby.stop(board) }
        try #require(lobby.eventually(within: 20) { !lobby.lines(of: board).isEmpty }, "no board drawn")
        for _ in 1...3 { _ = try lobby.call() }
        #expect(lobby.eventually(within: 15) { Self.entries(log).filter { $0.what == "end" }.count == 3 }, "\(Self.entries(log))")
        let entries = Self.entries(log)
        #expect(entries.map { "\($0.what) \($0.ticket)" } == [
            "start A001", "end A001", "start A002", "end A002", "start A003", "end A003",
        ], "one at a time, in call order: \(entries)")
        for (ended, next) in zip(entries.filter { $0.what == "end" }, entries.filter { $0.what == "start" }.dropFirst()) {
            #expect(next.at >= ended.at, "\(next.ticket) began before \(ended.ticket) ended: \(entries)")
        }
        #expect(!lobby.stop(board).stderr.contains("announce"))
    }

    @Test("an announcement past its time limit is stopped and the next one is spoken")
    func timeLimit() throws {
        let lobby = try Lobby()
        let log = lobby.dir.appendingPathComponent("spoken.log")
        let speak = "echo start \"$1\" $(date +%s.%N) >> '\(log.path)'; [ \"$1\" = A001 ] && sleep 30; echo end \"$1\" $(date +%s.%N) >> '\(log.path)'"
        lobby.site = try Self.site(lobby, command: ["sh", "-c", speak, "sh", "{ticket}"], timeoutSeconds: 1)
        try lobby.bootstrap()
        for _ in 1...2 { _ = try lobby.checkin() }
        let board = lobby.start(["board"])
        defer { lobby.stop(board) }
        try #require(lobby.eventually(within: 20) { !lobby.lines(of: board).isEmpty }, "no board drawn")
        let began = Date()
        for _ in 1...2 { _ = try lobby.call() }
        #expect(lobby.eventually(within: 10) { Self.entries(log).contains { $0.what == "end" && $0.ticket == "A002" } }, "\(Self.entries(log))")
        #expect(Date().timeIntervalSince(began) < 10, "A002 waited for A001's whole 30 s")
        let entries = Self.entries(log)
        #expect(entries.map { "\($0.what) \($0.ticket)" } == ["start A001", "start A002", "end A002"], "A001 was stopped: \(entries)")
        let outcome = lobby.stop(board)
        #expect(outcome.stderr.contains("took longer than 1 s"), "\(outcome)")
    }

    @Test("placeholders are separate arguments: a rep's name is never read as shell code, and a -c script with one is refused")
    func neverInAShell() throws {
        let lobby = try Lobby()
        let log = lobby.dir.appendingPathComponent("spoken.log")
        let planted = lobby.dir.appendingPathComponent("PWNED")
        lobby.site = try Self.site(lobby, command: ["sh", "-c", "printf '%s\\n' \"$1\" >> '\(log.path)'", "sh", "{rep}"])
        let rep = "Li$(touch PWNED)"  // the board runs in lobby.dir
        try lobby.bootstrap(reps: [rep])
        _ = try lobby.checkin()
        let board = lobby.start(["board"])
        defer { lobby.stop(board) }
        try #require(lobby.eventually(within: 20) { !lobby.lines(of: board).isEmpty }, "no board drawn")
        _ = try lobby.call()
        #expect(lobby.eventually(within: 10) { (try? String(contentsOf: log, encoding: .utf8)) == rep + "\n" })
        #expect(!FileManager.default.fileExists(atPath: planted.path), "the name ran as a command")

        let bad = try Lobby()
        bad.site = try Self.site(bad, command: ["sh", "-c", "say {rep}"])
        let refused = bad.run(["feed"])
        #expect(refused.status == 1 && refused.stderr.contains("arguments of their own"), "\(refused)")
    }
}
