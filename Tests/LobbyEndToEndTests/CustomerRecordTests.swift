// Who the consultant is receiving, customer records and follow-up (R11): `visitor`,
// `customer PHONE|TICKET`, `customers --rep [--lapsing-within]`, who may see what, and the
// access log that records every view.
import Foundation
import Testing

extension Lobby {
    /// The instant of `date` `time` on the site's clock (+08:00), in seconds since 1970.
    func epoch(_ date: String, _ time: String) throws -> Int64 {
        let seconds = try #require(isoDate("\(date)T\(time):00+08:00")).timeIntervalSince1970
        return Int64(seconds)
    }

    /// The local date (+08:00) of an instant.
    func localDate(_ seconds: Int64) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// The access log as rows "actor|action|customer|what".
    func accessLog() throws -> [String] {
        try rows("SELECT actor, action, coalesce(customer, 'NULL'), what FROM access_log ORDER BY id")
    }

    /// A visitor received by `rep` (named, R9) at `time` on `date`, then finished.
    func received(by rep: String, date: String, time: String, _ extra: [String]) throws -> String {
        self.date = date
        at(time)
        let ticket = try #require(try checkin(extra + ["--rep", rep]).str("ticket"))
        let called = try call([ticket])
        try #require(called.str("rep") == rep, "\(called)")
        try ok(["finish", ticket])
        return ticket
    }
}

@Suite("Customer records and the visitor being received")
struct CustomerRecordTests {
    static let lapseDays: Int64 = 30  // kiosk-assets/site.json ownershipLapseDays

