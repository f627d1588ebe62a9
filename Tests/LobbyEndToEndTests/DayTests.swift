// A business day driven entirely through the `lobby` command (interface.md), checked against
// the rotation rules (rotation.md R1–R27) and design.md.
import Foundation
import Testing

@Suite("A day at the sales center")
struct DayTests {
    @Test("a whole day: rotation, named and non-sales visitors, absences, scanning, report, replay")
    func wholeDay() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()  // Boss; Wang, Li, Zhao, Chen; roster in that order (10:00)

        var st = try lobby.status()
        #expect(st.order == ["Wang", "Li", "Zhao", "Chen"])
        #expect(st.rotation.allSatisfy { $0.state == "ready" }, "\(st.rotation)")
        #expect(st.phoneDuty == "Chen", "R16: phone duty is the last ready rep")

        // --- Check-in of a new visitor: nobody ahead, reps ready → no wait.
        lobby.at("10:01")
        let c1 = try lobby.checkin()
        #expect(c1.str("ticket") == "A001")
        #expect(c1.str("category") == "new")
        #expect(c1.int("ahead") == 0)
        #expect(c1.isNull("rep"), "rep must be null for a new visitor: \(c1)")
        let qr1 = try #require(c1.str("qr"))
        #expect(!qr1.isEmpty)
        #expect(isoDate(c1.str("issuedAt")) == isoDate(lobby.now), "issuedAt \(c1["issuedAt"] ?? "nil") vs LOBBY_NOW \(lobby.now)")
        let w1 = try #require(c1.obj("wait"), "no wait object: \(c1)")
        let p50 = try #require(w1.int("p50"), "wait.p50 is not a whole number: \(w1)")
        let p80 = try #require(w1.int("p80"), "wait.p80 is not a whole number: \(w1)")
        #expect(p80 >= p50)
        #expect(p50 == 0, "a rep is ready and nobody is ahead: the wait is 0")

