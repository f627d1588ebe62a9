import Testing
@testable import LobbyCore

@Suite("Satisfaction and complaint handling")
struct SatisfactionTests {
    @Test("whose score: the first reception's rep, through a transfer (R14), an assist (R12) and a group (R24); nobody's when not received")
    func receivingRep() throws {
        var f = Floor()
        try f.checkin("A001")
        try f.checkin("A002")
        try f.checkin("A003")
        try f.checkin("A004")
        #expect(f.day.receivingRep(of: "A001") == nil, "waiting: nobody received them yet")
        try f.call()                        // A001 → Ann
        try f.apply(.assist("A001", bo))
        try f.apply(.transfer("A001", cy))  // Cy takes over; Ann's reception stands
        try f.apply(.group("A001", with: "A002"))
        #expect(f.day.receivingRep(of: "A001") == ann)
        #expect(f.day.receivingRep(of: "A002") == ann, "a grouped ticket is the group's")
        try f.call()                        // A003 → the rep up now
        let third = try #require(f.reception("A003")).rep
        #expect(f.day.receivingRep(of: "A003") == third)
        try f.apply(.noshow("A003"))
        #expect(f.day.receivingRep(of: "A003") == nil, "a no-show was not received")
        #expect(f.day.receivingRep(of: "A009") == nil, "no such ticket")
    }

    @Test("a complaint is overdue when open for more than a day; handling minutes from opening to resolution")
    func handling() {
        let opened = local(10)
        #expect(!ComplaintHandling.isOverdue(openedAt: opened, resolvedAt: nil, now: opened + 86_400))
        #expect(ComplaintHandling.isOverdue(openedAt: opened, resolvedAt: nil, now: opened + 86_401))
        #expect(!ComplaintHandling.isOverdue(openedAt: opened, resolvedAt: opened + 60, now: opened + 90_000))
        #expect(ComplaintHandling.handlingMinutes(openedAt: opened, resolvedAt: opened + 75 * 60 + 59) == 75)
        #expect(ComplaintHandling.handlingMinutes(openedAt: opened, resolvedAt: nil) == nil)
    }
}
