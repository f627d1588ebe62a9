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

@Suite("Learned service times")
struct ServiceTimesEndToEndTests {
    @Test("finished receptions are learned as they happen, and a rebuild from the events agrees")
    func incrementalEqualsRebuild() throws {
        let lobby = try Lobby()
        lobby.date = "2026-11-20"
        try lobby.bootstrap(reps: ["Wang", "Li"])
        for (date, hour) in [("2026-11-20", 10), ("2026-11-21", 11), ("2026-11-23", 14)] {
            lobby.date = date
            lobby.at("\(hour):00")
            for _ in 0..<3 { try lobby.ok(["checkin"]) }
            let first = try lobby.json(["call", "--json"]), second = try lobby.json(["call", "--json"])
            #expect(first["rep"] as? String == "Wang" || second["rep"] as? String == "Wang")
            let wang = first["rep"] as? String == "Wang" ? "A001" : "A002"
            let li = wang == "A001" ? "A002" : "A001"
            lobby.at("\(hour):25")
            try lobby.ok(["finish", wang])
            try lobby.ok(["call"])
            lobby.at("\(hour):55")
            try lobby.ok(["finish", li])
            try lobby.ok(["noshow", "A003"])
        }
        let learned = try lobby.json(["service-times", "--json"])
        let rebuilt = try lobby.json(["service-times", "--rebuild", "--json"])
        #expect(NSDictionary(dictionary: learned) == NSDictionary(dictionary: rebuilt))
        let rows = try #require(learned["receptions"] as? [[String: Any]])
        let median = { (rep: String) in rows.first { $0["rep"] as? String == rep }?["median"] as? Int }
        // Wang's receptions ran 25 minutes, Li's 55: the estimate has learned who is quicker.
        #expect(try #require(median("Wang")) < 40)
        #expect(try #require(median("Li")) > 40)
        // Six finished receptions; the no-shows taught nothing.
        #expect(rows.first { $0["rep"] is NSNull }?["weight"] as? Int == 6)
    }

    @Test("a visitor waiting for their own busy rep is told both waits (R9, R10)")
    func coverOffer() throws {
        let lobby = try Lobby()
        try lobby.bootstrap(reps: ["Wang", "Li"])
        lobby.at("09:30")
        try lobby.ok(["checkin"])
        try lobby.ok(["call"])  // Wang, since 09:30
        lobby.at("10:05")
        try lobby.ok(["checkin"])
        try lobby.ok(["call"])  // Li, just now
        let named = try lobby.json(["checkin", "--rep", "Li", "--json"])
        let wait = try #require(named["wait"] as? [String: Int])
        let cover = try #require(named["coverWait"] as? [String: Int])
        // Wang has been at it for 35 minutes; Li has only begun.
        #expect(try #require(cover["p50"]) + 5 <= (try #require(wait["p50"])))
        #expect(try #require(cover["p80"]) >= (try #require(cover["p50"])))
        let ticket = try #require(named["ticket"] as? String)
        let text = try lobby.ok(["ticket", ticket, "--lang", "en"]).stdout
        #expect(text.contains("If another consultant may receive you instead, that is about \(cover["p50"] ?? -1)–\(cover["p80"] ?? -1) minutes"))
        // A walk-in has no rep of their own to wait for.
        #expect(try lobby.json(["checkin", "--json"])["coverWait"] == nil)
    }
}
