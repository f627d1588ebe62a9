// Appointments (预约) end to end: lobby book, book cancel|move, bookings; a booked visitor's
// check-in by phone, code and QR (R9, R10, R11); the hold of a rep with a booking due and their
// place (R3); booking no-shows; the reminder list as CSV; the refusals and their exit codes.
import Foundation
import Testing

extension Lobby {
    /// `lobby book … --consent yes --json` for a visitor; returns the booking's JSON.
    func book(phone: String, name: String, rep: String, at: String, _ extra: [String] = [],
              sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        try json(["book", "--phone", phone, "--name", name, "--rep", rep, "--at", at, "--consent", "yes"] + extra + ["--json"],
                 sourceLocation: sourceLocation)
    }

    /// `status --json`'s bookings, by code.
    func statusBookings(sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: [String: Any]] {
        let entries = try #require(try status(sourceLocation: sourceLocation).raw.arr("bookings"), sourceLocation: sourceLocation)
        var byCode: [String: [String: Any]] = [:]
        for entry in entries { if let code = entry.str("code") { byCode[code] = entry } }
        return byCode
    }

    /// Whether `status --json` marks `rep` as held for a booked visitor.
    func held(_ rep: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Bool? {
        try status(sourceLocation: sourceLocation).raw.arr("rotation")?.first { $0.str("rep") == rep }?.bool("held")
    }

    /// One rep's counted and uncounted receptions in `report --json`.
    func tally(_ rep: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> (counted: Int, uncounted: Int, by: [String: Any]) {
        let reps = try #require(try json(["report", "--json"], sourceLocation: sourceLocation).arr("reps"), sourceLocation: sourceLocation)
        let entry = try #require(reps.first { $0.str("rep") == rep }, "\(rep) in \(reps)", sourceLocation: sourceLocation)
        return (entry.int("counted") ?? -1, entry.int("uncounted") ?? -1, entry.obj("uncountedBy") ?? [:])
    }
}

/// RFC 4180 fields of a CSV text (quoted fields with commas, quotes and line breaks).
func csvRows(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var chars = Array(text)[...]
    while let c = chars.popFirst() {
        if quoted {
            if c == "\"" {
                if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false }
            } else {
                field.append(c)
            }
        } else if c == "\"" {
            quoted = true
        } else if c == "," {
            row.append(field)
            field = ""
        } else if c == "\r\n" || c == "\n" {
            row.append(field)
            rows.append(row)
            (row, field) = ([], "")
        } else {
            field.append(c)
        }
    }
    if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
    return rows
}

@Suite("Appointments")
struct BookingTests {
    @Test("a booked visitor checking in by phone, by code and by QR text reaches the booked rep, counted as R9/R20 say")
    func checkinWays() throws {
        let lobby = try Lobby()
        lobby.at("09:00")
        try lobby.bootstrap()
        let byPhone = try lobby.book(phone: "13811110001", name: "张一", rep: "Li", at: "2026-11-23T14:00", ["--party", "2"])
        let byCode = try lobby.book(phone: "13811110002", name: "张二", rep: "Zhao", at: "2026-11-23T14:30+08:00")
        let byQR = try lobby.book(phone: "13811110003", name: "张三", rep: "Chen", at: "2026-11-23T15:00")
        let codes = [byPhone, byCode, byQR].compactMap { $0.str("code") }
        #expect(codes.count == 3 && Set(codes).count == 3 && codes.allSatisfy { $0.count == 6 && Int($0) != nil }, "\(codes)")
        #expect(byQR.str("qr") == "LOBBYB1|demo|\(codes[2])")
        #expect(byPhone.str("at") == "2026-11-23T14:00:00+08:00" && byPhone.int("party") == 2 && byPhone.str("status") == "open")
        #expect(byCode.str("at") == "2026-11-23T14:30:00+08:00")

        // By phone, with consent, early: the day's booking is recognised; the booking's party.
        lobby.at("13:40")
        let one = try lobby.checkin(["--phone", "13811110001", "--consent", "yes"])
        #expect(one.str("booking") == codes[0] && one.str("category") == "named" && one.str("rep") == "Li", "\(one)")
        // By the code typed, and by the QR text scanned.
        let two = try lobby.checkin(["--booking", codes[1]])
        #expect(two.str("booking") == codes[1] && two.str("category") == "named" && two.str("rep") == "Zhao", "\(two)")
        let three = try lobby.checkin(["--booking", try #require(byQR.str("qr"))])
        #expect(three.str("booking") == codes[2] && three.str("rep") == "Chen", "\(three)")
        // A walk-in without a booking has none.
        let walkIn = try lobby.checkin()
        #expect(walkIn.isNull("booking") && walkIn.str("category") == "new")

        let tickets = [one, two, three].compactMap { $0.str("ticket") }
        #expect(try lobby.rows("SELECT id, party, booking FROM tickets WHERE booking IS NOT NULL ORDER BY seq")
                == ["\(tickets[0])|2|\(codes[0])", "\(tickets[1])|1|\(codes[1])", "\(tickets[2])|1|\(codes[2])"])
        // The visit is the customer's who booked: the ticket is linked to their record.
        #expect(try lobby.rows("SELECT count(DISTINCT customer) FROM tickets WHERE booking IS NOT NULL") == ["3"])

        lobby.at("13:45")
        for (ticket, rep) in zip(tickets, ["Li", "Zhao", "Chen"]) {
            let called = try lobby.call()
            #expect(called.str("ticket") == ticket && called.str("rep") == rep && called.str("kind") == "named", "\(called)")
        }
        // The rep who was up keeps the turn (R9): the walk-in is Wang's, by the rotation.
        let rotation = try lobby.call()
        #expect(rotation.str("ticket") == walkIn.str("ticket") && rotation.str("rep") == "Wang" && rotation.str("kind") == "rotation")
        // R9 visitors count for the rep who receives them (R20).
        for rep in ["Wang", "Li", "Zhao", "Chen"] {
            let tally = try lobby.tally(rep)
            #expect(tally.counted == 1 && tally.uncounted == 0, "\(rep): \(tally)")
        }
        let bookings = try lobby.statusBookings()
        for (code, ticket) in zip(codes, tickets) {
            #expect(bookings[code]?.str("status") == "kept" && bookings[code]?.str("ticket") == ticket, "\(bookings)")
        }
        let report = try lobby.json(["report", "--json"])
        #expect(report.obj("bookings")?.int("made") == 3 && report.obj("bookings")?.int("kept") == 3, "\(report)")
        // A kept booking is not kept twice.
        try expectRefused(lobby, ["checkin", "--booking", codes[1]], exit: 1, says: "lobby: booking: \(codes[1]) is kept, not open")
        try lobby.ok(["replay"])
    }

    @Test("R11 — a booking with the customer's own rep is a returning visit (not counted, R22); R10 — a booked rep away is covered")
    func returningAndCover() throws {
        let lobby = try Lobby()
        lobby.date = "2026-11-20"
        try lobby.bootstrap()
        // Wang received this customer three days ago: Wang owns them.
        let first = try lobby.received(by: "Wang", date: "2026-11-20", time: "10:00", ["--phone", "13822220001", "--name", "王一", "--consent", "yes"])
        #expect(first == "A001")
        lobby.date = "2026-11-23"
        lobby.at("09:30")
        let own = try #require(try lobby.book(phone: "13822220001", name: "王一", rep: "Wang", at: "2026-11-23T10:00").str("code"))
        let away = try #require(try lobby.book(phone: "13822220002", name: "王二", rep: "Chen", at: "2026-11-23T10:00").str("code"))
        try lobby.ok(["away", "Chen", "--reason", "business"])

        lobby.at("09:58")
        let returning = try lobby.checkin(["--booking", own])
        #expect(returning.str("category") == "returning" && returning.str("rep") == "Wang", "\(returning)")
        let covered = try lobby.checkin(["--phone", "13822220002", "--consent", "yes"])
        #expect(covered.str("booking") == away && covered.str("category") == "named", "\(covered)")
        #expect(covered.isNull("rep"), "Chen is away: whoever is up will cover (R10)\n\(covered)")

        lobby.at("10:00")
        let toWang = try lobby.call([try #require(returning.str("ticket"))])
        #expect(toWang.str("rep") == "Wang" && toWang.str("kind") == "returning")
        let cover = try lobby.call([try #require(covered.str("ticket"))])
        #expect(cover.str("rep") == "Li" && cover.str("kind") == "cover", "Li is up (Wang serving)\n\(cover)")
        let wang = try lobby.tally("Wang")
        #expect(wang.counted == 0 && wang.uncounted == 1 && wang.by["R22"] as? Int == 1, "\(wang)")
        let li = try lobby.tally("Li")
        #expect(li.counted == 0 && li.uncounted == 1 && li.by["R23"] as? Int == 1, "\(li)")
        // The cover keeps their place (R10): after finishing, Li is back at it.
        lobby.at("10:40")
        try lobby.ok(["finish", try #require(covered.str("ticket"))])
        #expect(try lobby.status().order == ["Wang", "Li", "Zhao", "Chen"])
    }

    @Test("R3 — the hold keeps rotation visitors from a rep with a booking due, who keeps their place; the wait knows it")
    func hold() throws {
        let lobby = try Lobby()
        lobby.at("09:00")
        try lobby.bootstrap(reps: ["Wang", "Li", "Zhao"])
        let code = try #require(try lobby.book(phone: "13833330001", name: "赵一", rep: "Wang", at: "2026-11-23T10:30").str("code"))

        // 10:19, eleven minutes before: not held yet (bookingHoldMinutes 10).
        lobby.at("10:19")
        #expect(try lobby.held("Wang") == false)
        #expect(try lobby.status().up == "Wang")
        // 10:20: held. Wang stays first in the rotation, ready; Li is up.
        lobby.at("10:20")
        var status = try lobby.status()
        #expect(status.order == ["Wang", "Li", "Zhao"] && status.state("Wang") == "ready" && status.up == "Li", "\(status.raw)")
        #expect(try lobby.held("Wang") == true)
        #expect(try lobby.statusBookings()[code]?.bool("holds") == true)

        let a1 = try #require(try lobby.checkin().str("ticket"))
        #expect(try lobby.call().str("rep") == "Li")
        let a2 = try #require(try lobby.checkin().str("ticket"))
        #expect(try lobby.call().str("rep") == "Zhao")
        status = try lobby.status()
        #expect(status.order == ["Wang"] && status.rotation.first?.place == 1, "Wang keeps place 1 (R3)\n\(status.raw)")

        // Wang is the only rep ready, but held: a new visitor is told a wait, not "now", and waits (R8).
        lobby.at("10:22")
        let a3 = try lobby.checkin()
        #expect((a3.obj("wait")?.int("p50") ?? 0) > 8, "the wait knows Wang is kept for 10:30\n\(a3)")
        try expectRefused(lobby, ["call"], exit: 1, mentions: ["R8"])

        // The booked visitor arrives after a3 and is received first, by Wang (R9).
        lobby.at("10:28")
        let booked = try lobby.checkin(["--phone", "13833330001", "--consent", "yes"])
        #expect(booked.str("booking") == code && booked.int("ahead") == 0, "\(booked)")
        #expect(try lobby.held("Wang") == true, "held while the booked visitor waits")
        let toWang = try lobby.call()
        #expect(toWang.str("ticket") == booked.str("ticket") && toWang.str("rep") == "Wang" && toWang.str("kind") == "named")
        // The calls recorded who was held, so the day replays to the same receptions.
        #expect(try lobby.rows("SELECT ticket IS NULL, detail FROM events WHERE kind = 'call' ORDER BY seq") == ["1|Wang", "1|Wang", "1|Wang"])
        try lobby.ok(["replay"])
        try lobby.ok(["verify"])

        // The rotation as R2/R3 say: Li and Zhao to the tail after their counted receptions.
        lobby.at("11:00")
        try lobby.ok(["finish", a1])
        try lobby.ok(["finish", a2])
        let toLi = try lobby.call()
        #expect(toLi.str("ticket") == a3.str("ticket") && toLi.str("rep") == "Li", "Li is first of the ready reps again\n\(toLi)")
        status = try lobby.status()
        #expect(status.order == ["Wang", "Zhao"], "\(status.raw)")
        #expect(try lobby.tally("Wang").counted == 1)
        #expect(try lobby.tally("Li").counted == 2)
        #expect(try lobby.tally("Zhao").counted == 1)
    }

    @Test("a booking not kept bookingGraceMinutes after its time is a no-show; the settings are the site's")
    func noshow() throws {
        let lobby = try Lobby()
        try lobby.useSite(["bookingHoldMinutes": 30, "bookingGraceMinutes": 20])
        lobby.at("09:00")
        try lobby.bootstrap(reps: ["Wang", "Li"])
        let code = try #require(try lobby.book(phone: "13844440001", name: "钱一", rep: "Wang", at: "2026-11-23T11:00").str("code"))

        lobby.at("10:29")
        #expect(try lobby.held("Wang") == false)
        lobby.at("10:30")
        #expect(try lobby.held("Wang") == true, "held 30 minutes before")
        lobby.at("11:19")
        #expect(try lobby.statusBookings()[code]?.str("status") == "open")
        #expect(try lobby.held("Wang") == true)
        lobby.at("11:20")
        #expect(try lobby.statusBookings()[code]?.str("status") == "noshow", "20 minutes after its time")
        #expect(try lobby.held("Wang") == false && lobby.status().up == "Wang", "the hold ends with the grace")
        try expectRefused(lobby, ["checkin", "--booking", code], exit: 1, says: "lobby: booking: \(code) is noshow, not open")
        // The visitor's phone is no longer a booking of today's: a new visitor.
        let late = try lobby.checkin(["--phone", "13844440001", "--consent", "yes"])
        #expect(late.isNull("booking") && late.str("category") == "new", "\(late)")
        // The write wrote it down; the list and the report say so.
        #expect(try lobby.rows("SELECT status, changed_by FROM bookings WHERE code = '\(code)'") == ["noshow|lobby"])
        let listed = try #require(try lobby.json(["bookings", "--json"]).arr("bookings"))
        #expect(listed.map { $0.str("status") } == ["noshow"])
        #expect(try lobby.json(["report", "--json"]).obj("bookings")?.int("noshows") == 1)

        // The settings are checked like every other: a misspelt key or a value out of range is refused.
        let bad = try Lobby()
        try bad.useSite(["bookingHoldMinute": 5])
        let misspelt = bad.run(["init"])
        #expect(misspelt.status == 1 && misspelt.stderr.contains("bookingHoldMinute"), "\(misspelt)")
        let zero = try Lobby()
        try zero.useSite(["bookingGraceMinutes": 0])
        let range = zero.run(["init"])
        #expect(range.status == 1 && range.stderr.contains("bookingGraceMinutes must be a whole number from 1 to 240"), "\(range)")
    }

    @Test("book cancel and book move: a cancelled booking holds nobody and is not kept; a moved one is due at its new time")
    func cancelAndMove() throws {
        let lobby = try Lobby()
        lobby.at("09:00")
        try lobby.bootstrap(reps: ["Wang", "Li"])
        let today = try #require(try lobby.book(phone: "13855550001", name: "孙一", rep: "Wang", at: "2026-11-23T10:00").str("code"))
        let moved = try #require(try lobby.book(phone: "13855550002", name: "孙二", rep: "Li", at: "2026-11-23T10:00").str("code"))

        let cancel = try lobby.ok(["book", "cancel", today])
        #expect(cancel.stdout == "Booking \(today) cancelled (Wang, 2026-11-23 10:00).\n", "\(cancel)")
        let move = try lobby.ok(["book", "move", moved, "--at", "2026-11-23T16:00"])
        #expect(move.stdout == "Booking \(moved) moved from 2026-11-23 10:00 to 2026-11-23 16:00 (Li).\n", "\(move)")
        #expect(try lobby.rows("SELECT code, status, changed_by FROM bookings ORDER BY at")
                == ["\(today)|cancelled|Boss", "\(moved)|open|Boss"])

        lobby.at("09:55")
        #expect(try lobby.held("Wang") == false && lobby.held("Li") == false, "neither is held at 09:55")
        try expectRefused(lobby, ["checkin", "--booking", today], exit: 1, says: "lobby: booking: \(today) is cancelled, not open")
        let cancelledPhone = try lobby.checkin(["--phone", "13855550001", "--consent", "yes"])
        #expect(cancelledPhone.isNull("booking") && cancelledPhone.str("category") == "new")
        lobby.at("15:50")
        #expect(try lobby.held("Li") == true, "the moved booking holds Li from 15:50")

        try expectRefused(lobby, ["book", "cancel", today], exit: 1, says: "lobby: booking: \(today) is cancelled, not open")
        try expectRefused(lobby, ["book", "move", today, "--at", "2026-11-24T10:00"], exit: 1, says: "lobby: booking: \(today) is cancelled, not open")
        try expectRefused(lobby, ["book", "move", moved, "--at", "2026-11-23T15:00"], exit: 1,
                          says: "lobby: at: 2026-11-23T15:00 is not in the future (a booking is made for a time to come)")
        try expectRefused(lobby, ["book", "cancel", "000000"], exit: 4, says: "lobby: booking: no booking 000000")
        #expect(try lobby.json(["book", "cancel", moved, "--json"]).str("status") == "cancelled")
    }

    @Test("bookings --date tomorrow --csv: the reminder list, UTF-8 with BOM, CRLF, RFC 4180; each shown booking in the access log")
    func reminderList() throws {
        let lobby = try Lobby()
        lobby.at("17:00")
        try lobby.bootstrap(pins: ["Li": "445566", "Zhao": "778899"])
        let late = try #require(try lobby.book(phone: "13866660002", name: "周二", rep: "Zhao", at: "2026-11-24T15:30").str("code"))
        let early = try #require(try lobby.book(phone: "13866660001", name: "周, \"小\"一", rep: "Li", at: "2026-11-24T09:30",
                                                ["--party", "3", "--note", "带父母, 看样板间"]).str("code"))
        _ = try lobby.book(phone: "13866660003", name: "周三", rep: "Li", at: "2026-11-25T10:00")  // the day after: not listed
        _ = try lobby.book(phone: "13866660004", name: "周四", rep: "Li", at: "2026-11-23T17:30")  // today: not listed

        let before = try lobby.accessLog().count
        // The bytes as a file gets them (a decoded String drops the BOM).
        let file = lobby.dir.appendingPathComponent("reminders.csv")
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "\"$0\" bookings --date tomorrow --csv > \"$1\"", try Harness.binary.get(), file.path]
        shell.environment = lobby.defaultEnv.merging(["PATH": "/usr/bin:/bin"]) { a, _ in a }
        try shell.run()
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 0)
        let bytes = try #require(FileManager.default.contents(atPath: file.path))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "a BOM for Excel")
        let out = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(out.hasPrefix("date,time,rep,code,status,party,name,phone,note\r\n"), "\(out)")
        #expect(out.components(separatedBy: "\r\n").count == 4 && !out.replacingOccurrences(of: "\r\n", with: "").contains("\n"),
                "three lines, each ending CRLF\n\(out)")
        let rows = csvRows(out)
        #expect(rows.count == 3, "\(rows)")
        #expect(rows.dropFirst().first == ["2026-11-24", "09:30", "Li", early, "open", "3", "周, \"小\"一", "13866660001", "带父母, 看样板间"])
        #expect(rows.last == ["2026-11-24", "15:30", "Zhao", late, "open", "1", "周二", "13866660002", ""])
        let log = try lobby.accessLog()
        #expect(log.count == before + 2 && log.suffix(2).allSatisfy { $0.hasPrefix("Boss|view|") }, "\(log)")
        #expect(Set(log.suffix(2).map { $0.split(separator: "|").last.map(String.init) ?? "" }) == ["booking \(early)", "booking \(late)"])

        // A rep sees their own bookings' visitors, not another rep's; --rep picks one rep's.
        let li = ["LOBBY_ACTOR": "Li", "LOBBY_PIN": "445566"]
        let asLi = try #require(try lobby.json(["bookings", "--date", "2026-11-24", "--json"], env: li).arr("bookings"))
        #expect(asLi.map { $0.str("code") } == [early, late])
        #expect(asLi.first?.str("name") == "周, \"小\"一" && asLi.last?.isNull("name") == true && asLi.last?.isNull("phone") == true, "\(asLi)")
        let period = try #require(try lobby.json(["bookings", "--from", "2026-11-23", "--to", "2026-11-25", "--rep", "Li", "--json"]).arr("bookings"))
        #expect(period.count == 3 && period.allSatisfy { $0.str("rep") == "Li" }, "\(period)")

        // No one's details on the staff view, the feed or the database file in clear.
        let views = try lobby.ok(["status", "--json"]).stdout + lobby.ok(["status"]).stdout + lobby.ok(["feed"]).stdout
        for secret in ["周二", "13866660002", "带父母", "周四", "13866660004"] {
            #expect(!views.contains(secret), "\(secret) in status or feed")
            #expect(lobby.rawBytes().range(of: Data(secret.utf8)) == nil, "\(secret) in clear in the database file")
        }
        let todays = try #require(try lobby.rows("SELECT code FROM bookings WHERE rep = 'Li' AND at < \(try lobby.epoch("2026-11-24", "00:00"))").first)
        let line = "Today's bookings (1): 17:30 Li \(todays) (open)"
        #expect(try lobby.ok(["status", "--lang", "en"]).stdout.contains(line), "today's booking on the status table")
        // The desk says the same at login and with who.
        let desk = lobby.desk(["who", "quit"])
        #expect(desk.status == 0 && occurrences(of: line, in: desk.stdout) == 2, "\(desk)")
        #expect(!desk.stdout.contains("周四") && !desk.stdout.contains("13866660004"), "\(desk)")
    }

    @Test("the kiosk takes a booking code or a booking's QR at its first question; an unknown one is sent to the desk")
    func kiosk() throws {
        let lobby = try Lobby()
        lobby.at("09:00")
        try lobby.bootstrap()
        let first = try lobby.book(phone: "13877770001", name: "吴一", rep: "Zhao", at: "2026-11-23T10:00", ["--party", "4"])
        let second = try lobby.book(phone: "13877770002", name: "吴二", rep: "Chen", at: "2026-11-23T10:15")
        let code = try #require(first.str("code"))
        lobby.at("09:50")
        // Full-width digits as an input method types them, then the QR as a scanner does, then a code nobody has.
        let wide = String(code.unicodeScalars.map { Character(Unicode.Scalar($0.value + 0xFEE0) ?? $0) })
        let r = lobby.kiosk([wide, try #require(second.str("qr")), "999999"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains(KioskTexts.zh("welcomeBooking")), "\(r.stdout)")
        #expect(occurrences(of: KioskTexts.zh("bookingWelcome", ["code": code]), in: r.stdout) == 1, "\(r.stdout)")
        #expect(r.stdout.contains(KioskTexts.zh("bookingWelcome", ["code": try #require(second.str("code"))])))
        #expect(r.stdout.contains(KioskTexts.zh("bookingUnknown")), "\(r.stdout)")
        #expect(!r.stdout.contains(KioskTexts.zh("visitedBefore")), "a booked visitor is asked nothing more\n\(r.stdout)")
        #expect(try lobby.rows("SELECT id, category, rep, party, booking FROM tickets ORDER BY seq")
                == ["A001|named|Zhao|4|\(code)", "A002|named|Chen|1|\(try #require(second.str("code")))"])
    }

    @Test("bad input: a malformed --at is a usage error (2), a past one refused (1), an unknown code not found (4); nothing written")
    func badInput() throws {
        let lobby = try Lobby()
        lobby.at("09:00")
        try lobby.bootstrap()
        let base = ["book", "--phone", "13888880001", "--name", "郑一", "--rep", "Li", "--consent", "yes"]
        try expectRefused(lobby, base + ["--at", "2026-11-24 14"], exit: 2,
                          says: "lobby: book: --at '2026-11-24 14': not a time like 2026-11-24T14:00 or 2026-11-24T14:00+08:00")
        try expectRefused(lobby, base + ["--at", "2026-11-31T14:00"], exit: 2, mentions: ["not a time"])
        try expectRefused(lobby, base + ["--at", "2026-11-23T08:59"], exit: 1,
                          says: "lobby: at: 2026-11-23T08:59 is not in the future (a booking is made for a time to come)")
        try expectRefused(lobby, base, exit: 2, says: "lobby: book: --at ISO is required")
        try expectRefused(lobby, ["book", "--phone", "13888880001", "--name", "郑一", "--rep", "Li", "--at", "2026-11-24T14:00", "--consent", "no"],
                          exit: 1, says: "lobby: consent: a booking keeps the visitor's name and phone; it needs their consent (--consent yes)")
        try expectRefused(lobby, ["book", "--phone", "12345", "--name", "郑一", "--rep", "Li", "--at", "2026-11-24T14:00", "--consent", "yes"],
                          exit: 1, mentions: ["phone"])
        try expectRefused(lobby, ["book", "--phone", "13888880001", "--name", "郑一", "--rep", "Nobody", "--at", "2026-11-24T14:00", "--consent", "yes"],
                          exit: 4, says: "lobby: rep: no rep named 'Nobody'")
        try expectRefused(lobby, ["checkin", "--booking", "123456"], exit: 4, says: "lobby: booking: no booking 123456")
        try expectRefused(lobby, ["checkin", "--booking", "A001"], exit: 4,
                          says: "lobby: booking: 'A001' is not a booking code (six digits, like 482913)")
        try expectRefused(lobby, ["checkin", "--booking", "LOBBYB1|elsewhere|123456"], exit: 4,
                          says: "lobby: booking: this QR code is not a booking of this site")
        try expectRefused(lobby, ["checkin", "--booking", "123456", "--rep", "Li"], exit: 2, mentions: ["--booking"])
        try expectRefused(lobby, ["book", "move", "123456", "--at", "2026-11-24T14:00"], exit: 4, says: "lobby: booking: no booking 123456")
        try expectRefused(lobby, ["book", "123456"], exit: 2, mentions: ["cancel|move"])
        try expectRefused(lobby, ["bookings", "--date", "next week"], exit: 2, mentions: ["today or tomorrow"])
        // Staff only, with their PIN.
        try expectRefused(lobby, base + ["--at", "2026-11-24T14:00"], exit: 1, mentions: ["PIN"], unset: ["LOBBY_PIN"], recorded: true)
        // A booking for another day is not today's.
        let tomorrow = try #require(try lobby.book(phone: "13888880001", name: "郑一", rep: "Li", at: "2026-11-24T14:00").str("code"))
        try expectRefused(lobby, ["checkin", "--booking", tomorrow], exit: 1, says: "lobby: booking: \(tomorrow) is for 2026-11-24, not today")
    }
}
