// Whatever a visitor (or a pipe) sends the kiosk: each wrong answer is asked again with its
// reason and skipped after three; nothing crashes; nothing half-answered is stored.
import Foundation
import Testing

@Suite("Kiosk bad input")
struct KioskBadInputTests {
    private func team() throws -> Lobby {
        let lobby = try Lobby()
        try lobby.bootstrap()
        lobby.at("10:01")
        return lobby
    }

    private func retry(_ key: String, _ values: [String: String] = [:]) -> String {
        KioskTexts.zh("retry", ["reason": KioskTexts.zh(key, values)])
    }

    @Test("a wrong phone is asked again with its reason, then skipped after three")
    func phone() throws {
        let lobby = try team()
        let r = lobby.kiosk(["1", "", "", "是", "张伟", "12345", "abc", "2381234567", "", "", ""])
        #expect(r.status == 0, "\(r)")
        #expect(occurrences(of: retry("badPhone"), in: r.stdout) == 2, "\(r)")
        #expect(occurrences(of: KioskTexts.zh("skipped"), in: r.stdout) == 1, "\(r)")
        #expect(occurrences(of: KioskTexts.zh("phone"), in: r.stdout) == 3, "asked three times\n\(r)")
        #expect(try lobby.rows("SELECT id, name, customer FROM tickets").map { try lobby.unsealed($0) } == ["A001|张伟|NULL"])
        #expect(try lobby.customerCount() == 0, "no phone, no customer record")
    }

    @Test("a wrong party size: asked again; a right one after a wrong one is taken; three wrong ones skip to 1")
    func party() throws {
        let lobby = try team()
        let r = lobby.kiosk(["1", "", "abc", "4", "",
                             "1", "", "0", "31", "-2", ""])
        #expect(r.status == 0, "\(r)")
        #expect(occurrences(of: retry("badParty"), in: r.stdout) == 3, "\(r)")
        #expect(occurrences(of: KioskTexts.zh("skipped"), in: r.stdout) == 1, "\(r)")
        #expect(try lobby.rows("SELECT id, party FROM tickets ORDER BY seq").map { try lobby.unsealed($0) } == ["A001|4", "A002|1"])
    }

