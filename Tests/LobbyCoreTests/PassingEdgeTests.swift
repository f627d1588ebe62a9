import Testing
@testable import LobbyCore

@Suite("Passing (R3) at the edges: no-shows and event mode")
struct PassingEdgeTests {
    @Test("R3 — a no-show passes nobody: a forfeit caused by that call is undone")
    func noshowUndoesForfeit() throws {
        var f = Floor([ann, bo, cy])
        try f.checkin("A001", .named, rep: ann)
        try f.call("A001")  // Ann serves her named visitor
        try f.checkin("A002")
        let call = try f.call("A002")
        #expect(call.rep == bo)
        #expect(f.forfeit(ann) == true)
        try f.apply(.noshow("A002"))
        #expect(f.forfeit(ann) == false)
        try f.apply(.finish("A001"))
        // Ann keeps her place (R4): nobody new was received while she served.
        #expect(f.order == [ann, bo, cy])
    }

    @Test("R7 — a forfeit frozen by event mode is taken when event mode ends")
    func forfeitAfterEventMode() throws {
        var f = Floor([ann, bo, cy])
        try f.apply(.away(ann, .personal))
        try f.checkin("A001")
        try f.call("A001")  // Bo is up; Ann, on leave, is passed and forfeits
        #expect(f.forfeit(ann) == true)
        try f.apply(.eventMode(true))
        try f.apply(.back(ann))
        #expect(f.order.first == ann)  // frozen: no movement during the event
        try f.apply(.eventMode(false))
        #expect(f.order == [cy, ann])
        #expect(f.day.up == cy)
    }
}
