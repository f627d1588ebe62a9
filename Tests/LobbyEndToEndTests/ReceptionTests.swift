// Who receives whom, and what counts: covers, assists, claims, transfers, groups, staff
// visits, make-up turns and site settings (rotation.md R6, R10–R14, R18, R24, R26, R27).
import Foundation
import Testing

@Suite("Who receives whom")
struct ReceptionTests {
    /// rep → (counted, uncounted, uncountedBy) from `report --json`.
    private func tallies(_ lobby: Lobby) throws -> [String: (counted: Int, uncounted: Int, by: [String: Int])] {
        let report = try lobby.json(["report", "--json"])
        var map: [String: (counted: Int, uncounted: Int, by: [String: Int])] = [:]
        for r in try #require(report.arr("reps"), "\(report)") {
            var by: [String: Int] = [:]
            for (k, v) in r.obj("uncountedBy") ?? [:] { by[k] = v as? Int }
            map[r.str("rep") ?? "?"] = (r.int("counted") ?? -1, r.int("uncounted") ?? -1, by)
        }
        return map
    }

    @Test("R10: a named rep who is away is covered by the rep who is up, uncounted, keeping the place")
    func coverForAbsentRep() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        lobby.at("10:01")
        try lobby.ok(["away", "Li", "--reason", "business"])
        let c = try lobby.checkin(["--rep", "Li"])
        #expect(c.str("category") == "named")
        lobby.at("10:02")
        let call = try lobby.call()
        #expect(call.str("rep") == "Wang", "R10: the rep who is up covers")
        #expect(call.str("kind") == "cover")
        var st = try lobby.status()
        #expect(st.state("Wang") == "assisting")
        #expect(st.order == ["Wang", "Li", "Zhao", "Chen"], "the cover keeps their place")
        #expect(st.up == "Zhao")
        lobby.at("10:30")
        try lobby.ok(["finish", "A001"])
        st = try lobby.status()
        #expect(st.order == ["Wang", "Li", "Zhao", "Chen"], "R10/R23: a cover costs no turn")
        #expect(st.up == "Wang")
        let t = try tallies(lobby)
        #expect(t["Wang"]?.counted == 0)
        #expect(t["Wang"]?.uncounted == 1)
        #expect(t["Wang"]?.by["R23"] == 1, "R23 says why: \(String(describing: t["Wang"]))")
    }

    @Test("R9/R12: --cover lets the rep who is up take a visitor whose named rep is busy")
    func coverForBusyRep() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        lobby.at("10:01")
        _ = try lobby.checkin()
        #expect(try lobby.call().str("rep") == "Wang")
        lobby.at("10:02")
        _ = try lobby.checkin(["--rep", "Wang"])
        let call = try lobby.call(["A002", "--cover"])
        #expect(call.str("ticket") == "A002")
        #expect(call.str("rep") == "Li")
        #expect(call.str("kind") == "cover")
        #expect(try lobby.status().state("Li") == "assisting")
    }

    @Test("R12/R3: an assisting rep keeps their place when passed")
    func assistKeepsPlace() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        lobby.at("10:01")
        _ = try lobby.checkin()
        #expect(try lobby.call().str("rep") == "Wang")
        lobby.at("10:02")
        try lobby.ok(["assist", "A001", "Li"])
        var st = try lobby.status()
        #expect(st.state("Li") == "assisting")
        #expect(st.up == "Zhao")
        lobby.at("10:03")
        _ = try lobby.checkin()
        #expect(try lobby.call().str("rep") == "Zhao", "R19: Li is assisting")
        lobby.at("10:04")
        try lobby.ok(["back", "Li"])
        st = try lobby.status()
        #expect(st.order == ["Li", "Chen"], "R3/R12: an assist never costs a turn")
        lobby.at("10:30")
        try lobby.ok(["finish", "A001"])
        try lobby.ok(["finish", "A002"])
        #expect(try lobby.status().order == ["Li", "Chen", "Wang", "Zhao"])
    }

    @Test("R13: a rep claims a waiting visitor as their own customer; uncounted, the up rep keeps the turn")
    func claim() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        lobby.at("10:01")
        _ = try lobby.checkin()
        lobby.at("10:02")
        try lobby.ok(["claim", "A001", "Chen"])
        var st = try lobby.status()
        #expect(st.state("Chen") == "serving-named")
        #expect(st.servingByTicket["A001"] == "Chen")
        #expect(st.waiting.isEmpty)
        #expect(st.up == "Wang")
        lobby.at("10:30")
        try lobby.ok(["finish", "A001"])
        st = try lobby.status()
        #expect(st.order == ["Wang", "Li", "Zhao", "Chen"])
        let t = try tallies(lobby)
        #expect(t["Chen"]?.counted == 0 && t["Chen"]?.uncounted == 1, "design.md: claims do not count")
    }

    @Test("R14: a transfer gives the customer to the new rep")
    func transfer() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        lobby.at("10:01")
        _ = try lobby.checkin(["--phone", "13987654321", "--consent", "yes"])
        #expect(try lobby.call().str("rep") == "Wang")
        lobby.at("10:10")
        try lobby.ok(["transfer", "A001", "Zhao"])
        var st = try lobby.status()
        #expect(st.serving.contains { $0.str("ticket") == "A001" && $0.str("rep") == "Zhao" }, "\(st.serving)")
        #expect(st.state("Zhao") == "serving-named")
        lobby.at("10:40")
        try lobby.ok(["finish", "A001"])
        st = try lobby.status()
        #expect(st.servingByTicket.isEmpty)

        lobby.at("15:00")
        let again = try lobby.checkin(["--phone", "13987654321", "--consent", "yes"])
        #expect(again.str("category") == "returning")
        #expect(again.str("rep") == "Zhao", "R14: the customer now belongs to Zhao")
        let t = try tallies(lobby)
        #expect(t["Zhao"]?.counted == 0 && t["Zhao"]?.by["R14"] == 1, "design.md: the new rep's part is not counted (R14)")
    }

    @Test("R24: a group that came together is one ticket, counted once")
    func groups() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        lobby.at("10:01")
        _ = try lobby.checkin()
        _ = try lobby.checkin()
        lobby.at("10:02")
        try lobby.ok(["group", "A001", "--with", "A002"])
        #expect(try lobby.status().waitingTickets == ["A001"])
        #expect(try lobby.call().str("rep") == "Wang")
        lobby.at("10:03")
        try expectRefused(lobby, ["call"], exit: 4, mentions: ["wait", "ticket", "queue", "nobody", "no one"])
        lobby.at("10:30")
        try lobby.ok(["finish", "A001"])
        let t = try tallies(lobby)
        #expect(t["Wang"]?.counted == 1)
        #expect((t["Li"]?.counted ?? 0) == 0)
        #expect(try lobby.status().order == ["Li", "Zhao", "Chen", "Wang"])
    }

    @Test("R27: a company staff visit does not count and costs no turn; R18/R26: a brought visitor counts")
    func staffAndBroughtVisitors() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        lobby.at("10:01")
        _ = try lobby.checkin(["--staff", "yes"])
        #expect(try lobby.call().str("rep") == "Wang")
        lobby.at("10:10")
        try lobby.ok(["finish", "A001"])
        #expect(try lobby.status().order == ["Wang", "Li", "Zhao", "Chen"], "design.md: uncounted → back to the place")

        lobby.at("10:11")
        let b = try lobby.checkin(["--brought", "yes", "--rep", "Zhao"])
        #expect(b.str("rep") == "Zhao")
        let call = try lobby.call()
        #expect(call.str("rep") == "Zhao", "R18: the rep the customer names")
        lobby.at("10:40")
        try lobby.ok(["finish", "A002"])
        let t = try tallies(lobby)
        #expect(t["Wang"]?.counted == 0 && t["Wang"]?.by["R27"] == 1)
        #expect(t["Zhao"]?.counted == 1, "R26: counts for the rep who receives them")
    }

    @Test("R6: a supervisor grants a make-up turn (default the head), recorded with why")
    func makeup() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        lobby.at("10:01")
        try lobby.ok(["makeup", "Chen", "--place", "2", "--why", "lost turn to system outage"])
        #expect(try lobby.status().order == ["Wang", "Chen", "Li", "Zhao"])
        lobby.at("10:02")
        try lobby.ok(["makeup", "Zhao"])
        #expect(try lobby.status().order == ["Zhao", "Wang", "Chen", "Li"], "R6: the default place is the head")
        let dump = try lobby.dump()
        #expect(dump.contains("lost turn to system outage"), "R6: recorded with why")
        let replay = lobby.run(["replay", "--date", "2026-11-23"])
        #expect(replay.status == 0, "\(replay)")
    }

    @Test("R3 businessAbsence=supervisor (a site setting): back at the tail unless made up")
    func businessAbsenceSupervisorSetting() throws {
        let lobby = try Lobby()
        let source = Harness.repoRoot.appendingPathComponent("kiosk-assets/site.json")
        var site = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: source)) as? [String: Any])
        site["businessAbsence"] = "supervisor"
        let custom = lobby.dir.appendingPathComponent("site.json")
        try JSONSerialization.data(withJSONObject: site).write(to: custom)

        lobby.site = custom.path  // the database is created with this site
        try lobby.bootstrap()
        lobby.at("10:01")
        try lobby.ok(["away", "Wang", "--reason", "business"])
        try lobby.ok(["away", "Li", "--reason", "business"])
        _ = try lobby.checkin()
        lobby.at("10:02")
        #expect(try lobby.call().str("rep") == "Zhao")
        lobby.at("10:03")
        try lobby.ok(["back", "Wang"])
        try lobby.ok(["back", "Li"])
        #expect(try lobby.status().order == ["Chen", "Wang", "Li"], "businessAbsence supervisor: passed → tail")
        try lobby.ok(["makeup", "Li", "--why", "sent to the bank by the manager"])
        #expect(try lobby.status().order == ["Li", "Chen", "Wang"])
    }

    @Test("R11: ownership lapses after 30 days without visit or follow-up; a follow-up keeps it")
    func ownershipLapse() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        lobby.at("10:01")
        _ = try lobby.checkin(["--phone", "13900000001", "--consent", "yes"])
        _ = try lobby.checkin(["--phone", "13900000002", "--consent", "yes"])
        #expect(try lobby.call().str("rep") == "Wang")
        #expect(try lobby.call().str("rep") == "Li")
        lobby.at("10:30")
        try lobby.ok(["finish", "A001"])
        try lobby.ok(["finish", "A002"])

        lobby.date = "2026-12-10"
        lobby.at("11:00")
        try lobby.ok(["followup", "13900000002", "--rep", "Li", "--note", "called about the show flat"])

        lobby.date = "2026-12-30"  // 37 days after the visits, 20 after the follow-up
        lobby.at("10:00")
        let lapsed = try lobby.checkin(["--phone", "13900000001", "--consent", "yes"])
        #expect(lapsed.str("category") == "new", "R11: ownership lapsed after 30 days: \(lapsed)")
        #expect(lapsed.isNull("rep"))
        let kept = try lobby.checkin(["--phone", "13900000002", "--consent", "yes"])
        #expect(kept.str("category") == "returning", "R11: the follow-up kept ownership: \(kept)")
        #expect(kept.str("rep") == "Li")
    }
}
