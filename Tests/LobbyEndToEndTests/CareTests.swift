// Satisfaction (满意度) and complaints (投诉) through the executable: `feedback`, the kiosk's
// question for a departing visitor, `complaint add|resolve`, `complaints`, the desk's reminder
// and the report's figures, checked against what each test did.
import Foundation
import LobbyStore
import Testing

extension Lobby {
    /// The Unix time of `hh:mm` on the current date (+08:00), as the store keeps instants.
    func instant(_ hhmm: String, date: String? = nil) throws -> Int {
        let text = "\(date ?? self.date)T\(hhmm):00+08:00"
        return Int(try #require(isoDate(text), "not a time: \(text)").timeIntervalSince1970)
    }

    /// One row of `query` as its columns.
    func columns(_ query: String) throws -> [String] {
        try #require(try rows(query).first, "no row for \(query)").components(separatedBy: "|")
    }
}

/// A JSON number, whole or not.
private func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }

@Suite("Satisfaction and complaints")
struct CareTests {
    /// Boss, and Wang (PIN), Li, Zhao, Chen on today's roster.
    private func team() throws -> Lobby {
        let lobby = try Lobby()
        try lobby.bootstrap(pins: ["Wang": "112233"])
        lobby.at("10:01")
        return lobby
    }

    @Test("feedback: one answer per ticket, a second replaces the first and says so; the receiving rep's score; the comment sealed")
    func feedbackReplace() throws {
        let lobby = try team()
        _ = try lobby.checkin()
        let second = try lobby.checkin()
        lobby.at("10:05")
        #expect(try lobby.call().str("rep") == "Wang")
        // The visitor asks for another rep: the first reception stands (R14), and so does whose score it is.
        try lobby.ok(["transfer", "A001", "Zhao"])

        let first = try lobby.json(["feedback", "A001", "--score", "4", "--comment", "顾问很耐心", "--json"])
        #expect(first.str("ticket") == "A001" && first.int("score") == 4 && first.str("rep") == "Wang", "\(first)")
        #expect(first.bool("replaced") == false, "\(first)")
        let stored = try lobby.columns("SELECT rep, score, comment FROM feedback WHERE ticket = 'A001'")
        #expect(stored[0] == "Wang" && stored[1] == "4")
        #expect(stored[2].hasPrefix("s1:"), "the comment is sealed at rest: \(stored)")
        #expect(try lobby.unsealed(stored[2]) == "顾问很耐心")

        lobby.at("10:30")
        let again = try lobby.ok(["feedback", "A001", "--score", "2"])
        #expect(again.stdout.contains("replaced"), "a second answer says it replaced the first\n\(again)")
        let replaced = try lobby.json(["feedback", "A001", "--score", "3", "--comment", "停车不方便", "--json"])
        #expect(replaced.bool("replaced") == true && replaced.int("score") == 3, "\(replaced)")
        #expect(try lobby.rows("SELECT count(*) FROM feedback") == ["1"], "one answer per ticket")
        let now = try lobby.columns("SELECT score, at, comment FROM feedback WHERE ticket = 'A001'")
        let at1030 = String(try lobby.instant("10:30"))
        #expect(now[0] == "3" && now[1] == at1030, "\(now)")
        #expect(try lobby.unsealed(now[2]) == "停车不方便")
        #expect(lobby.rawBytes().range(of: Data("停车不方便".utf8)) == nil, "no comment in clear in the database file")
        #expect(lobby.rawBytes().range(of: Data("顾问很耐心".utf8)) == nil, "no replaced comment in clear either")

        // By the QR text, for a visitor nobody received: no rep to attribute it to.
        let byCode = try lobby.json(["feedback", try #require(second.str("qr")), "--score", "5", "--json"])
        #expect(byCode.str("ticket") == "A002" && byCode.isNull("rep") && byCode.bool("replaced") == false, "\(byCode)")

        try expectRefused(lobby, ["feedback", "A009", "--score", "3"], exit: 4, mentions: ["A009"])
        try expectRefused(lobby, ["feedback", "A001", "--score", "6"], exit: 2, mentions: ["--score"])
        try expectRefused(lobby, ["feedback", "A001", "--score", "0"], exit: 2, mentions: ["--score"])
        try expectRefused(lobby, ["feedback", "A001"], exit: 2, mentions: ["--score"])
        try expectRefused(lobby, ["feedback", "A001", "--score", "3", "--comment", "a\u{1B}[2Jb"], exit: 1, mentions: ["comment"])
        let feed = try lobby.ok(["feed"]).stdout + (try lobby.ok(["status"]).stdout)
        #expect(!feed.contains("停车") && !feed.contains("s1:"), "no comment in the feed or status\n\(feed)")
    }

    @Test("the kiosk: a departing visitor types or scans their ticket at the first question, scores 1–5, an optional comment")
    func kioskFeedback() throws {
        let lobby = try team()
        let ticket = try lobby.checkin()
        lobby.at("10:05")
        _ = try lobby.call()
        lobby.at("10:40")
        try lobby.ok(["finish", "A001"])

        // In Chinese, the number typed as people type it; a wrong score asked again with the reason.
        let r = lobby.kiosk(["a1", "6", "５分", "环境很好"])
        #expect(r.status == 0, "\(r)")
        let out = r.stdout
        #expect(out.contains(KioskTexts.zh("welcomeFeedback", ["example": "A007"])), "the first screen offers it\n\(out)")
        #expect(out.contains(KioskTexts.zh("feedback.score", ["ticket": "A001"])), "\(out)")
        #expect(out.contains(KioskTexts.zh("retry", ["reason": KioskTexts.zh("feedback.badScore")])), "\(out)")
        #expect(out.contains(KioskTexts.zh("feedback.comment", ["days": "180"])), "the comment question says how long it is kept\n\(out)")
        #expect(out.contains(KioskTexts.zh("feedback.thanks")), "\(out)")
        #expect(!out.contains(KioskTexts.zh("feedback.replaced")), "\(out)")
        #expect(!out.contains(KioskTexts.zh("ticketTitle") + ":"), "no ticket is issued to a departing visitor\n\(out)")
        #expect(try lobby.ticketCount() == 1)
        let row = try lobby.columns("SELECT ticket, rep, score, comment FROM feedback")
        #expect(Array(row.prefix(3)) == ["A001", "Wang", "5"], "\(row)")
        #expect(try lobby.unsealed(row[3]) == "环境很好")

        // In English, the ticket scanned (its QR text), the comment skipped: it replaces the first answer and says so.
        lobby.at("10:45")
        let qr = try #require(ticket.str("qr"))
        let again = lobby.kiosk(["en", qr, "3", ""])
        #expect(again.status == 0, "\(again)")
        #expect(again.stdout.contains(KioskTexts.en("feedback.score", ["ticket": "A001"])), "\(again)")
        #expect(again.stdout.contains(KioskTexts.en("feedback.replaced")), "\(again)")
        #expect(try lobby.rows("SELECT ticket, rep, score, comment FROM feedback") == ["A001|Wang|3|NULL"])

        // A number not issued today is told so; three wrong scores record nothing; then the next
        // visitor checks in as usual.
        let more = lobby.kiosk(["A042", "A001", "x", "0", "9", "3", ""])
        #expect(more.status == 0, "\(more)")
        #expect(more.stdout.contains(KioskTexts.zh("feedback.noTicket")), "\(more)")
        #expect(more.stdout.contains(KioskTexts.zh("feedback.skipped")), "\(more)")
        #expect(try lobby.rows("SELECT score FROM feedback") == ["3"], "three wrong scores change nothing")
        #expect(more.stdout.contains(KioskTexts.zh("ticketTitle") + ":  A002"), "the kiosk serves the next visitor\n\(more)")
        #expect(try lobby.rows("SELECT id, purpose FROM tickets WHERE id = 'A002'") == ["A002|other"])
    }

    @Test("complaint add and resolve: opening and resolution times, who, the text sealed and shown to supervisors only")
    func complaintTimes() throws {
        let lobby = try team()
        _ = try lobby.checkin(["--consent", "yes", "--name", "张伟", "--phone", "13812345678"])
        lobby.at("10:10")
        let first = try lobby.json(["complaint", "add", "--ticket", "A001", "--text", "等了四十分钟没人接待", "--rep", "Wang", "--json"])
        let id1 = try #require(first.int("id"))
        #expect(isoDate(first.str("openedAt")).map { Int($0.timeIntervalSince1970) } == (try lobby.instant("10:10")), "\(first)")
        lobby.at("10:30")
        let second = try lobby.ok(["complaint", "add", "--phone", "138 1234 5678", "--text", "回访电话太多"])
        #expect(second.stdout.contains("Complaint 2 opened"), "\(second)")
        lobby.at("11:30")
        try lobby.ok(["complaint", "add", "--text", "洗手间没有纸"])

        let row = try lobby.columns("SELECT day, ticket, rep, opened_at, opened_by, resolved_at, text, customer IS NOT NULL FROM complaints WHERE id = \(id1)")
        #expect(Array(row.prefix(6)) == ["2026-11-23", "A001", "Wang", String(try lobby.instant("10:10")), "Boss", "NULL"], "\(row)")
        #expect(row[6].hasPrefix("s1:"), "\(row)")
        #expect(try lobby.unsealed(row[6]) == "等了四十分钟没人接待")
        #expect(row[7] == "1", "a consenting visitor's ticket links the complaint to them")
        #expect(try lobby.rows("SELECT customer IS NOT NULL, ticket FROM complaints WHERE id = 2") == ["1|NULL"], "found by phone")
        #expect(lobby.rawBytes().range(of: Data("回访电话太多".utf8)) == nil, "no complaint text in clear")

        lobby.at("11:45")
        let resolved = try lobby.json(["complaint", "resolve", String(id1), "--note", "已致电道歉", "--json"])
        #expect(resolved.int("handlingMinutes") == 95, "\(resolved)")
        let closed = try lobby.columns("SELECT opened_at, resolved_at, resolved_by, resolution FROM complaints WHERE id = \(id1)")
        let (opened, resolvedAt) = (String(try lobby.instant("10:10")), String(try lobby.instant("11:45")))
        #expect(closed[0] == opened && closed[1] == resolvedAt && closed[2] == "Boss", "\(closed)")
        #expect(try lobby.unsealed(closed[3]) == "已致电道歉")
        try expectRefused(lobby, ["complaint", "resolve", String(id1), "--note", "again"], exit: 1, mentions: ["resolved already"])
        try expectRefused(lobby, ["complaint", "resolve", "99", "--note", "x"], exit: 4, mentions: ["99"])
        try expectRefused(lobby, ["complaint", "resolve", "one", "--note", "x"], exit: 2, mentions: ["'one'"])
        try expectRefused(lobby, ["complaint", "add", "--ticket", "A001", "--phone", "13812345678", "--text", "x"], exit: 2, mentions: ["not both"])
        try expectRefused(lobby, ["complaint", "add", "--phone", "13900000000", "--text", "x"], exit: 4, mentions: ["customer"])
        try expectRefused(lobby, ["complaint", "add", "--ticket", "A077", "--text", "x"], exit: 4, mentions: ["A077"])
        try expectRefused(lobby, ["complaint", "add", "--text", "  "], exit: 1, mentions: ["text"])
        try expectRefused(lobby, ["complaint", "add", "--text", "x", "--rep", "Nobody"], exit: 4, mentions: ["Nobody"])

        // The supervisor's list: every complaint with its times and texts; each text about a known customer is logged.
        let logged = try lobby.rows("SELECT count(*) FROM access_log").first
        let list = try #require(try lobby.json(["complaints", "--json"]).arr("complaints"))
        #expect(list.map { $0.int("id") ?? 0 } == [1, 2, 3], "\(list)")
        #expect(list[0].bool("open") == false && list[0].int("handlingMinutes") == 95 && list[0].str("resolvedBy") == "Boss", "\(list[0])")
        #expect(list[0].str("text") == "等了四十分钟没人接待" && list[0].str("resolution") == "已致电道歉", "\(list[0])")
        #expect(list[1].bool("open") == true && list[1].isNull("resolvedAt") && list[1].isNull("handlingMinutes"), "\(list[1])")
        #expect(list.allSatisfy { $0.bool("overdue") == false }, "nothing is a day old yet")
        #expect(try lobby.rows("SELECT count(*) FROM access_log").first.flatMap { Int($0) } == (logged.flatMap { Int($0) } ?? -9) + 2,
                "the two texts about a known customer are in the access log")
        let open = try #require(try lobby.json(["complaints", "--open", "--json"]).arr("complaints"))
        #expect(open.map { $0.int("id") ?? 0 } == [2, 3], "\(open)")

        // A rep lists them without the texts; nothing is logged for that.
        let asRep = ["LOBBY_ACTOR": "Wang", "LOBBY_PIN": "112233"]
        let repList = try #require(try lobby.json(["complaints", "--json"], env: asRep).arr("complaints"))
        #expect(repList.count == 3 && repList.allSatisfy { $0.isNull("text") && $0.isNull("resolution") }, "\(repList)")
        let plain = try lobby.ok(["complaints"], env: asRep).stdout
        #expect(!plain.contains("纸") && !plain.contains("电话"), "\(plain)")

        // The next morning the desk shows the complaint open for more than 24 h, by id, never its text.
        lobby.date = "2026-11-24"
        lobby.at("11:00")
        let desk = lobby.run(["desk", "--lang", "en"], stdin: "who\nquit\n")
        #expect(desk.status == 0, "\(desk)")
        let item = KioskTexts.en("deskComplaintItem", ["id": "2", "opened": "2026-11-23 10:30", "hours": "24"])
        let line = KioskTexts.en("deskComplaintsOverdue", ["n": "1", "list": item])
        #expect(occurrences(of: line, in: desk.stdout) == 2, "at the start and with who\n\(desk)")
        #expect(!desk.stdout.contains("#3") && !desk.stdout.contains("回访") && !desk.stdout.contains("纸"), "\(desk)")
        let overdue = try #require(try lobby.json(["complaints", "--open", "--json"]).arr("complaints"))
        #expect(overdue.map { $0.bool("overdue") ?? false } == [true, false], "\(overdue)")
    }

    @Test("a rep is refused resolving a complaint (a supervisor action, R6), recorded; the complaint stays open")
    func repRefusedResolving() throws {
        let lobby = try team()
        try lobby.ok(["complaint", "add", "--text", "前台态度不好"], env: ["LOBBY_ACTOR": "Wang", "LOBBY_PIN": "112233"])
        #expect(try lobby.rows("SELECT opened_by, resolved_at IS NULL FROM complaints") == ["Wang|1"], "any staff member opens one")
        try expectRefused(lobby, ["complaint", "resolve", "1", "--note", "处理好了"], exit: 1, mentions: ["supervisor"],
                          env: ["LOBBY_ACTOR": "Wang", "LOBBY_PIN": "112233"], recorded: true)
        try expectRefused(lobby, ["complaint", "add", "--text", "x"], exit: 1, mentions: ["staff list"],
                          env: ["LOBBY_ACTOR": "visitor"], unset: ["LOBBY_PIN"], recorded: true)
        #expect(try lobby.rows("SELECT resolved_at IS NULL, resolution IS NULL FROM complaints") == ["1|1"])
        try lobby.ok(["complaint", "resolve", "1", "--note", "处理好了"])
        #expect(try lobby.rows("SELECT resolved_by FROM complaints") == ["Boss"])
    }

    @Test("the report's satisfaction and complaints come from these answers, figures computed here")
    func reportFigures() throws {
        let lobby = try team()
        for _ in 0..<5 { _ = try lobby.checkin() }
        lobby.at("10:05")
        var reps: [String: String] = [:]
        for _ in 0..<3 {
            let call = try lobby.call()
            reps[try #require(call.str("ticket"))] = call.str("rep")
        }
        // The answers as the visitors last gave them; A003's first answer is replaced.
        let answers: [(ticket: String, score: Int, comment: String?)] = [
            ("A001", 5, "非常专业"), ("A002", 3, nil), ("A003", 2, "等太久"), ("A003", 4, nil), ("A004", 1, "没人理我"),
        ]
        for answer in answers {
            try lobby.ok(["feedback", answer.ticket, "--score", String(answer.score)] + (answer.comment.map { ["--comment", $0] } ?? []))
        }
        var final: [String: (score: Int, comment: String?)] = [:]
        for answer in answers { final[answer.ticket] = (answer.score, answer.comment) }
        let scores = final.values.map(\.score)

        let times: [(open: String, resolved: String?)] = [("10:10", "10:55"), ("10:20", nil), ("10:40", "12:40")]
        for (index, complaint) in times.enumerated() {
            lobby.at(complaint.open)
            try lobby.ok(["complaint", "add", "--text", "complaint \(index)"])
        }
        for (index, complaint) in times.enumerated() {
            guard let resolved = complaint.resolved else { continue }
            lobby.at(resolved)
            try lobby.ok(["complaint", "resolve", String(index + 1), "--note", "done"])
        }
        var handling: [Double] = []
        for complaint in times {
            guard let resolved = complaint.resolved else { continue }
            handling.append(Double(try lobby.instant(resolved) - lobby.instant(complaint.open)) / 60)
        }
        handling.sort()
        let median = handling.count % 2 == 1 ? handling[handling.count / 2]
            : (handling[handling.count / 2 - 1] + handling[handling.count / 2]) / 2

        lobby.at("13:00")
        let report = try lobby.json(["report", "--json"])
        let s = try #require(report.obj("satisfaction"), "\(report)")
        #expect(s.int("n") == scores.count, "\(s)")
        let mean = Double(scores.reduce(0, +)) / Double(scores.count)
        #expect(abs((number(s["mean"]) ?? -1) - mean) <= 0.051, "mean \(mean): \(s)")
        for score in 1...5 {
            #expect((s.obj("distribution")?[String(score)] as? Int) == scores.filter { $0 == score }.count, "score \(score): \(s)")
        }
        let comments = (s["comments"] as? [[String: Any]] ?? []).map { "\($0.str("ticket") ?? "")|\($0.int("score") ?? 0)|\($0.str("comment") ?? "")" }
        let expected = final.filter { $0.value.comment != nil }.map { "\($0.key)|\($0.value.score)|\($0.value.comment ?? "")" }
        #expect(Set(comments) == Set(expected) && comments.count == expected.count, "comments opened with the key: \(comments)")
        for rep in Set(reps.values) {
            let theirs = final.filter { reps[$0.key] == rep }.map { Double($0.value.score) }
            let figure = try #require(report.arr("reps")?.first { $0.str("rep") == rep }?.obj("satisfaction"), "\(rep): \(report)")
            #expect(figure.int("n") == theirs.count, "\(rep): \(figure)")
            #expect(abs((number(figure["mean"]) ?? -1) - theirs.reduce(0, +) / Double(max(theirs.count, 1))) <= 0.051, "\(rep): \(figure)")
        }
        #expect(try lobby.rows("SELECT ticket, rep FROM feedback WHERE ticket = 'A004'") == ["A004|NULL"], "a visitor nobody received has no rep")

        let c = try #require(report.obj("complaints"), "\(report)")
        #expect(c.int("opened") == times.count && c.int("resolved") == handling.count, "\(c)")
        #expect(c.int("stillOpen") == times.filter { $0.resolved == nil }.count, "\(c)")
        #expect(abs((number(c["handlingMedian"]) ?? -1) - median) <= 0.051, "median \(median): \(c)")
        #expect(abs((number(c["handlingLongest"]) ?? -1) - (handling.last ?? 0)) <= 0.051, "\(c)")
    }

    @Test("retention forgets a customer with complaints and comments: the texts go, the counts stay")
    func retention() throws {
        let lobby = try team()
        _ = try lobby.checkin(["--consent", "yes", "--name", "李娜", "--phone", "13911112222"])
        _ = try lobby.call()
        try lobby.ok(["feedback", "A001", "--score", "2", "--comment", "李娜说不满意"])
        try lobby.ok(["complaint", "add", "--phone", "13911112222", "--text", "李娜投诉"])
        try lobby.ok(["complaint", "add", "--text", "无主投诉"])
        try lobby.ok(["complaint", "resolve", "2", "--note", "ok"])
        lobby.date = "2027-06-30"  // more than retentionDays (180) later: the first write forgets them
        try lobby.ok(["checkin"])
        #expect(try lobby.customerCount() == 0)
        #expect(try lobby.rows("SELECT customer, text, resolution FROM complaints ORDER BY id") == ["NULL||NULL", "NULL||NULL"], "texts forgotten")
        #expect(try lobby.rows("SELECT ticket, score, comment FROM feedback") == ["A001|2|NULL"], "the score stays, the comment goes")
        let report = try lobby.json(["report", "--date", "2026-11-23", "--json"])
        #expect(report.obj("complaints")?.int("opened") == 2 && report.obj("satisfaction")?.int("n") == 1, "\(report)")
    }
}