    @Test("visitor TICKET: the consented details, earlier visits and who received them, owner and lapse date, follow-ups, open bookings")
    func visitor() throws {
        let lobby = try Lobby()
        lobby.date = "2026-11-20"
        try lobby.bootstrap(pins: ["Wang": "112233", "Li": "445566"])
        let phone = "13811112222"
        let person = ["--name", "王秀英", "--phone", phone, "--consent", "yes"]
        let first = try lobby.received(by: "Wang", date: "2026-11-20", time: "10:00", person + ["--project", "滨江壹号"])
        lobby.date = "2026-11-21"
        lobby.at("15:30")
        try lobby.ok(["followup", phone, "--rep", "Wang", "--note", "想看三房 ZQX"])
        let customer = try #require(try lobby.rows("SELECT customer FROM tickets WHERE id = '\(first)'").first)
        // Bookings are another command's; their table is read as it stands: one open, one cancelled,
        // both for tomorrow (a booking of today would be kept by today's check-in, BookingTests).
        let bookingAt = try lobby.epoch("2026-11-24", "15:00")
        #expect(try lobby.sql("""
            INSERT INTO bookings(code, customer, rep, at, party, status, made_at, made_by) VALUES
            ('BK7Q', \(customer), 'Wang', \(bookingAt), 3, 'open', \(bookingAt - 86_400), 'Boss'),
            ('BK2X', \(customer), 'Wang', \(bookingAt - 3600), 2, 'cancelled', \(bookingAt - 86_400), 'Boss')
            """) == 0)

        // Today the returning customer checks in (R11: routed to Wang) and Wang takes the call.
        lobby.date = "2026-11-23"
        lobby.at("11:00")
        let today = try lobby.checkin(person + ["--project", "滨江壹号 B 区", "--budget", "500万", "--party", "3"])
        let ticket = try #require(today.str("ticket"))
        #expect(today.str("rep") == "Wang" && today.str("category") == "returning", "\(today)")
        lobby.at("11:05")
        #expect(try lobby.call([ticket]).str("rep") == "Wang")
        let lastActivity = try lobby.epoch("2026-11-23", "11:05")  // the call renews the ownership

        let wang = ["LOBBY_ACTOR": "Wang", "LOBBY_PIN": "112233"]
        let shown = try lobby.json(["visitor", ticket, "--json"], env: wang)
        #expect(shown.bool("consent") == true)
        #expect(shown.str("name") == "王秀英" && shown.str("phone") == phone)
        #expect(shown.str("project") == "滨江壹号 B 区" && shown.str("budget") == "500万" && shown.int("party") == 3)
        #expect(shown.str("rep") == "Wang" && shown.str("owner") == "Wang")
        #expect(shown.str("lapses") == lobby.localDate(lastActivity + Self.lapseDays * 86_400), "\(shown)")
        let earlier = try #require(shown.arr("earlierVisits"))
        #expect(earlier.count == 1 && earlier.first?.str("date") == "2026-11-20" && earlier.first?.str("ticket") == first
                && earlier.first?.str("rep") == "Wang", "\(earlier)")
        let followups = try #require(shown.arr("followups"))
        #expect(followups.map { $0.str("note") } == ["想看三房 ZQX"] && followups.first?.str("rep") == "Wang", "\(followups)")
        let bookings = try #require(shown.arr("bookings"))
        #expect(bookings.map { $0.str("code") } == ["BK7Q"], "only the open booking: \(bookings)")
        #expect(bookings.first?.int("party") == 3)
        #expect(isoDate(bookings.first?.str("at")).map { Int64($0.timeIntervalSince1970) } == bookingAt)

        // The text form: the same in the staff's language.
        let text = try lobby.ok(["visitor", ticket, "--lang", "en"], env: wang).stdout
        let textLines = text.split(separator: "\n").map(String.init)
        #expect(textLines.first?.hasPrefix("\(ticket) 王秀英 · \(phone) · party of 3") == true, "\(text)")
        #expect(textLines.count > 1 && textLines[1].contains("1 earlier visits (last 2026-11-20, received by Wang)")
                && textLines[1].contains("owned by Wang until \(lobby.localDate(lastActivity + Self.lapseDays * 86_400))")
                && textLines[1].contains("1 follow-ups") && textLines[1].contains("BK7Q 2026-11-24 15:00 Wang"), "\(text)")

        // An anonymous visitor: nothing kept, nothing shown, nothing read.
        let anonymous = try #require(try lobby.checkin(["--name", "Nobody", "--phone", "13900001111"]).str("ticket"))
        let before = try lobby.accessLog()
        let none = try lobby.json(["visitor", anonymous, "--json"])
        #expect(none.bool("consent") == false && none["name"] == nil && none["phone"] == nil, "\(none)")
        #expect(try lobby.accessLog() == before)
        #expect(lobby.run(["visitor", "A999"]).status == 4)
    }

    @Test("customer PHONE|TICKET: owner, lapse date, first visit, visits, receptions and by whom, follow-ups, bookings, complaints, satisfaction")
    func customerRecord() throws {
        let lobby = try Lobby()
        lobby.date = "2026-11-10"
        try lobby.bootstrap()
        let phone = "13722223333"
        let person = ["--name", "Chen Jing", "--phone", phone, "--consent", "yes"]
        let a = try lobby.received(by: "Li", date: "2026-11-10", time: "14:00", person)
        let b = try lobby.received(by: "Li", date: "2026-11-18", time: "16:20", person)
        lobby.date = "2026-11-19"
        lobby.at("09:30")
        try lobby.ok(["followup", phone, "--rep", "Li", "--note", "call back Friday"])
        let followupAt = try lobby.epoch("2026-11-19", "09:30")
        let customer = try #require(try lobby.rows("SELECT customer FROM tickets WHERE id = '\(a)' AND day = '2026-11-10'").first)
        // Satisfaction, complaints and bookings are other commands'; their rows are read as stored.
        let scores = [4, 5]
        #expect(try lobby.sql("""
            INSERT INTO feedback(day, ticket, rep, score, at) VALUES
            ('2026-11-10', '\(a)', 'Li', \(scores[0]), \(try lobby.epoch("2026-11-10", "15:00"))),
            ('2026-11-18', '\(b)', 'Li', \(scores[1]), \(try lobby.epoch("2026-11-18", "17:00")));
            INSERT INTO complaints(customer, day, ticket, rep, text, opened_at, opened_by, resolved_at, resolved_by, resolution)
            VALUES (\(customer), '2026-11-18', '\(b)', 'Li', 'waited too long', \(try lobby.epoch("2026-11-18", "17:10")), 'Boss',
                    \(try lobby.epoch("2026-11-19", "10:00")), 'Boss', 'apologised');
            INSERT INTO bookings(code, customer, rep, at, party, status, made_at, made_by)
            VALUES ('BQ44', \(customer), 'Li', \(try lobby.epoch("2026-11-25", "10:00")), 2, 'open', \(followupAt), 'Boss');
            """) == 0)

        lobby.date = "2026-11-23"
        lobby.at("10:00")
        let record = try lobby.json(["customer", phone, "--json"])
        #expect(record.str("name") == "Chen Jing" && record.str("phone") == phone)
        #expect(record.int("customer") == Int(customer))
        #expect(record.str("owner") == "Li")
        #expect(record.str("lapses") == lobby.localDate(followupAt + Self.lapseDays * 86_400), "the follow-up is the last activity")
        #expect(record.str("firstVisit") == "2026-11-10")
        let visits = try #require(record.arr("visits"))
        #expect(visits.map { "\($0.str("date") ?? "") \($0.str("ticket") ?? "") \($0.str("rep") ?? "")" }
                == ["2026-11-10 \(a) Li", "2026-11-18 \(b) Li"], "\(visits)")
        let receptions = try #require(record.arr("receptions"))
        #expect(receptions.map { $0.str("rep") } == ["Li", "Li"] && receptions.map { $0.str("kind") } == ["named", "returning"], "\(receptions)")
        #expect(isoDate(receptions.first?.str("at")).map { Int64($0.timeIntervalSince1970) } == (try lobby.epoch("2026-11-10", "14:00")))
        #expect(try #require(record.arr("followups")).map { $0.str("note") } == ["call back Friday"])
        #expect(try #require(record.arr("bookings")).map { $0.str("code") } == ["BQ44"])
        let complaints = try #require(record.arr("complaints"))
        #expect(complaints.count == 1 && complaints.first?.str("text") == "waited too long" && complaints.first?.str("resolvedAt") != nil)
        let satisfaction = try #require(record.obj("satisfaction"))
        #expect(satisfaction.int("n") == scores.count)
        #expect(satisfaction["mean"] as? Double == Double(scores.reduce(0, +)) / Double(scores.count), "\(satisfaction)")

        // By today's ticket: the same customer. A ticket without a customer: not found.
        let again = try #require(try lobby.checkin(person).str("ticket"))
        let byTicket = try lobby.json(["customer", again, "--json"])
        #expect(byTicket.int("customer") == Int(customer))
        #expect(try #require(byTicket.arr("visits")).count == 3)
        let anonymous = try #require(try lobby.checkin().str("ticket"))
        #expect(lobby.run(["customer", anonymous]).status == 4)
        #expect(lobby.run(["customer", "13900009999"]).status == 4)
        #expect(lobby.run(["customer", "12345"]).status == 1, "not a phone number: a field check")
        // The other forms of the command still work.
        try lobby.ok(["customer", "changes", "--json"])
    }

    @Test("customers --rep NAME --lapsing-within DAYS: the rep's customers whose ownership lapses within DAYS, soonest first")
    func lapsingWithin() throws {
        let lobby = try Lobby()
        lobby.date = "2026-10-10"
        try lobby.bootstrap(pins: ["Wang": "112233"])
        // (phone, day, time) of each of Wang's customers' one visit; and one of Li's.
        let visits = [("13800000001", "2026-10-10", "10:00"), ("13800000002", "2026-10-26", "11:30"),
                      ("13800000003", "2026-10-28", "09:15"), ("13800000004", "2026-11-05", "16:00"),
                      ("13800000005", "2026-11-20", "10:40")]
        for (index, visit) in visits.enumerated() {
            _ = try lobby.received(by: "Wang", date: visit.1, time: visit.2,
                                   ["--name", "Customer \(index + 1)", "--phone", visit.0, "--consent", "yes"])
        }
        _ = try lobby.received(by: "Li", date: "2026-11-20", time: "11:00", ["--name", "Li's", "--phone", "13800000009", "--consent", "yes"])
        lobby.date = "2026-11-23"
        lobby.at("12:00")
        let now = try lobby.epoch("2026-11-23", "12:00")
        let wang = ["LOBBY_ACTOR": "Wang", "LOBBY_PIN": "112233"]

        for days in [0, 3, 5, 15, 30] {
            let until = try visits.map { try lobby.epoch($0.1, $0.2) + Self.lapseDays * 86_400 }
            let expected = zip(visits, until).filter { $1 >= now && $1 - now <= Int64(days) * 86_400 }.sorted { $0.1 < $1.1 }
            let listed = try lobby.json(["customers", "--rep", "Wang", "--lapsing-within", String(days), "--json"], env: wang)
            #expect(listed.int("lapsingWithin") == days)
            let customers = try #require(listed.arr("customers"))
            #expect(customers.map { $0.str("phone") ?? "" } == expected.map { $0.0.0 }, "within \(days): \(customers)")
            #expect(customers.map { $0.str("lapses") ?? "" } == expected.map { lobby.localDate($0.1) })
            #expect(customers.map { $0.int("daysLeft") ?? -1 } == expected.map { Int(($0.1 - now + 86_399) / 86_400) })
        }
        // Without the filter: every customer Wang owns now (the first one's ownership has lapsed).
        let all = try #require(try lobby.json(["customers", "--rep", "Wang", "--json"], env: wang).arr("customers"))
        #expect(all.map { $0.str("phone") ?? "" } == visits.dropFirst().map(\.0), "\(all)")
        #expect(all.map { $0.str("name") ?? "" } == ["Customer 2", "Customer 3", "Customer 4", "Customer 5"])
        // A follow-up keeps a customer: after it, they are no longer about to lapse.
        try lobby.ok(["followup", "13800000002", "--rep", "Wang", "--note", "called"])
        let soon = try #require(try lobby.json(["customers", "--rep", "Wang", "--lapsing-within", "5", "--json"], env: wang).arr("customers"))
        #expect(!soon.contains { $0.str("phone") == "13800000002" }, "\(soon)")
        #expect(lobby.run(["customers", "--rep", "Wang", "--lapsing-within", "soon"]).status == 2)
        #expect(lobby.run(["customers", "--rep", "Nobody"]).status == 4)
    }

    @Test("a rep is refused another rep's customer: record, visitor and list; recorded in the security log, nothing in the access log")
    func repRefused() throws {
        let lobby = try Lobby()
        try lobby.bootstrap(pins: ["Wang": "112233", "Li": "445566"])
        let phone = "13655556666"
        let ticket = try lobby.received(by: "Wang", date: "2026-11-23", time: "10:00",
                                        ["--name", "赵丽", "--phone", phone, "--consent", "yes"])
        let li = ["LOBBY_ACTOR": "Li", "LOBBY_PIN": "445566"]
        for args in [["customer", phone], ["customer", ticket, "--json"], ["visitor", ticket], ["customers", "--rep", "Wang"]] {
            let refused = try expectRefused(lobby, args, exit: 1, mentions: ["only"], env: li, recorded: true)
            #expect(!refused.stderr.contains("赵丽") && !refused.stderr.contains(phone), "\(refused)")
        }
        try lobby.ok(["rep", "add", "desk1", "--receptionist", "--pin"], env: ["LOBBY_NEW_PIN": "778899"])
        let desk = ["LOBBY_ACTOR": "desk1", "LOBBY_PIN": "778899"]
        try expectRefused(lobby, ["customer", phone], exit: 1, mentions: ["only"], env: desk, recorded: true)
        // The owner and a supervisor see it; so does the desk for today's visitor.
        #expect(try lobby.json(["customer", phone, "--json"], env: ["LOBBY_ACTOR": "Wang", "LOBBY_PIN": "112233"]).str("name") == "赵丽")
        #expect(try lobby.json(["customer", phone, "--json"]).str("owner") == "Wang")
        #expect(try lobby.json(["visitor", ticket, "--json"], env: desk).str("name") == "赵丽")
        // Without a PIN nobody sees anything.
        try expectRefused(lobby, ["customer", phone], exit: 1, mentions: ["PIN"], env: ["LOBBY_ACTOR": "Wang"], unset: ["LOBBY_PIN"],
                          recorded: true)
    }

    @Test("every view is in the access log: who, when, which customer; never a name or phone")
    func accessLog() throws {
        let lobby = try Lobby()
        lobby.date = "2026-11-22"
        try lobby.bootstrap(pins: ["Wang": "112233"])
        let phone = "13544445555"
        let person = ["--name", "孙悦", "--phone", phone, "--consent", "yes"]
        _ = try lobby.received(by: "Wang", date: "2026-11-22", time: "10:00", person)
        lobby.date = "2026-11-23"
        lobby.at("09:00")
        try lobby.ok(["rep", "add", "frontdesk", "--receptionist", "--pin"], env: ["LOBBY_NEW_PIN": "778899"])
        let ticket = try #require(try lobby.checkin(person).str("ticket"))
        let customer = try #require(try lobby.rows("SELECT customer FROM tickets WHERE id = '\(ticket)' AND day = '2026-11-23'").first)
        #expect(try lobby.accessLog().isEmpty)

        // The desk calls the ticket: the receiving consultant is shown who they receive, in two lines.
        lobby.at("09:10")
        let desk = lobby.run(["desk", "--lang", "en"], env: ["LOBBY_ACTOR": "frontdesk", "LOBBY_PIN": "778899"], stdin: "call\nquit\n")
        #expect(desk.status == 0, "\(desk)")
        let shown = desk.stdout.split(separator: "\n").filter { $0.hasPrefix("  ☞ ") }
        #expect(shown.count == 2, "\(desk)")
        #expect(shown.first?.contains("\(ticket) 孙悦 · \(phone)") == true, "\(desk)")
        #expect(shown.last?.contains("1 earlier visits (last 2026-11-22, received by Wang)") == true, "\(desk)")

        lobby.at("09:20")
        let wang = ["LOBBY_ACTOR": "Wang", "LOBBY_PIN": "112233"]
        try lobby.ok(["visitor", ticket], env: wang)
        try lobby.ok(["visitor", ticket, "--json"])
        try lobby.ok(["customer", phone], env: wang)
        try lobby.ok(["customer", ticket, "--json"])
        try lobby.ok(["customers", "--rep", "Wang"], env: wang)
        let at = try lobby.epoch("2026-11-23", "09:20")
        let expected = [
            "frontdesk|view|\(customer)|desk call 2026-11-23 \(ticket)|\(at - 600)",
            "Wang|view|\(customer)|visitor 2026-11-23 \(ticket)|\(at)",
            "Boss|view|\(customer)|visitor 2026-11-23 \(ticket)|\(at)",
            "Wang|view|\(customer)|customer \(customer)|\(at)",
            "Boss|view|\(customer)|customer \(customer)|\(at)",
            "Wang|view|\(customer)|customers of Wang|\(at)",
        ]
        #expect(try lobby.rows("SELECT actor, action, customer, what, at FROM access_log ORDER BY id") == expected)
        let log = try lobby.rows("SELECT * FROM access_log").joined(separator: "\n")
        #expect(!log.contains(phone) && !log.contains("孙悦"))
        // Nor in the feed or the security log.
        let feed = try lobby.ok(["feed"]).stdout
        #expect(!feed.contains(phone) && !feed.contains("孙悦"))
    }

    @Test("the desk shows the two lines only to whom may see them: nothing for a rep calling another rep's customer")
    func deskLinesByRole() throws {
        let lobby = try Lobby()
        lobby.date = "2026-11-22"
        try lobby.bootstrap(pins: ["Wang": "112233", "Li": "445566"])
        let person = ["--name", "周静", "--phone", "13566667777", "--consent", "yes"]
        _ = try lobby.received(by: "Wang", date: "2026-11-22", time: "10:00", person)
        lobby.date = "2026-11-23"
        lobby.at("10:00")
        let ticket = try #require(try lobby.checkin(person).str("ticket"))
        let li = lobby.run(["desk"], env: ["LOBBY_ACTOR": "Li", "LOBBY_PIN": "445566"], stdin: "call\nquit\n")
        #expect(li.status == 0 && li.stdout.contains("\(ticket) → Wang"), "\(li)")
        #expect(!li.stdout.contains("周静") && !li.stdout.contains("☞"), "\(li)")
        #expect(try lobby.accessLog().isEmpty)
        // Wang receives the next one, called by a supervisor at the desk: the lines, in Chinese.
        try lobby.ok(["finish", ticket])
        let next = try #require(try lobby.checkin(person).str("ticket"))
        let boss = lobby.run(["desk", "--lang", "zh"], stdin: "call\nquit\n")
        let shown = boss.stdout.split(separator: "\n").filter { $0.hasPrefix("  ☞ ") }
        #expect(shown.count == 2 && shown.first?.contains("\(next) 周静 · 13566667777 · 1 位") == true, "\(boss)")
        #expect(shown.last?.contains("以前来访 2 次") == true && shown.last?.contains("归属顾问 Wang") == true, "\(boss)")
        #expect(try lobby.accessLog().map { $0.hasPrefix("Boss|view|") && $0.hasSuffix("desk call 2026-11-23 \(next)") } == [true])
    }
}