        lobby.at("10:02")
        let c2 = try lobby.checkin()
        #expect(c2.str("ticket") == "A002")
        #expect(c2.int("ahead") == 1, "A001 is still waiting ahead of A002: \(c2)")
        #expect(c2.str("qr") != qr1, "each ticket has its own QR text")
        if let w = c2.obj("wait"), let a = w.int("p50"), let b = w.int("p80") { #expect(b >= a) }
        else { Issue.record("wait p50/p80 missing or not whole numbers: \(c2)") }

        st = try lobby.status()
        #expect(st.waitingTickets == ["A001", "A002"])

        // --- R1: the first ready rep receives the next new visitor.
        lobby.at("10:03")
        var call = try lobby.call()
        #expect(call.str("ticket") == "A001")
        #expect(call.str("rep") == "Wang")
        #expect(call.str("kind") == "rotation")

        lobby.at("10:04")
        call = try lobby.call()
        #expect(call.str("ticket") == "A002")
        #expect(call.str("rep") == "Li")
        #expect(call.str("kind") == "rotation")

        st = try lobby.status()
        #expect(st.rotation == [RotationEntry(rep: "Zhao", state: "ready", place: 1),
                                RotationEntry(rep: "Chen", state: "ready", place: 2)],
                "reps serving a rotation reception leave the rotation (R2)")
        #expect(st.servingByTicket == ["A001": "Wang", "A002": "Li"])
        #expect(st.serving.allSatisfy { $0.str("kind") == "rotation" }, "\(st.serving)")
        #expect(st.phoneDuty == "Chen", "R16")
        #expect(st.waiting.isEmpty)

        // --- R2: a counted rotation reception sends the rep to the tail.
        lobby.at("10:30")
        try lobby.ok(["finish", "A001"])
        st = try lobby.status()
        #expect(st.order == ["Zhao", "Chen", "Wang"])
        #expect(st.phoneDuty == "Wang", "R16: Wang is now the last ready rep")

        // --- R9: a visitor who names a busy rep waits for them.
        lobby.at("10:31")
        let c3 = try lobby.checkin(["--rep", "Li"])
        #expect(c3.str("ticket") == "A003")
        #expect(c3.str("category") == "named")
        #expect(c3.str("rep") == "Li")

        // --- R15: a non-sales visitor goes to the tail ready rep (Wang).
        lobby.at("10:32")
        let c4 = try lobby.checkin(["--purpose", "other"])
        #expect(c4.str("ticket") == "A004")
        #expect(c4.str("category") == "other")
        #expect(c4.str("rep") == "Wang", "R15: the rep is known at check-in (the tail ready rep)")

        // A003 waits for Li (busy) and does not hold up A004 ("Waiting tickets").
        lobby.at("10:33")
        call = try lobby.call()
        #expect(call.str("ticket") == "A004")
        #expect(call.str("rep") == "Wang")
        #expect(call.str("kind") == "other")
        st = try lobby.status()
        #expect(st.order == ["Zhao", "Chen", "Wang"], "R15: nobody's turn moves")
        #expect(st.state("Wang") == "serving-other")
        #expect(st.up == "Zhao")
        #expect(st.phoneDuty == "Chen", "R16: Wang is not ready; Chen is the last ready rep")
        #expect(st.waitingTickets == ["A003"])

        lobby.at("10:40")
        try lobby.ok(["finish", "A004"])
        st = try lobby.status()
        #expect(st.order == ["Zhao", "Chen", "Wang"], "R15/R22: an uncounted non-sales visit moves nobody")
        #expect(st.rotation.allSatisfy { $0.state == "ready" }, "\(st.rotation)")

        lobby.at("10:41")
        try lobby.ok(["finish", "A002"])
        #expect(try lobby.status().order == ["Zhao", "Chen", "Wang", "Li"], "R2")

        // --- Li is ready: the named ticket goes to Li, not to the rep who is up.
        lobby.at("10:42")
        call = try lobby.call()
        #expect(call.str("ticket") == "A003")
        #expect(call.str("rep") == "Li")
        #expect(call.str("kind") == "named")
        st = try lobby.status()
        #expect(st.order == ["Zhao", "Chen", "Wang", "Li"], "serving-named holds a place")
        #expect(st.state("Li") == "serving-named")
        #expect(st.up == "Zhao", "R9: the rep who was up keeps their turn")

        lobby.at("10:50")
        try lobby.ok(["finish", "A003"])
        #expect(try lobby.status().order == ["Zhao", "Chen", "Wang", "Li"])

        // --- R4: away and back without being passed → same place.
        lobby.at("10:51")
        try lobby.ok(["away", "Li", "--reason", "personal"])
        st = try lobby.status()
        #expect(st.state("Li") == "away-personal")
        #expect(st.order == ["Zhao", "Chen", "Wang", "Li"], "an away rep holds a place")
        #expect(st.phoneDuty == "Wang")
        lobby.at("10:52")
        try lobby.ok(["back", "Li"])
        #expect(try lobby.status().order == ["Zhao", "Chen", "Wang", "Li"], "R4")

        // --- R3: away-personal and passed → forfeits, joins the tail on return.
        lobby.at("10:53")
        try lobby.ok(["away", "Zhao", "--reason", "personal"])
        #expect(try lobby.status().up == "Chen")
        lobby.at("10:54")
        #expect(try lobby.checkin().str("ticket") == "A005")
        lobby.at("10:55")
        call = try lobby.call()
        #expect(call.str("ticket") == "A005")
        #expect(call.str("rep") == "Chen", "R1: Zhao is away, Chen is the first ready rep")
        lobby.at("10:56")
        try lobby.ok(["back", "Zhao"])
        st = try lobby.status()
        #expect(st.order == ["Wang", "Li", "Zhao"], "R3: a passed rep on leave joins the tail on return")
        lobby.at("11:10")
        try lobby.ok(["finish", "A005"])
        #expect(try lobby.status().order == ["Wang", "Li", "Zhao", "Chen"])

        // --- Scanning: the QR text is accepted wherever a TICKET is taken.
        lobby.at("11:11")
        let c6 = try lobby.checkin()
        #expect(c6.str("ticket") == "A006")
        let qr6 = try #require(c6.str("qr"))
        let fields = qr6.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        #expect(fields.count == 5 && fields[0] == "LOBBY1" && fields[2] == "2026-11-23" && fields[3] == "A006",
                "design.md QR text LOBBY1|<siteId>|<YYYY-MM-DD>|<ticket>|<token>, got \(qr6)")
        lobby.at("11:12")
        call = try lobby.call()
        #expect(call.str("ticket") == "A006")
        #expect(call.str("rep") == "Wang")

        lobby.at("11:20")
        // A QR text of another day, or with a wrong token, is refused (exit 4), never guessed.
        let otherDay = qr6.replacingOccurrences(of: "2026-11-23", with: "2026-11-22")
        #expect(otherDay != qr6)
        try expectRefused(lobby, ["finish", otherDay], exit: 4, mentions: ["A006", "QR", "ticket", "2026-11-22"])
        let wrongToken = String(qr6.dropLast(4)) + (qr6.hasSuffix("zzzz") ? "yyyy" : "zzzz")
        try expectRefused(lobby, ["finish", wrongToken], exit: 4, mentions: ["A006", "QR", "ticket", "token"])
        if fields.count == 5 {
            var f = fields
            f[1] = f[1] + "x"
            try expectRefused(lobby, ["finish", f.joined(separator: "|")], exit: 4,
                              mentions: ["A006", "QR", "ticket", "site"])
        }
        #expect(try lobby.status().servingByTicket["A006"] == "Wang", "the refused scans changed nothing")

        try lobby.ok(["finish", qr6])
        st = try lobby.status()
        #expect(st.servingByTicket["A006"] == nil)
        #expect(st.order == ["Li", "Zhao", "Chen", "Wang"], "R2 after a finish by QR text")

        lobby.at("11:21")
        let c7 = try lobby.checkin()
        #expect(c7.str("ticket") == "A007")
        let qr7 = try #require(c7.str("qr"))
        lobby.at("11:22")
        call = try lobby.call([qr7])
        #expect(call.str("ticket") == "A007", "call accepts the QR text as TICKET")
        #expect(call.str("rep") == "Li")
        lobby.at("11:40")
        try lobby.ok(["finish", "A007"])
        #expect(try lobby.status().order == ["Zhao", "Chen", "Wang", "Li"])

        // --- Report: counted and uncounted per rep (R20, R22).
        lobby.at("12:00")
        let report = try lobby.json(["report", "--json"])
        #expect(report.str("date") == "2026-11-23")
        #expect(report.int("visitors") == 7)
        let reps = try #require(report.arr("reps"), "report has no reps: \(report)")
        var tally: [String: (counted: Int, uncounted: Int)] = [:]
        for r in reps {
            let name = try #require(r.str("rep"))
            let counted = try #require(r.int("counted"), "\(r)")
            let uncounted = try #require(r.int("uncounted"), "\(r)")
            tally[name] = (counted, uncounted)
        }
        func t(_ rep: String) -> [Int] { tally[rep].map { [$0.counted, $0.uncounted] } ?? [0, 0] }
        #expect(t("Wang") == [2, 1], "Wang: A001, A006 counted; A004 non-sales uncounted (R22)")
        #expect(t("Li") == [3, 0], "Li: A002 rotation, A003 named, A007 counted (R20)")
        #expect(t("Chen") == [1, 0])
        #expect(t("Zhao") == [0, 0])
        let total = tally.values.reduce(0) { $0 + $1.counted + $1.uncounted }
        #expect(total == 7, "every one of the 7 receptions is either counted or not: \(tally)")
        if let wang = reps.first(where: { $0.str("rep") == "Wang" }), let by = wang.obj("uncountedBy") {
            #expect(by.int("R22") == 1, "design.md: uncountedBy names the rule: \(by)")
        } else {
            Issue.record("design.md: report reps carry uncountedBy: \(reps)")
        }
        let wait = try #require(report.obj("wait"), "report has no wait: \(report)")
        #expect(wait["mean"] is NSNumber && wait["p90"] is NSNumber, "\(wait)")

        let csv = lobby.run(["report", "--csv"])
        #expect(csv.status == 0, "\(csv)")
        #expect(csv.stdout.contains("Wang") && csv.stdout.contains("Li"), "\(csv)")

        // --- The day is reconstructible from its events.
        let replay = lobby.run(["replay", "--date", "2026-11-23"])
        #expect(replay.status == 0, "\(replay)")
    }

    @Test("R3/R4: a business absence keeps the place, a personal one forfeits it when passed")
    func passedRepsByReason() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        lobby.at("10:01")
        try lobby.ok(["away", "Wang", "--reason", "business"])
        try lobby.ok(["away", "Li", "--reason", "personal"])
        var st = try lobby.status()
        #expect(st.up == "Zhao")
        #expect(st.state("Wang") == "away-business")
        lobby.at("10:02")
        _ = try lobby.checkin()
        lobby.at("10:03")
        let call = try lobby.call()
        #expect(call.str("rep") == "Zhao", "R1: the first ready rep")
        lobby.at("10:04")
        try lobby.ok(["back", "Wang"])
        try lobby.ok(["back", "Li"])
        st = try lobby.status()
        #expect(st.order == ["Wang", "Chen", "Li"],
                "R3: away-business keeps its place (businessAbsence keep), away-personal joins the tail")
        lobby.at("10:30")
        try lobby.ok(["finish", "A001"])
        st = try lobby.status()
        #expect(st.order == ["Wang", "Chen", "Li", "Zhao"])
        #expect(st.up == "Wang")
    }

    @Test("R9/R3: a rep serving a named visitor keeps the place unless passed, then goes to the tail")
    func servingNamedForfeitsWhenPassed() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()

        // Not passed: back to the same place (R4).
        lobby.at("10:01")
        #expect(try lobby.checkin(["--rep", "Wang"]).str("category") == "named")
        var call = try lobby.call()
        #expect(call.str("rep") == "Wang")
        #expect(call.str("kind") == "named")
        lobby.at("10:20")
        try lobby.ok(["finish", "A001"])
        #expect(try lobby.status().order == ["Wang", "Li", "Zhao", "Chen"], "R4/R9: Wang keeps the turn")

        // Passed while serving-named: forfeits this round (轮空) and joins the tail on finishing.
        lobby.at("10:21")
        _ = try lobby.checkin(["--rep", "Wang"])
        call = try lobby.call()
        #expect(call.str("ticket") == "A002")
        #expect(call.str("rep") == "Wang")
        lobby.at("10:22")
        _ = try lobby.checkin()
        call = try lobby.call()
        #expect(call.str("ticket") == "A003")
        #expect(call.str("rep") == "Li", "R1/R19: Wang is busy; Li is the first ready rep")
        #expect(call.str("kind") == "rotation")
        lobby.at("10:40")
        try lobby.ok(["finish", "A002"])
        #expect(try lobby.status().order == ["Zhao", "Chen", "Wang"], "R3: serving-named and passed → tail")
        lobby.at("10:41")
        try lobby.ok(["finish", "A003"])
        #expect(try lobby.status().order == ["Zhao", "Chen", "Wang", "Li"], "R2")
    }

    @Test("noshow: the rep goes back to the place held; the ticket is closed")
    func noshow() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        lobby.at("10:01")
        _ = try lobby.checkin()
        lobby.at("10:02")
        #expect(try lobby.call().str("rep") == "Wang")
        lobby.at("10:05")
        try lobby.ok(["noshow", "A001"])
        let st = try lobby.status()
        #expect(st.rotation == [RotationEntry(rep: "Wang", state: "ready", place: 1),
                                RotationEntry(rep: "Li", state: "ready", place: 2),
                                RotationEntry(rep: "Zhao", state: "ready", place: 3),
                                RotationEntry(rep: "Chen", state: "ready", place: 4)])
        #expect(st.waiting.isEmpty && st.serving.isEmpty, "the ticket is closed, not requeued")
        let again = lobby.run(["finish", "A001"])
        #expect(again.status == 1, "a closed ticket cannot be finished\n\(again)")
        let report = try lobby.json(["report", "--json"])
        let wang = report.arr("reps")?.first { $0.str("rep") == "Wang" }
        #expect((wang?.int("counted") ?? 0) == 0, "a no-show is no counted reception: \(report)")
    }

    @Test("R21: a reception outside working hours is recorded as uncounted and costs no turn")
    func outsideWorkingHours() throws {
        let lobby = try Lobby()
        lobby.at("08:30")
        try lobby.bootstrap()
        lobby.at("08:31")
        _ = try lobby.checkin()
        lobby.at("08:32")
        #expect(try lobby.call().str("rep") == "Wang")
        lobby.at("08:50")
        try lobby.ok(["finish", "A001"])
        #expect(try lobby.status().order == ["Wang", "Li", "Zhao", "Chen"],
                "design.md: an uncounted rotation reception returns the rep to the place held")
        let report = try lobby.json(["report", "--json"])
        let wang = try #require(report.arr("reps")?.first { $0.str("rep") == "Wang" }, "\(report)")
        #expect(wang.int("counted") == 0)
        #expect(wang.int("uncounted") == 1)
        #expect(wang.obj("uncountedBy")?.int("R21") == 1, "\(wang)")
    }

    @Test("R5: the next day opens with the closing order; numbers restart; yesterday's QR is refused")
    func dayRollover() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        lobby.at("10:01")
        let c1 = try lobby.checkin()
        let qr1 = try #require(c1.str("qr"))
        lobby.at("10:02")
        _ = try lobby.call()
        lobby.at("10:30")
        try lobby.ok(["finish", "A001"])
        lobby.at("10:31")
        _ = try lobby.checkin()
        #expect(try lobby.call().str("rep") == "Li")
        lobby.at("10:50")
        try lobby.ok(["finish", "A002"])
        #expect(try lobby.status().order == ["Zhao", "Chen", "Wang", "Li"])

        lobby.date = "2026-11-24"
        lobby.at("09:30")
        let st = try lobby.status()
        #expect(st.raw.str("day") == "2026-11-24")
        #expect(st.order == ["Zhao", "Chen", "Wang", "Li"], "R5: the closing order carries over")
        #expect(st.rotation.allSatisfy { $0.state == "ready" }, "\(st.rotation)")
        let c = try lobby.checkin()
        #expect(c.str("ticket") == "A001", "ticket numbers are per business day")
        #expect(c.str("qr") != qr1)
        try expectRefused(lobby, ["call", qr1], exit: 4, mentions: ["A001", "QR", "ticket", "2026-11-23"])
        lobby.at("09:31")
        #expect(try lobby.call().str("rep") == "Zhao")

        let replay = lobby.run(["replay", "--date", "2026-11-23"])
        #expect(replay.status == 0, "\(replay)")
    }
}