    @Test("a rep not on today's roster: asked again; three misses skip the rep")
    func rep() throws {
        let lobby = try team()
        try lobby.ok(["rep", "add", "Sun"])  // on the staff, not on today's roster
        let r = lobby.kiosk(["1", "是", "9", "Sun", "0", "", "",
                             "1", "是", "nobody", "zhao", "", ""])
        #expect(r.status == 0, "\(r)")
        #expect(occurrences(of: retry("badRep"), in: r.stdout) == 3, "\(r)")
        #expect(occurrences(of: KioskTexts.zh("skipped"), in: r.stdout) == 1, "\(r)")
        #expect(try lobby.rows("SELECT id, category, rep, first_visit FROM tickets ORDER BY seq").map { try lobby.unsealed($0) }
                == ["A001|new|NULL|no", "A002|named|Zhao|no"])
    }

    @Test("an answer that is not one of the choices: purpose defaults to buy and says so; yes/no is skipped")
    func choices() throws {
        let lobby = try team()
        let r = lobby.kiosk(["", "shopping", "4", "买车", "maybe", "也许", "", "", "不知道", "?", "x"])
        #expect(r.status == 0, "\(r)")
        #expect(occurrences(of: KioskTexts.zh("purpose"), in: r.stdout) >= 4, "an empty answer asks the purpose again\n\(r)")
        #expect(occurrences(of: retry("badPurpose"), in: r.stdout) == 2, "\(r)")
        #expect(r.stdout.contains(KioskTexts.zh("purposeDefault")), "\(r)")
        #expect(occurrences(of: retry("badYesNo"), in: r.stdout) == 4, "visited and consent, twice each\n\(r)")
        #expect(occurrences(of: KioskTexts.zh("skipped"), in: r.stdout) == 1, "consent, after three\n\(r)")
        #expect(try lobby.rows("SELECT id, purpose, first_visit, name FROM tickets").map { try lobby.unsealed($0) } == ["A001|buy|NULL|NULL"])
        #expect(try lobby.customerCount() == 0, "no consent given")
    }

    @Test("a 100 kB line is refused without being stored, quickly, and the dialogue goes on")
    func hugeLine() throws {
        let lobby = try team()
        let huge = String(repeating: "长", count: 35_000)  // 105 kB of UTF-8
        let marker = String(repeating: "长", count: 20)
        let started = Date()
        let r = lobby.kiosk([huge, "1", "", "", "是", huge, "", "", String(repeating: "x", count: 100_000), "", "", ""])
        let seconds = Date().timeIntervalSince(started)
        #expect(r.status == 0, "\(r.status) \(r.stderr)")
        #expect(seconds < 30, "a long line must not take long: \(seconds) s")
        #expect(occurrences(of: retry("badLine"), in: r.stdout) == 3, "\(r.stdout.prefix(4000))")
        #expect(!r.stdout.contains(marker), "the line is not echoed")
        #expect(try lobby.rows("SELECT id, name, project FROM tickets").map { try lobby.unsealed($0) } == ["A001|NULL|NULL"])
        #expect(!(try lobby.unsealed(lobby.dump())).contains(marker))
        #expect(lobby.rawBytes().range(of: Data(marker.utf8)) == nil)

        // A long line that never ends: the end of input ends the session, nothing stored.
        let endless = try lobby.kiosk(bytes: Data("1\n".utf8) + Data(repeating: 0x41, count: 200_000))
        #expect(endless.status == 0, "\(endless.status) \(endless.stderr)")
        #expect(try lobby.ticketCount() == 1)
    }

    @Test("invalid UTF-8 and control characters are refused with a reason, never stored")
    func unreadableBytes() throws {
        let lobby = try team()
        var input = Data("1\n\n\n是\n".utf8)
        input += Data([0xE5, 0xBC, 0xA0, 0xFF, 0xFE, 0x0A])          // name: 张 then invalid bytes
        input += Data("王\u{1B}[31m伟\n".utf8)                         // name: an escape sequence
        input += Data("王伟\n".utf8)                                     // name: fine
        input += Data([0x31, 0x33, 0x00, 0x38, 0x0A])                  // phone with a NUL
        input += Data("\r\n\n\n\n".utf8)                                // skips (CRLF too)
        let r = try lobby.kiosk(bytes: input)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains(retry("badLine")), "\(r)")
        #expect(occurrences(of: retry("badControl"), in: r.stdout) == 2, "\(r)")
        #expect(try lobby.rows("SELECT id, name, customer FROM tickets").map { try lobby.unsealed($0) } == ["A001|王伟|NULL"])
        #expect(!(try lobby.unsealed(lobby.dump())).contains("[31m"))
    }

    @Test("random bytes never crash the kiosk and every ticket shown is stored whole")
    func randomBytes() throws {
        let lobby = try team()
        var generator = SystemRandomNumberGenerator()
        for round in 0..<12 {
            var input = Data()
            for _ in 0..<Int.random(in: 1...40, using: &generator) {
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: input += Data((0..<Int.random(in: 0...80, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) })
                case 1: input += Data(["1", "2", "3", "是", "否", "", "13812345678", "2", "en", "中文"].randomElement(using: &generator)!.utf8)
                case 2: input += Data((0..<Int.random(in: 0...600, using: &generator)).map { _ in UInt8.random(in: 0...31, using: &generator) })
                default: break
                }
                input.append(0x0A)
            }
            let before = try lobby.ticketCount()
            let r = try lobby.kiosk(bytes: input)
            let input64 = input.base64EncodedString()
            #expect(r.status == 0, "round \(round), input (base64) \(input64)\n\(r.status) \(r.stderr)")
            #expect(r.stderr.isEmpty, "round \(round), input (base64) \(input64)\n\(r.stderr)")
            // The number is shown twice on a ticket (above and below the code), its time once.
            let shown = occurrences(of: KioskTexts.zh("time") + ":", in: r.stdout)
                + occurrences(of: KioskTexts.en("time") + ":", in: r.stdout)
            #expect(try lobby.ticketCount() == before + shown, "round \(round), input (base64) \(input64)")
        }
        let replay = lobby.run(["replay"])
        #expect(replay.status == 0, "the record still adds up\n\(replay)")
    }

    @Test("the end of input at every prompt ends the session cleanly and stores nothing")
    func endOfInputAtEveryPrompt() throws {
        let answers = ["en", "1", "yes", "2", "3", "yes", "Zhang Wei", "13812345678", "three rooms", "3M", "a friend"]
        let lobby = try team()
        for k in 0...answers.count {
            let r = lobby.kiosk(Array(answers.prefix(k)))
            #expect(r.status == 0, "after \(k) answers\n\(r)")
            #expect(r.stderr.isEmpty, "after \(k) answers\n\(r)")
            let complete = k == answers.count
            #expect(try lobby.ticketCount() == (complete ? 1 : 0), "after \(k) answers\n\(r)")
            #expect(try lobby.customerCount() == (complete ? 1 : 0), "after \(k) answers")
            #expect(r.stdout.hasSuffix(KioskTexts.zh("bye") + "\n") || r.stdout.hasSuffix(KioskTexts.en("bye") + "\n"),
                    "says goodbye after \(k) answers\n\(r)")
            if !complete {
                #expect(try lobby.rows("SELECT count(*) FROM events WHERE kind = 'checkin'").map { try lobby.unsealed($0) } == ["0"])
            }
        }
        // A last answer without its newline still counts; half a line then the end stores nothing.
        let r = try lobby.kiosk(bytes: Data("1\n\n\n是\nZhou\n138123".utf8))
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains(retry("badPhone")), "the last line was read\n\(r)")
        #expect(try lobby.ticketCount() == 1, "only the complete dialogue above")
        #expect(!(try lobby.unsealed(lobby.dump())).contains("Zhou"))
    }
}
