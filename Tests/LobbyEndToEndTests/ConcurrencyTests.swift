// Several `lobby` processes on one database at the same instant (kiosk + desk + scripts).
import Foundation
import Testing

@Suite("Concurrent processes")
struct ConcurrencyTests {
    @Test("simultaneous check-ins all succeed with distinct, consecutive numbers")
    func simultaneousCheckins() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        lobby.at("10:01")
        let count = 8
        let running = (0..<count).map { _ in lobby.start(["checkin", "--json"]) }
        let outcomes = running.map { $0.wait() }
        for o in outcomes {
            #expect(o.status == 0, "\(o)")
        }
        let tickets = outcomes.compactMap { parseJSON($0.stdout)?.str("ticket") }
        #expect(tickets.count == count, "every check-in prints its ticket: \(outcomes)")
        #expect(Set(tickets).count == tickets.count, "ticket numbers must be distinct: \(tickets)")
        #expect(tickets.sorted() == ticketNumbers(1...count))
        let qrs = outcomes.compactMap { parseJSON($0.stdout)?.str("qr") }
        #expect(Set(qrs).count == count, "QR texts must be distinct")

        let st = try lobby.status()
        #expect(st.waitingTickets.sorted() == ticketNumbers(1...count), "no check-in was lost")
        lobby.at("10:02")
        #expect(try lobby.checkin().str("ticket") == ticketNumbers(count + 1...count + 1)[0])
    }

    @Test("two inits of the same new database at once: exactly one sets it up, then check-ins share it")
    func simultaneousCreation() throws {
        for _ in 0..<4 {
            let lobby = try Lobby()  // a fresh directory: the database file does not exist yet
            lobby.autoInit = false
            #expect(!FileManager.default.fileExists(atPath: lobby.db))
            let inits = (0..<2).map { _ in lobby.start(["init"]) }.map { $0.wait() }
            #expect(inits.map(\.status).sorted() == [0, 1], "one creates it, the other is told it exists: \(inits)")
            #expect(inits.contains { $0.status == 1 && $0.stderr.contains("exists already") }, "\(inits)")
            let running = (0..<2).map { _ in lobby.start(["checkin", "--json"]) }
            let outcomes = running.map { $0.wait() }
            for o in outcomes {
                #expect(o.status == 0, "\(o)")
            }
            let tickets = outcomes.compactMap { parseJSON($0.stdout)?.str("ticket") }
            #expect(tickets.sorted() == ["A001", "A002"], "\(outcomes)")
            let st = try lobby.status()
            #expect(st.waitingTickets.sorted() == ["A001", "A002"])
        }
    }

    @Test("two front desks adding the first supervisor at once: exactly one succeeds")
    func simultaneousFirstSupervisor() throws {
        let lobby = try Lobby()
        lobby.actor = "frontdesk"
        lobby.pin = nil
        let running = (0..<2).map { _ in
            lobby.start(["rep", "add", "Boss", "--supervisor", "--pin"], env: ["LOBBY_NEW_PIN": "918273"])
        }
        let outcomes = running.map { $0.wait() }
        #expect(outcomes.map(\.status).sorted() == [0, 1],
                "one adds Boss, the other is refused as a duplicate: \(outcomes)")
        #expect(try lobby.staff() == ["Boss": StaffEntry(supervisor: true, pin: true)])
    }
}
