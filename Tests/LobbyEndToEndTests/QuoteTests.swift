// The wait each visitor is told is kept with their ticket, so the estimate can be measured.
import Foundation
import Testing

@Suite("Quoted waits")
struct QuoteTests {
    @Test("every check-in told a wait keeps the p50 and p80 it quoted; none for other business")
    func quotesAreKept() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        var told: [String: (Int, Int)] = [:]
        for minute in 1...5 {
            lobby.at(String(format: "10:%02d", minute))
            let c = try lobby.checkin([])
            let wait = try #require(c.obj("wait"), "\(c)")
            told[try #require(c.str("ticket"))] = (try #require(wait["p50"] as? Int), try #require(wait["p80"] as? Int))
        }
        lobby.at("10:06")
        let other = try #require(try lobby.checkin(["--purpose", "other"]).str("ticket"))
        let rows = try lobby.rows("SELECT id, quoted_p50, quoted_p80 FROM tickets ORDER BY seq")
        var stored: [String: String] = [:]
        for row in rows {
            let parts = row.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            stored[parts[0]] = parts[1] + "|" + parts[2]
        }
        #expect(told.count == 5)
        for (ticket, (p50, p80)) in told {
            #expect(stored[ticket] == "\(p50)|\(p80)", "ticket \(ticket)")
        }
        #expect(stored[other] == "NULL|NULL", "a visitor on other business is told no sales wait, so none is kept")
        #expect(told.values.contains { $0.0 > 0 }, "later visitors wait")
    }
}
