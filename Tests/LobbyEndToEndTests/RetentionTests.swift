import Foundation
import Testing

@Suite("Retention of personal data")
struct RetentionTests {
    @Test("a consenting visitor's name and phone are forgotten after consentRetentionDays without a visit")
    func forgottenAfterRetention() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        lobby.at("10:01")
        _ = try lobby.json(["checkin", "--json", "--consent", "yes", "--name", "Zhang San", "--phone", "13912345678"])
        lobby.at("10:02")
        _ = try lobby.json(["call", "--json"])
        var dump = try lobby.unsealed(lobby.dump())
        #expect(dump.contains("13912345678") && dump.contains("Zhang San"))

        // 179 days later the customer is still known; a follow-up renews the retention,
        // which counts from the last visit or follow-up.
        lobby.date = "2027-05-21"
        lobby.at("10:00")
        _ = try lobby.ok(["followup", "13912345678", "--rep", "Wang", "--note", "called back"])
        dump = try lobby.unsealed(lobby.dump())
        #expect(dump.contains("13912345678"))

        // 181 days after that follow-up, the first write of the day forgets them.
        lobby.date = "2027-11-18"
        lobby.at("10:00")
        let ticket = try lobby.json(["checkin", "--json"])
        #expect(ticket.str("ticket") == "A001")
        dump = try lobby.unsealed(lobby.dump())
        #expect(!dump.contains("13912345678"), "the phone is gone")
        #expect(!dump.contains("Zhang San"), "the name is gone")
        let followup = lobby.run(["followup", "13912345678", "--rep", "Wang", "--note", "again"])
        #expect(followup.status == 4, "the customer is no longer known: \(followup)")
    }
}
