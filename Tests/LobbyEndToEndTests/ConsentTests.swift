// What is kept about a visitor: without consent no free text at all, and a returning
// customer's stored name is never overwritten by what someone types with their phone.
import Foundation
import Testing

@Suite("Consent and customers")
struct ConsentTests {
    @Test("without consent no free-text answer (project, budget, source) is kept anywhere in the database")
    func noFreeTextWithoutConsent() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        let answers = ["李四 13912345678", "预算 300万 ZXQV", "朋友 王五介绍 QWZX"]
        _ = try lobby.checkin(["--project", answers[0], "--budget", answers[1], "--source", answers[2]])
        _ = try lobby.checkin(["--project", answers[0], "--budget", answers[1], "--source", answers[2], "--consent", "no",
                               "--name", "李四", "--phone", "13912345678"])
        let dump = try lobby.unsealed(lobby.dump())
        for secret in answers + ["李四", "13912345678", "ZXQV", "QWZX", "300万"] {
            #expect(!dump.contains(secret), "'\(secret)' was stored without consent")
        }
        let bytes = lobby.rawBytes()
        for secret in ["ZXQV", "QWZX"] {
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "'\(secret)' is in the database file")
        }
        // With consent the answers are kept, as before.
        _ = try lobby.checkin(["--project", "Park View", "--consent", "yes"])
        #expect(try lobby.unsealed(lobby.dump()).contains("Park View"))
    }

    @Test("a check-in with an existing customer's phone records the visit and never overwrites their name")
    func existingPhoneKeepsName() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        _ = try lobby.checkin(["--name", "王秀英", "--phone", "13811112222", "--consent", "yes"])
        lobby.at("11:00")
        _ = try lobby.checkin(["--name", "Mallory", "--phone", "13811112222", "--consent", "yes"])
        let stored = try lobby.unsealed(lobby.dump())
        #expect(stored.contains("'13811112222','王秀英'"), "the stored name changed:\n\(stored)")
        #expect(!stored.contains("'13811112222','Mallory'"))
        let waiting = try lobby.json(["customer", "changes", "--json"])
        let changes = try #require(waiting["changes"] as? [[String: Any]])
        #expect(changes.count == 1)
        #expect(changes.first?.str("stored") == "王秀英" && changes.first?.str("given") == "Mallory", "\(changes)")
        #expect(changes.first?.str("phone") == "138****2222")
        // The visit is recorded (it keeps the customer's ownership alive, R11).
        let activity = try lobby.unsealed(lobby.dump()).contains("1795402800")  // 2026-11-23T11:00:00+08:00
        #expect(activity, "the second visit did not update the customer's last activity")

        // Staff decide: dismissed, the name stays; confirmed, it changes.
        let id = try #require(changes.first?.int("id"))
        try lobby.ok(["customer", "dismiss", String(id)])
        #expect(try lobby.unsealed(lobby.dump()).contains("'13811112222','王秀英'"))
        _ = try lobby.checkin(["--name", "王秀英 (Wang Xiuying)", "--phone", "13811112222", "--consent", "yes"])
        let next = try #require(try lobby.json(["customer", "changes", "--json"])["changes"] as? [[String: Any]])
        try lobby.ok(["customer", "confirm", String(try #require(next.first?.int("id")))])
        #expect(try lobby.unsealed(lobby.dump()).contains("'13811112222','王秀英 (Wang Xiuying)'"))
        let none = lobby.run(["customer", "confirm", "999"])
        #expect(none.status == 4, "\(none)")

        // What waits is personal data: forgotten with the customer when retention runs.
        _ = try lobby.checkin(["--name", "Someone Else", "--phone", "13811112222", "--consent", "yes"])
        #expect(try lobby.unsealed(lobby.dump()).contains("Someone Else"))
        lobby.date = "2027-11-23"
        _ = try lobby.checkin()
        #expect(!(try lobby.unsealed(lobby.dump()).contains("Someone Else")), "a waiting change outlived its customer")
    }
}
