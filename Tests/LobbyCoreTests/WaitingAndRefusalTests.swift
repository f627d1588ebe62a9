import Testing
@testable import LobbyCore

@Suite("Waiting tickets, no-shows and refusals")
struct WaitingAndRefusalTests {
    @Test("Waiting tickets — first come, first served")
    func firstComeFirstServed() throws {
        var f = Floor()
        try f.checkin("A001")
        try f.checkin("A002", .other)
        try f.checkin("A003")
        #expect(f.day.waiting.map(\.id) == ["A001", "A002", "A003"])
        #expect(try f.call().ticket == "A001")
        #expect(try f.call().ticket == "A002")
        #expect(try f.call().ticket == "A003")
        #expect(f.refused(.call(ticket: nil, rep: nil, cover: false))?.kind == .notFound)
    }

    @Test("Waiting tickets — a ticket waiting for a busy named rep does not hold up the one behind")
    func namedDoesNotHoldUp() throws {
        var f = Floor()
        try f.receive("A001", .named, rep: bo)           // Bo busy
        try f.checkin("A002", .named, rep: bo)           // waits for Bo (R9)
        try f.checkin("A003", .returning, rep: bo, customer: 4)  // waits for Bo too (R11)
        try f.checkin("A004")
        let next = try f.call()
        #expect(next.ticket == "A004")
        #expect(next.rep == ann)
        #expect(f.day.waiting.map(\.id) == ["A002", "A003"])
        #expect(f.refused(.call(ticket: nil, rep: nil, cover: false))?.rule == "R8")

        // Once Bo is free, the tickets waiting for him go first come, first served.
        try f.finish("A001")
        let forBo = try f.call()
        #expect(forBo.ticket == "A002")
        #expect(forBo.rep == bo)
        try f.finish("A002")
        let returning = try f.call()
        #expect(returning.ticket == "A003")
        #expect(returning.kind == .returning)
    }

    @Test("Waiting tickets — a ticket that nobody can take holds up nobody, but new tickets keep their order")
    func newTicketsKeepOrder() throws {
        var f = Floor([ann, bo])
        try f.receive("A001")
        try f.receive("A002", .named, rep: bo)
        try f.checkin("A003")                  // new, nobody ready
        try f.checkin("A004", .named, rep: ann) // Ann busy
        #expect(f.refused(.call(ticket: nil, rep: nil, cover: false))?.rule == "R8")
        try f.finish("A002")                   // Bo free: A003 is first in line and takes him
        let next = try f.call()
        #expect(next.ticket == "A003")
        #expect(next.rep == bo)
    }

    @Test("noshow — the ticket is closed and the rep goes back to the place held")
    func noshow() throws {
        var f = Floor()
        let called = try f.receive("A001")
        #expect(called.rep == ann)
        #expect(f.order == [bo, cy, dee])
        try f.apply(.noshow("A001"))
        #expect(f.status("A001") == .noshow)
        #expect(f.state(ann) == .ready)
        #expect(f.order == [ann, bo, cy, dee])
        #expect(f.day.up == ann)
        #expect(f.day.receptions.isEmpty)
        #expect(f.day.tallies[ann] == Day.Tally())
        #expect(f.day.waiting.isEmpty)  // closed, not requeued
        #expect(f.refused(.finish("A001")) != nil)
        #expect(f.refused(.noshow("A001")) != nil)

        // A named reception and an assisted one: everyone goes back as they were.
        try f.receive("A002", .named, rep: cy)
        try f.apply(.assist("A002", dee))
        try f.apply(.noshow("A002"))
        #expect(f.state(cy) == .ready)
        #expect(f.state(dee) == .ready)
        #expect(f.order == [ann, bo, cy, dee])
        #expect(f.day.openReceptions.isEmpty)

        // A no-show of a rep who was at the tail leaves them at the tail.
        try f.receive("A003", .other)
        #expect(f.reception("A003")?.rep == dee)
        try f.apply(.noshow("A003"))
        #expect(f.order == [ann, bo, cy, dee])
    }

    @Test("R19 — refusals: assist, claim and away by a busy rep throw RuleViolation(rule: \"R19\")")
    func r19Refusals() throws {
        var f = Floor()
        try f.receive("A001")
        try f.checkin("A002")
        try f.apply(.assist("A001", bo))  // Bo assisting

        for busy in [ann, bo] {
            let assist = f.refused(.assist("A001", busy))
            #expect(assist?.kind == .refused)
            #expect(assist?.rule == "R19")
            let claim = f.refused(.claim("A002", busy))
            #expect(claim?.kind == .refused)
            #expect(claim?.rule == "R19")
            let away = f.refused(.away(busy, .business))
            #expect(away?.kind == .refused)
            #expect(away?.rule == "R19")
        }
        // A transfer to a busy rep is refused for the same reason.
        try f.receive("A003")
        #expect(f.refused(.transfer("A003", ann))?.rule == "R19")
        #expect(f.day.openReceptions.count == 3)
    }

    @Test("Unknown ticket — .notFound")
    func unknownTicket() throws {
        var f = Floor()
        try f.checkin("A001")
        let actions: [Action] = [
            .call(ticket: "A999", rep: nil, cover: false),
            .finish("A999"), .noshow("A999"), .assist("A999", bo), .transfer("A999", bo),
            .claim("A999", bo), .group("A999", with: "A001"), .group("A001", with: "A999"),
        ]
        for action in actions {
            let refusal = f.refused(action)
            #expect(refusal?.kind == .notFound, "\(action)")
            #expect(refusal?.rule == nil, "\(action)")
        }
        // And a rep not on the table is refused, not found-as-ticket.
        #expect(f.refused(.away("Zed", .business))?.kind == .refused)
        #expect(f.refused(.checkin(TicketInfo(id: "A001", category: .new)))?.kind == .refused)
    }

    @Test("Finishing twice is refused; back of a rep who is not away is refused")
    func finishTwice() throws {
        var f = Floor()
        try f.receive("A001")
        try f.finish("A001")
        #expect(f.refused(.finish("A001"))?.kind == .refused)
        #expect(f.refused(.back(bo))?.kind == .refused)
        try f.away(bo, .business)
        #expect(f.refused(.away(bo, .personal))?.kind == .refused)
        // A cover ends with its ticket, not with `back` (R10).
        try f.receive("A002", .named, rep: bo)
        #expect(f.refused(.back(cy))?.rule == "R10")
    }

    @Test("RuleViolation describes the rule it cites")
    func description() {
        #expect(RuleViolation.refused("R19", "Wang is serving A003").description == "refused (R19): Wang is serving A003")
        #expect(RuleViolation.notFound("no ticket A999 today").description == "no ticket A999 today")
    }
}
