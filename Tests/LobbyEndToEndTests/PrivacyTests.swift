// Privacy: without --consent yes no name or phone is stored; the public feed never shows them
// (interface.md "checkin", "feed").
import Foundation
import Testing

@Suite("Privacy")
struct PrivacyTests {
    @Test("no consent → neither name nor phone stored; consent → stored; the feed never shows them")
    func consentAndFeed() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()

        lobby.at("10:01")
        let a = try lobby.checkin(["--name", "张伟", "--phone", "13812345678", "--purpose", "buy"])
        #expect(a.str("ticket") == "A001")
        lobby.at("10:02")
        let b = try lobby.checkin(["--name", "Zhang Fang", "--phone", "13700001111", "--consent", "no"])
        #expect(b.str("ticket") == "A002")

        let secrets = ["张伟", "13812345678", "Zhang Fang", "13700001111"]
        var dump = try lobby.unsealed(lobby.dump())
        for s in secrets {
            #expect(!dump.contains(s), "\(s) was stored without consent")
        }
        var raw = lobby.rawBytes()
        for s in secrets {
            #expect(raw.range(of: Data(s.utf8)) == nil, "\(s) is in the database file (or its WAL) without consent")
        }

        lobby.at("10:03")
        let c = try lobby.checkin(["--name", "李娜", "--phone", "13987654321", "--consent", "yes"])
        #expect(c.str("ticket") == "A003")
        dump = try lobby.unsealed(lobby.dump())
        #expect(dump.contains("李娜"), "with consent the name is stored")
        #expect(dump.contains("13987654321"), "with consent the phone is stored")
        for s in secrets {
            #expect(!dump.contains(s), "\(s) was stored without consent")
        }
        raw = lobby.rawBytes()
        for s in secrets {
            #expect(raw.range(of: Data(s.utf8)) == nil, "\(s) is in the database file (or its WAL) without consent")
        }

        // The public feed: waiting, then calling.
        let everyone = secrets + ["李娜", "13987654321"]
        var feed = try lobby.ok(["feed"])
        for s in everyone { #expect(!feed.stdout.contains(s), "the feed shows \(s)\n\(feed)") }
        let f1 = try #require(parseJSON(feed.stdout), "feed is one JSON object\n\(feed)")
        #expect(f1.int("waiting") == 3)
        #expect(isoDate(f1.str("generatedAt")) != nil, "\(f1)")

        lobby.at("10:04")
        for _ in 0..<3 { _ = try lobby.call() }
        feed = try lobby.ok(["feed"])
        for s in everyone { #expect(!feed.stdout.contains(s), "the feed shows \(s)\n\(feed)") }
        let f2 = try #require(parseJSON(feed.stdout), "feed is one JSON object\n\(feed)")
        #expect(f2.int("waiting") == 0)
        let calling = Set((f2.arr("calling") ?? []).compactMap { $0.str("ticket") })
        #expect(calling == ["A001", "A002", "A003"], "\(f2)")
        #expect(f2["phoneDuty"] is NSNull, "phone duty is internal: not in the public feed unless site.json shows it\n\(f2)")
        #expect(try lobby.status().phoneDuty == "Chen", "R16, for the staff")
    }

    @Test("R11: a consented customer comes back to their rep; an anonymous one is a new visitor")
    func returningCustomer() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()

        // Consented customer received by Wang (rotation), then an anonymous one by Li.
        lobby.at("10:01")
        _ = try lobby.checkin(["--phone", "13987654321", "--consent", "yes"])
        #expect(try lobby.call().str("rep") == "Wang")
        lobby.at("10:02")
        _ = try lobby.checkin(["--phone", "13812345678"])
        #expect(try lobby.call().str("rep") == "Li")
        lobby.at("10:30")
        try lobby.ok(["finish", "A001"])
        try lobby.ok(["finish", "A002"])
        #expect(try lobby.status().order == ["Zhao", "Chen", "Wang", "Li"])

        lobby.at("14:00")
        let back = try lobby.checkin(["--phone", "13987654321", "--consent", "yes"])
        #expect(back.str("category") == "returning", "R11: \(back)")
        #expect(back.str("rep") == "Wang")
        let call = try lobby.call()
        #expect(call.str("rep") == "Wang")
        #expect(call.str("kind") == "returning")
        lobby.at("14:30")
        try lobby.ok(["finish", "A003"])
        #expect(try lobby.status().order == ["Zhao", "Chen", "Wang", "Li"], "a returning visit moves nobody")

        lobby.at("14:31")
        let anon = try lobby.checkin(["--phone", "13812345678"])
        #expect(anon.str("category") == "new", "a phone given without consent was not kept: \(anon)")
        #expect(anon.isNull("rep"))

        let report = try lobby.json(["report", "--json"])
        let wang = try #require(report.arr("reps")?.first { $0.str("rep") == "Wang" }, "\(report)")
        #expect(wang.int("counted") == 1)
        #expect(wang.int("uncounted") == 1, "R22: the returning visit does not count")
    }
}
