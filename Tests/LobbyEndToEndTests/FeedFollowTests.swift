// The public display feed (interface.md "Display feed"): `feed --follow` follows other processes'
// changes promptly, stays silent while nothing changes, and never shows a visitor's name or phone.
import Foundation
import Testing

@Suite("Display feed")
struct FeedFollowTests {
    @Test("feed --follow prints each change made by other processes within 2 s, nothing while quiet, no names or phones")
    func followsChanges() throws {
        let lobby = try Lobby()
        try lobby.useSite(["boardPhoneDuty": true])  // phone duty is in the feed only when the site shows it
        try lobby.bootstrap()
        var secrets: [String] = []
        func visitor(_ n: Int) -> [String] {
            let name = n % 2 == 0 ? "张小\(n)凤" : "Zhang Xiao Feng \(n)"
            let phone = "1390000" + String(format: "%04d", n)
            secrets += [name, phone]
            return ["--name", name, "--phone", phone, "--consent", "yes", "--purpose", "buy"]
        }
        for n in 1...10 { _ = try lobby.checkin(visitor(n)) }
        let dump = try lobby.unsealed(lobby.dump())
        #expect(secrets.allSatisfy { dump.contains($0) }, "the consented names and phones are stored")

        let follow = lobby.start(["feed", "--follow"])
        defer { _ = lobby.stop(follow) }
        try #require(lobby.eventually(within: 20) { lobby.lines(of: follow).count == 1 }, "feed --follow printed no first object")
        Thread.sleep(forTimeInterval: 1)
        #expect(lobby.lines(of: follow).count == 1, "printed while nothing changed: \(lobby.lines(of: follow))")

        let steps: [(args: [String], check: ([String: Any]) -> Bool)] = [
            (["call"], { $0.arr("calling")?.first?.str("ticket") == "A001" && $0.int("waiting") == 9 }),
            (["checkin"] + visitor(11), { $0.int("waiting") == 10 }),
            (["call"], { $0.arr("calling")?.first?.str("ticket") == "A002" }),
            (["finish", "A001"], { !($0.arr("calling") ?? []).contains { $0.str("ticket") == "A001" } }),
            (["away", "Chen", "--reason", "personal"], { $0.str("phoneDuty") == "Wang" }),
            (["noshow", "A002"], { ($0.arr("calling") ?? []).isEmpty }),
        ]
        for step in steps {
            let before = lobby.lines(of: follow).count
            try lobby.ok(step.args)
            let printed = lobby.eventually(within: 2) { lobby.lines(of: follow).count > before }
            #expect(printed, "no new object within 2 s of `lobby \(step.args.joined(separator: " "))`")
            guard printed, let last = lobby.lines(of: follow).last else { continue }
            let object = try #require(parseJSON(last), "not one JSON object per line: \(last)")
            #expect(step.check(object), "after `lobby \(step.args.joined(separator: " "))` the feed shows \(last)")
        }

        // A commit that leaves the public view as it was prints nothing.
        let before = lobby.lines(of: follow).count
        try lobby.ok(["followup", "13900000001", "--rep", "Wang", "--note", "called back"])
        Thread.sleep(forTimeInterval: 1)
        #expect(lobby.lines(of: follow).count == before, "a change invisible to the lobby printed a line")

        let lines = lobby.lines(of: follow)
        #expect(lines.count == steps.count + 1, "one object per change: \(lines)")
        for line in lines {
            #expect(parseJSON(line) != nil, "not one JSON object per line: \(line)")
            for secret in secrets { #expect(!line.contains(secret), "the feed shows \(secret): \(line)") }
        }
        let contents = lines.map { $0.replacingOccurrences(of: #""generatedAt":"[^"]*""#, with: "", options: .regularExpression) }
        #expect(zip(contents, contents.dropFirst()).allSatisfy { $0 != $1 }, "the same object printed twice: \(lines)")
    }

    @Test("feed lists the latest calls (ticket → rep, newest first) for visitors who looked away")
    func recentCalls() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        var order: [(String, String)] = []
        for n in 1...7 {
            lobby.at(String(format: "10:%02d", n))
            _ = try lobby.checkin(["--name", "李四\(n)", "--phone", "1370000000\(n)", "--consent", "yes"])
            let call = try lobby.call()
            order.append((try #require(call.str("ticket")), try #require(call.str("rep"))))
            try lobby.ok(["finish", order.last?.0 ?? ""])
        }
        lobby.at("10:30")
        _ = try lobby.checkin()
        let last = try lobby.call()
        order.append((try #require(last.str("ticket")), try #require(last.str("rep"))))
        let feed = try lobby.json(["feed"])
        let recent = try #require(feed.arr("recent"), "feed has no recent list: \(feed)")
        #expect(recent.map { "\($0.str("ticket") ?? "?")→\($0.str("rep") ?? "?")" }
                == order.reversed().prefix(5).map { "\($0.0)→\($0.1)" }, "\(feed)")
        #expect(feed.arr("calling")?.map { $0.str("ticket") } == [order.last?.0], "\(feed)")
        let text = try lobby.ok(["feed"]).stdout
        for n in 1...7 { #expect(!text.contains("李四\(n)") && !text.contains("1370000000\(n)"), "\(text)") }
    }
}

extension Lobby {
    /// The complete lines a running process has printed so far.
    func lines(of running: Running) -> [String] {
        let data = (try? Data(contentsOf: running.outURL)) ?? Data()
        var lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\n")
        lines.removeLast()
        return lines
    }

    /// Polls every 10 ms until `condition` holds or `seconds` pass; whether it held.
    func eventually(within seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return try condition()
    }

    /// Ends a long-running command (board, feed --follow) and collects what it did. SIGKILL,
    /// because a process started from a test's worker thread inherits its blocked SIGTERM.
    @discardableResult
    func stop(_ running: Running) -> Outcome {
        if running.process.isRunning { kill(running.process.processIdentifier, SIGKILL) }
        return running.wait(timeout: 10)
    }
}
