import Testing
@testable import LobbyCore

/// rotation.md R1–R10: who is up, who goes where.
@Suite("Order (R1–R10)")
struct OrderRuleTests {
    @Test("R1 — rotation order: the first ready rep receives the next new visitor; nobody repositions")
    func r1() throws {
        var f = Floor()
        #expect(f.order == [ann, bo, cy, dee])
        #expect(f.day.up == ann)
        #expect(f.day.tail == dee)

        try f.checkin("A001")
        try f.checkin("A002")
        // Reps may not reposition themselves: the console cannot hand A001 to someone behind Ann.
        let jump = f.refused(.call(ticket: "A001", rep: cy, cover: false))
        #expect(jump?.rule == "R1")
        #expect(f.status("A001") == .waiting)

        let first = try f.call()
        #expect(first.ticket == "A001")
        #expect(first.rep == ann)
        #expect(first.kind == .rotation)
        #expect(f.state(ann) == .serving)
        #expect(f.order == [bo, cy, dee])  // Ann holds no place while serving (R2)
        #expect(f.day.up == bo)

        // Naming the rep who is up is allowed: it is the same choice the rules make.
        let second = try f.call(rep: bo)
        #expect(second.ticket == "A002")
        #expect(second.rep == bo)
        #expect(second.kind == .rotation)
        #expect(f.order == [cy, dee])
        #expect(f.day.up == cy)
        #expect(f.day.tail == dee)
    }

    @Test("R2 — back of the line: a counted rotation reception sends the rep to the tail, ready")
    func r2() throws {
        var f = Floor()
        try f.receive("A001")
        try f.finish("A001")
        #expect(f.order == [bo, cy, dee, ann])
        #expect(f.state(ann) == .ready)
        #expect(f.day.up == bo)
        #expect(f.day.tail == ann)
        #expect(f.day.receptions.count == 1)
        #expect(f.day.receptions[0].counted)
        #expect(f.day.receptions[0].rule == nil)
        #expect(f.day.receptions[0].finishedAt == f.now)
        #expect(f.day.tallies == [ann: .init(counted: 1), bo: .init(), cy: .init(), dee: .init()])

        try f.receive("A002")
        #expect(f.reception("A002")?.rep == bo)
        try f.finish("A002")
        #expect(f.order == [cy, dee, ann, bo])
        #expect(f.status("A002") == .finished)
    }

    @Test("R3 — skipped reps: an assisting rep who is passed keeps their place")
    func r3Assisting() throws {
        var f = Floor()
        try f.receive("A001", .named, rep: dee)
        try f.apply(.assist("A001", ann))
        #expect(f.state(ann) == .assisting)
        #expect(f.order == [ann, bo, cy, dee])  // assisting holds a place
        #expect(f.day.up == bo)

        let passing = try f.receive("A002")
        #expect(passing.rep == bo)  // Ann was passed this round
        #expect(f.forfeit(ann) == false)
        try f.back(ann)  // the assist ends
        #expect(f.state(ann) == .ready)
        #expect(f.order == [ann, cy, dee])
        #expect(f.day.up == ann)

        try f.finish("A002")
        try f.finish("A001")
        #expect(f.order == [ann, cy, dee, bo])
        #expect(f.reception("A001", by: ann)?.counted == false)
        #expect(f.reception("A001", by: ann)?.rule == "R23")
    }

    @Test("R3 — skipped reps: a rep serving a non-sales visitor who is passed keeps their place")
    func r3ServingOther() throws {
        var f = Floor([ann, bo, cy])
        let other = try f.receive("A001", .other)
        #expect(other.rep == cy)  // the tail (R15)
        try f.receive("A002")
        try f.finish("A002")
        try f.receive("A003")
        try f.finish("A003")
        #expect(f.order == [cy, ann, bo])
        #expect(f.day.up == ann)

        let passing = try f.receive("A004")
        #expect(passing.rep == ann)  // Cy, serving-other, was passed
        #expect(f.forfeit(cy) == false)
        try f.finish("A001")
        #expect(f.state(cy) == .ready)
        #expect(f.order == [cy, bo])
        #expect(f.day.up == cy)
        try f.finish("A004")
        #expect(f.order == [cy, bo, ann])
    }

    @Test("R3 — skipped reps: away on business keeps the place (businessAbsence = keep)")
    func r3AwayBusinessKeep() throws {
        var f = Floor()
        try f.away(ann, .business)
        #expect(f.state(ann) == .awayBusiness)
        #expect(f.order == [ann, bo, cy, dee])  // away holds a place
        #expect(f.day.up == bo)
        let passing = try f.receive("A001")
        #expect(passing.rep == bo)
        #expect(f.forfeit(ann) == false)
        try f.back(ann)
        #expect(f.order == [ann, cy, dee])
        #expect(f.day.up == ann)
        try f.finish("A001")
        #expect(f.order == [ann, cy, dee, bo])
    }

    @Test("R3 — skipped reps: away on business goes to the tail with businessAbsence = supervisor")
    func r3AwayBusinessSupervisor() throws {
        var settings = Settings()
        settings.businessAbsence = .supervisor
        var f = Floor(settings: settings)
        try f.away(ann, .business)
        try f.receive("A001")
        #expect(f.reception("A001")?.rep == bo)
        #expect(f.forfeit(ann) == true)
        #expect(f.order == [ann, cy, dee])  // the place is held until Ann is back
        try f.back(ann)
        #expect(f.state(ann) == .ready)
        #expect(f.forfeit(ann) == false)
        #expect(f.order == [cy, dee, ann])
        #expect(f.day.up == cy)
        try f.finish("A001")
        #expect(f.order == [cy, dee, ann, bo])
    }

    @Test("R3 — skipped reps: with businessAbsence = supervisor, a make-up turn (R6) keeps the place")
    func r3AwayBusinessSupervisorMakeup() throws {
        var settings = Settings()
        settings.businessAbsence = .supervisor
        var f = Floor(settings: settings)
        try f.away(ann, .business)
        try f.receive("A001")
        #expect(f.forfeit(ann) == true)
        try f.apply(.makeup(ann, place: nil))  // granted while away: back at the head
        #expect(f.forfeit(ann) == false)
        try f.back(ann)
        #expect(f.order == [ann, cy, dee])
        #expect(f.day.up == ann)

        // Granted after the return instead: the rep is taken from the tail to the head.
        var g = Floor(settings: settings)
        try g.away(ann, .business)
        try g.receive("A001")
        try g.back(ann)
        #expect(g.order == [cy, dee, ann])
        try g.apply(.makeup(ann, place: nil))
        #expect(g.order == [ann, cy, dee])
        #expect(g.day.up == ann)
    }

    @Test("R3 — skipped reps: away on personal leave forfeits the turn and joins the tail on return")
    func r3AwayPersonal() throws {
        for absence in [Settings.BusinessAbsence.keep, .supervisor] {
            var settings = Settings()
            settings.businessAbsence = absence  // has no say over leave
            var f = Floor(settings: settings)
            try f.away(ann, .personal)
            #expect(f.state(ann) == .awayPersonal)
            try f.receive("A001")
            #expect(f.reception("A001")?.rep == bo)
            #expect(f.forfeit(ann) == true)
            try f.back(ann)
            #expect(f.order == [cy, dee, ann])
            #expect(f.day.up == cy)
            try f.finish("A001")
            #expect(f.order == [cy, dee, ann, bo])
        }
    }

    @Test("R3 — skipped reps: serving a named visitor forfeits the turn (轮空); the rep joins the tail")
    func r3ServingNamed() throws {
        var f = Floor()
        let named = try f.receive("A001", .named, rep: ann)
        #expect(named.kind == .named)
        #expect(f.state(ann) == .servingNamed)
        #expect(f.order == [ann, bo, cy, dee])  // serving-named holds a place
        try f.receive("A002")
        #expect(f.reception("A002")?.rep == bo)
        #expect(f.forfeit(ann) == true)
        try f.finish("A001")
        #expect(f.state(ann) == .ready)
        #expect(f.order == [cy, dee, ann])
        try f.finish("A002")
        #expect(f.order == [cy, dee, ann, bo])
    }

    @Test("R3 — skipped reps: a rep serving a rotation visitor has left the place already; only R2 applies")
    func r3Serving() throws {
        var f = Floor()
        try f.receive("A001")
        try f.receive("A002")
        #expect(f.reception("A002")?.rep == bo)
        #expect(f.forfeit(ann) == false)
        try f.finish("A001")
        #expect(f.order == [cy, dee, ann])
        try f.finish("A002")
        #expect(f.order == [cy, dee, ann, bo])
    }

    @Test("R4 — returning to one's place: a rep not passed goes back to the place they held")
    func r4() throws {
        // Away on leave, but no new visitor came meanwhile: nobody was passed.
        var f = Floor()
        try f.away(ann, .personal)
        try f.back(ann)
        #expect(f.order == [ann, bo, cy, dee])
        #expect(f.day.up == ann)

        // Serving a named visitor, not passed.
        try f.receive("A001", .named, rep: ann)
        try f.finish("A001")
        #expect(f.order == [ann, bo, cy, dee])

        // A rep behind the receiver was not passed: their place is kept.
        try f.away(dee, .personal)
        try f.receive("A002")
        #expect(f.reception("A002")?.rep == ann)
        #expect(f.forfeit(dee) == false)
        try f.back(dee)
        #expect(f.order == [bo, cy, dee])
        try f.finish("A002")
        #expect(f.order == [bo, cy, dee, ann])
    }

    @Test("R5 — day rollover: the closing order opens the next day")
    func r5() throws {
        var f = Floor()
        try f.receive("A001")
        try f.finish("A001")
        try f.receive("A002")
        try f.finish("A002")
        #expect(f.order == [cy, dee, ann, bo])
        #expect(f.day.closingOrder == [cy, dee, ann, bo])

        // The next day starts with the rep after Bo, the last to receive a counted visitor.
        let tomorrow = Day(opening: f.day.closingOrder)
        #expect(tomorrow.rotation.map(\.name) == [cy, dee, ann, bo])
        #expect(tomorrow.up == cy)
        #expect(tomorrow.tail == bo)
        #expect(tomorrow.rotation.allSatisfy { $0.state == .ready && !$0.forfeit })
        #expect(tomorrow.tallies.values.allSatisfy { $0 == Day.Tally() })
    }

    @Test("R5 — day rollover: a forfeit never taken back is applied at the close")
    func r5PendingForfeit() throws {
        var f = Floor()
        try f.away(ann, .personal)
        try f.receive("A001")
        try f.finish("A001")
        #expect(f.order == [ann, cy, dee, bo])  // Ann, away, still holds the place today
        #expect(f.day.closingOrder == [cy, dee, bo, ann])
        let tomorrow = Day(opening: f.day.closingOrder)
        #expect(tomorrow.up == cy)
        #expect(tomorrow.state(of: ann) == .ready)
    }

    @Test("R5 — day rollover: reps off tomorrow's table are left out, new reps join at the tail")
    func r5Carry() throws {
        var tomorrow = Day(opening: [cy, dee, ann, bo])
        try tomorrow.apply(Event(at: local(8, day: 24), .roster(["Eve", ann, cy, bo], carry: true)))
        #expect(tomorrow.rotation.map(\.name) == [cy, ann, bo, "Eve"])
        #expect(tomorrow.up == cy)
        #expect(tomorrow.state(of: dee) == .off)
    }

    @Test("R6 — supervisor only: make-up turn at the head by default, or at a chosen place")
    func r6() throws {
        var f = Floor()
        try f.receive("A001")
        try f.finish("A001")
        #expect(f.order == [bo, cy, dee, ann])

        try f.apply(.makeup(ann, place: nil))  // no place: the head
        #expect(f.order == [ann, bo, cy, dee])
        #expect(f.day.up == ann)

        try f.apply(.makeup(ann, place: 3))
        #expect(f.order == [bo, cy, ann, dee])
        try f.apply(.makeup(ann, place: 4))
        #expect(f.order == [bo, cy, dee, ann])

        #expect(f.refused(.makeup(ann, place: 0))?.rule == "R6")
        #expect(f.refused(.makeup(ann, place: 5))?.rule == "R6")

        // Places count only reps who hold one: Bo, serving, is not counted.
        try f.receive("A002")
        #expect(f.order == [cy, dee, ann])
        #expect(f.refused(.makeup(bo, place: 1))?.rule == "R6")  // serving: holds no place
        try f.apply(.makeup(ann, place: 2))
        #expect(f.order == [cy, ann, dee])

        // Reordering the whole table.
        try f.apply(.roster([dee, cy, bo, ann], carry: false))
        #expect(f.order == [dee, cy, ann])
        #expect(f.day.reps.map(\.name) == [dee, cy, bo, ann])
        #expect(f.refused(.roster([dee, dee, bo], carry: false)) != nil)
        #expect(f.refused(.roster([dee, cy, ann], carry: false))?.rule == "R19")  // Bo is serving
    }

    @Test("R7 — event mode: the console names the rep for every visitor; the rotation does not move")
    func r7() throws {
        var f = Floor()
        try f.away(ann, .personal)
        try f.apply(.eventMode(true))
        #expect(f.day.eventMode)
        #expect(f.refused(.eventMode(true))?.rule == "R7")

        try f.checkin("A001")
        #expect(f.refused(.call(ticket: nil, rep: nil, cover: false))?.rule == "R7")
        let assigned = try f.call(rep: cy)
        #expect(assigned.rep == cy)
        #expect(assigned.kind == .assigned)
        #expect(assigned.counted)
        #expect(f.forfeit(ann) == false)  // nobody is passed in event mode
        #expect(f.day.reps.map(\.name) == [ann, bo, cy, dee])
        try f.finish("A001")
        #expect(f.order == [ann, bo, cy, dee])  // no R2 movement
        #expect(f.counted(cy) == 1)

        // A named visitor is assigned too.
        try f.checkin("A002", .named, rep: dee)
        let named = try f.call(rep: bo)
        #expect(named.kind == .assigned)
        #expect(f.refused(.call(ticket: nil, rep: bo, cover: false)) != nil)  // nobody waiting
        try f.checkin("A003")
        #expect(f.refused(.call(ticket: "A003", rep: bo, cover: false))?.rule == "R19")
        try f.finish("A002")
        #expect(f.order == [ann, bo, cy, dee])

        try f.back(ann)
        try f.apply(.eventMode(false))
        #expect(!f.day.eventMode)
        #expect(f.refused(.eventMode(false))?.rule == "R7")
        let rotation = try f.call()
        #expect(rotation.rep == ann)
        #expect(rotation.kind == .rotation)
        try f.finish("A003")
        #expect(f.order == [bo, cy, dee, ann])
    }

    @Test("R8 — the head never stands empty: with nobody ready the ticket waits")
    func r8() throws {
        var f = Floor([ann, bo])
        try f.receive("A001")
        try f.receive("A002")
        try f.checkin("A003")
        #expect(f.day.up == nil)
        #expect(f.refused(.call(ticket: nil, rep: nil, cover: false))?.rule == "R8")
        #expect(f.refused(.call(ticket: "A003", rep: nil, cover: false))?.rule == "R8")
        #expect(f.day.waiting.map(\.id) == ["A003"])
        #expect(f.day.assignment(for: "A003") == nil)
        let wait = WaitEstimator.estimate(
            day: f.day, ticket: "A003", now: f.now, model: ServiceModel(medianMinutes: 40))
        #expect(wait.p50 > 0)

        try f.finish("A001")
        #expect(f.day.up == ann)
        let next = try f.call()
        #expect(next.ticket == "A003")
        #expect(next.rep == ann)
    }

    @Test("R9 — named rep: received by that rep as serving-named; the rep who was up keeps the turn")
    func r9Ready() throws {
        var f = Floor()
        let named = try f.receive("A001", .named, rep: cy)
        #expect(named.rep == cy)
        #expect(named.kind == .named)
        #expect(named.counted)  // design.md: a named new visitor counts (R20)
        #expect(f.state(cy) == .servingNamed)
        #expect(f.day.up == ann)
        #expect(f.order == [ann, bo, cy, dee])
        try f.finish("A001")
        #expect(f.order == [ann, bo, cy, dee])
        #expect(f.counted(cy) == 1)
    }

    @Test("R9 — named rep busy: the visitor waits for them")
    func r9BusyWait() throws {
        var f = Floor()
        try f.receive("A001", .named, rep: cy)
        try f.checkin("A002", .named, rep: cy)
        let refusal = f.refused(.call(ticket: "A002", rep: nil, cover: false))
        #expect(refusal?.rule == "R9")
        #expect(f.refused(.call(ticket: nil, rep: nil, cover: false))?.rule == "R8")
        #expect(f.status("A002") == .waiting)
        #expect(f.day.up == ann)

        try f.finish("A001")
        let served = try f.call()
        #expect(served.ticket == "A002")
        #expect(served.rep == cy)
        #expect(served.kind == .named)
    }

    @Test("R9 — named rep busy: the visitor is covered now by the rep who is up, as an assist")
    func r9BusyCover() throws {
        var f = Floor()
        try f.receive("A001", .named, rep: cy)
        try f.checkin("A002", .named, rep: cy)
        let cover = try f.call("A002", cover: true)
        #expect(cover.rep == ann)
        #expect(cover.kind == .cover)
        #expect(!cover.counted)
        #expect(cover.rule == "R23")
        #expect(f.state(ann) == .assisting)
        #expect(f.order == [ann, bo, cy, dee])  // the cover keeps the place
        #expect(f.day.up == bo)
        try f.finish("A002")
        #expect(f.order == [ann, bo, cy, dee])
        #expect(f.day.up == ann)
        #expect(f.day.tallies[ann] == Day.Tally(counted: 0, uncounted: 1))
    }

    @Test("R10 — named rep absent (away-business, away-personal, off): the rep who is up covers")
    func r10() throws {
        for absence in ["away-business", "away-personal", "off"] {
            var f = Floor()
            let named = absence == "off" ? "Zed" : bo
            if absence == "away-business" { try f.away(bo, .business) }
            if absence == "away-personal" { try f.away(bo, .personal) }
            #expect(f.state(named) == RepState(rawValue: absence))

            let cover = try f.receive("A001", .named, rep: named)
            #expect(cover.rep == ann, "\(absence)")
            #expect(cover.kind == .cover, "\(absence)")
            #expect(f.state(ann) == .assisting, "\(absence)")
            #expect(!cover.counted, "\(absence)")
            #expect(cover.rule == "R23", "\(absence)")
            try f.finish("A001")
            #expect(f.day.up == ann, "\(absence): the cover keeps the place")
            #expect(f.order.first == ann, "\(absence)")
            #expect(f.counted(ann) == 0 && f.uncounted(ann) == 1, "\(absence)")
            #expect(f.day.tallies[named] == nil || f.day.tallies[named] == Day.Tally(), "\(absence)")
        }
    }
}

/// rotation.md R11–R19: who receives whom.
@Suite("Who receives whom (R11–R19)")
struct RoutingRuleTests {
    let settings = Settings()
    let now = local(10)
    let day: Int64 = 86_400

    @Test("R11 — returning customer: routed to the owner as if named; not counted")
    func r11Returning() throws {
        let owned = CustomerRecord(owner: bo, lastActivity: now - 10 * day)
        let routed = Routing.classify(purpose: .buy, namedRep: nil, customer: owned, at: now, settings: settings)
        #expect(routed.category == .returning)
        #expect(routed.rep == bo)
        // Naming one's own rep is the same returning visit.
        let naming = Routing.classify(purpose: .buy, namedRep: bo, customer: owned, at: now, settings: settings)
        #expect(naming.category == .returning)
        #expect(naming.rep == bo)

        var f = Floor()
        let visit = try f.receive("A001", routed.category, rep: routed.rep, customer: 7)
        #expect(visit.rep == bo)
        #expect(visit.kind == .returning)
        #expect(f.state(bo) == .servingNamed)
        #expect(!visit.counted)
        #expect(visit.rule == "R22")
        #expect(f.day.up == ann)
        try f.finish("A001")
        #expect(f.order == [ann, bo, cy, dee])
    }

    @Test("R11 — returning customer whose rep is busy waits or is covered; whose rep is away is covered (R9, R10)")
    func r11AsIfNamed() throws {
        var f = Floor()
        try f.receive("A001", .named, rep: bo)
        try f.checkin("A002", .returning, rep: bo, customer: 7)
        #expect(f.refused(.call(ticket: "A002", rep: nil, cover: false))?.rule == "R9")
        let cover = try f.call("A002", cover: true)
        #expect(cover.rep == ann)
        #expect(cover.kind == .cover)

        var g = Floor()
        try g.away(bo, .personal)
        let covered = try g.receive("A001", .returning, rep: bo, customer: 7)
        #expect(covered.rep == ann)
        #expect(covered.kind == .cover)
        #expect(covered.rule == "R23")
    }

    @Test("R11 — lapsed ownership: after ownershipLapseDays without a visit or follow-up, a new visitor")
    func r11Lapsed() throws {
        let lapsed = CustomerRecord(owner: bo, lastActivity: now - 31 * day)
        #expect(lapsed.activeOwner(at: now, settings: settings) == nil)
        let routed = Routing.classify(purpose: .buy, namedRep: nil, customer: lapsed, at: now, settings: settings)
        #expect(routed.category == .new)
        #expect(routed.rep == nil)
        let recent = CustomerRecord(owner: bo, lastActivity: now - 29 * day)
        #expect(recent.activeOwner(at: now, settings: settings) == bo)

        // The lapse is a setting.
        var longer = Settings()
        longer.ownershipLapseDays = 60
        #expect(lapsed.activeOwner(at: now, settings: longer) == bo)
        #expect(Routing.classify(purpose: .buy, namedRep: nil, customer: lapsed, at: now, settings: longer).category == .returning)

        // A customer with no activity on record has no active owner.
        #expect(CustomerRecord(owner: bo, lastActivity: nil).activeOwner(at: now, settings: settings) == nil)

        // As a new visitor, the rep who is up receives and it counts.
        var f = Floor()
        let visit = try f.receive("A001", routed.category, rep: routed.rep, customer: 7)
        #expect(visit.rep == ann)
        #expect(visit.kind == .rotation)
        #expect(visit.counted)
    }

    @Test("R12 — assists: never counted, never cost a turn; back or finish ends them")
    func r12() throws {
        var f = Floor()
        try f.receive("A001")
        try f.apply(.assist("A001", bo))
        #expect(f.state(bo) == .assisting)
        let assist = f.reception("A001", by: bo)
        #expect(assist?.kind == .assist)
        #expect(assist?.counted == false)
        #expect(assist?.rule == "R23")
        #expect(f.order == [bo, cy, dee])

        try f.receive("A002")  // Bo, assisting, is passed: Cy receives
        #expect(f.reception("A002")?.rep == cy)
        try f.back(bo)
        #expect(f.state(bo) == .ready)
        #expect(f.order == [bo, dee])
        #expect(f.day.up == bo)

        // An assist also ends when the ticket is finished.
        try f.apply(.assist("A002", dee))
        try f.finish("A002")
        #expect(f.state(dee) == .ready)
        #expect(f.order == [bo, dee, cy])
        #expect(f.day.tallies[bo] == Day.Tally(counted: 0, uncounted: 1))
        #expect(f.day.tallies[dee] == Day.Tally(counted: 0, uncounted: 1))
        #expect(f.refused(.assist("A002", bo)) != nil)  // finished: nothing to assist
    }

    @Test("R13 — recognized at the door: a claim out of order, serving-named, not counted")
    func r13() throws {
        var f = Floor()
        try f.checkin("A001")
        try f.apply(.claim("A001", cy))
        let claim = f.reception("A001")
        #expect(claim?.rep == cy)
        #expect(claim?.kind == .claimed)
        #expect(claim?.counted == false)
        #expect(claim?.rule == "R22")
        #expect(f.state(cy) == .servingNamed)
        #expect(f.status("A001") == .serving)
        #expect(f.day.up == ann)
        #expect(f.refused(.claim("A001", dee))?.rule == "R13")  // not waiting any more
        try f.finish("A001")
        #expect(f.order == [ann, bo, cy, dee])
    }

    @Test("R14 — customer asks for another rep: transfer recorded; the first reception stands")
    func r14() throws {
        var f = Floor()
        try f.receive("A001")
        try f.apply(.transfer("A001", cy))
        let first = f.reception("A001", by: ann)
        #expect(first?.counted == true)
        #expect(first?.isOpen == false)
        #expect(f.state(ann) == .ready)
        #expect(f.order == [bo, cy, dee, ann])  // a counted rotation reception (R2)
        let second = f.reception("A001", by: cy)
        #expect(second?.kind == .transferred)
        #expect(second?.counted == false)
        #expect(second?.rule == "R14")
        #expect(f.state(cy) == .servingNamed)
        #expect(f.refused(.transfer("A001", cy))?.rule == "R14")
        try f.finish("A001")
        #expect(f.order == [bo, cy, dee, ann])
        #expect(f.day.tallies[ann] == Day.Tally(counted: 1, uncounted: 0))
        #expect(f.day.tallies[cy] == Day.Tally(counted: 0, uncounted: 1))
    }

    @Test("R15 — non-sales visitors: received by the tail rep as serving-other; nobody moves")
    func r15() throws {
        let routed = Routing.classify(purpose: .other, namedRep: bo, customer: nil, at: now, settings: settings)
        #expect(routed.category == .other)  // whoever is named
        #expect(routed.rep == nil)
        // No stated purpose (a competitor's researcher included) is an ordinary new visitor.
        #expect(Routing.classify(purpose: .buy, namedRep: nil, customer: nil, at: now, settings: settings).category == .new)

        var f = Floor()
        let visit = try f.receive("A001", .other)
        #expect(visit.rep == dee)
        #expect(visit.kind == .other)
        #expect(f.state(dee) == .servingOther)
        #expect(!visit.counted)
        #expect(visit.rule == "R22")
        #expect(f.day.up == ann)
        #expect(f.day.tail == cy)
        #expect(f.order == [ann, bo, cy, dee])
        try f.finish("A001")
        #expect(f.order == [ann, bo, cy, dee])
        #expect(f.day.tail == dee)
    }

    @Test("R16 — phone duty: the last ready rep in rotation order")
    func r16() throws {
        var f = Floor()
        #expect(f.day.phoneDuty == dee)
        try f.away(dee, .business)
        #expect(f.day.phoneDuty == cy)
        try f.receive("A001", .other)  // to the tail, Cy
        #expect(f.reception("A001")?.rep == cy)
        #expect(f.day.phoneDuty == bo)  // a call never takes a rep from a reception (R19)
        try f.receive("A002")
        try f.finish("A002")  // Ann to the tail (R2)
        #expect(f.day.phoneDuty == ann)
        #expect(f.day.phoneDuty == f.day.tail)
    }

    @Test("R17 — returned-unit customers: the former rep only if named, otherwise a new visitor")
    func r17() throws {
        let returned = CustomerRecord(owner: bo, lastActivity: now - day, returnedUnit: true)
        let unnamed = Routing.classify(purpose: .buy, namedRep: nil, customer: returned, at: now, settings: settings)
        #expect(unnamed.category == .new)
        #expect(unnamed.rep == nil)
        let named = Routing.classify(purpose: .buy, namedRep: bo, customer: returned, at: now, settings: settings)
        #expect(named.category == .named)
        #expect(named.rep == bo)

        var f = Floor()
        let toRotation = try f.receive("A001", unnamed.category, rep: unnamed.rep, customer: 9)
        #expect(toRotation.rep == ann)
        #expect(toRotation.kind == .rotation)
        let toFormer = try f.receive("A002", named.category, rep: named.rep, customer: 9)
        #expect(toFormer.rep == bo)
        #expect(toFormer.kind == .named)
    }

    @Test("R18 — brought by a customer: to the rep the customer names, else by rotation")
    func r18() throws {
        var f = Floor()
        let named = try f.receive("A001", .named, rep: cy, brought: true)
        #expect(named.rep == cy)
        #expect(named.kind == .named)
        #expect(named.counted)
        let unnamed = try f.receive("A002", .new, brought: true)
        #expect(unnamed.rep == ann)
        #expect(unnamed.kind == .rotation)
        #expect(unnamed.counted)
    }

    @Test("R19 — no interruptions: a busy rep is never given a visitor, an assist, a claim or leave")
    func r19() throws {
        var f = Floor()
        try f.receive("A001")                 // Ann serving
        try f.receive("A002", .named, rep: cy) // Cy serving-named
        try f.receive("A003", .other)         // Dee serving-other (the tail)
        try f.apply(.assist("A001", bo))      // Bo assisting
        #expect(f.day.up == nil)

        for busy in [ann, cy, dee, bo] {
            try f.checkin("W-\(busy)")
            #expect(f.refused(.assist("A001", busy))?.rule == "R19", "assist by \(busy)")
            #expect(f.refused(.claim("W-\(busy)", busy))?.rule == "R19", "claim by \(busy)")
            #expect(f.refused(.away(busy, .business))?.rule == "R19", "away by \(busy)")
            #expect(f.refused(.away(busy, .personal))?.rule == "R19", "leave by \(busy)")
        }
        // A new visitor is not given to a busy rep, even when the console names them.
        #expect(f.refused(.call(ticket: "W-Ann", rep: ann, cover: false)) != nil)
        #expect(f.state(ann) == .serving)
        #expect(f.day.openReceptions.count == 4)
        #expect(f.day.phoneDuty == nil)

        // In event mode the console cannot assign a busy rep either.
        try f.apply(.eventMode(true))
        #expect(f.refused(.call(ticket: "W-Ann", rep: cy, cover: false))?.rule == "R19")
    }
}

/// rotation.md R20–R27: what counts.
@Suite("Counting (R20–R27)")
struct CountingRuleTests {
    @Test("R20 — each new visitor group received is one counted reception")
    func r20() throws {
        var f = Floor()
        let first = try f.receive("A001")
        let second = try f.receive("A002")
        #expect(first.counted && first.rule == nil)
        #expect(second.counted && second.rule == nil)
        #expect(f.day.tallies == [ann: .init(counted: 1), bo: .init(counted: 1), cy: .init(), dee: .init()])
    }

    @Test("R21 — outside working hours (local time, utcOffset +08:00) receptions are recorded, uncounted")
    func r21() throws {
        let offset = 8 * 3600
        // 08:30 in Shanghai is 00:30 UTC: outside the hours. Costs no turn (design.md).
        var f = Floor(utcOffset: offset, at: local(8, 29, offset: offset))
        let early = try f.receive("A001")
        #expect(CivilTime(early.calledAt, offset: offset).hour == 8)
        #expect(early.rep == ann)
        #expect(early.kind == .rotation)
        #expect(!early.counted)
        #expect(early.rule == "R21")
        try f.finish("A001")
        #expect(f.order == [ann, bo, cy, dee])
        #expect(f.day.tallies[ann] == Day.Tally(counted: 0, uncounted: 1))

        // 09:00 local (01:00 UTC) counts: the hours are the site's, not UTC's.
        f.now = local(9, offset: offset) - 60
        let nine = try f.receive("A002")
        #expect(nine.calledAt == local(9, 1, offset: offset))
        #expect(nine.counted)
        try f.finish("A002")
        #expect(f.order == [bo, cy, dee, ann])

        // 17:59 counts; 18:00 does not (the end is exclusive); late evening does not.
        f.now = local(17, 58, offset: offset) - 60
        let last = try f.receive("A003")
        #expect(last.calledAt == local(17, 59, offset: offset))
        #expect(last.counted)
        f.now = local(18, offset: offset) - 120
        let closing = try f.receive("A004")
        #expect(closing.calledAt == local(18, offset: offset))
        #expect(!closing.counted && closing.rule == "R21")
        f.now = local(23, 30, offset: offset)
        let named = try f.receive("A005", .named, rep: dee)
        #expect(!named.counted && named.rule == "R21")
        #expect(f.day.receptions.count == 5)
        #expect(f.day.tallies.values.map(\.counted).reduce(0, +) == 2)
        #expect(f.day.tallies.values.map(\.uncounted).reduce(0, +) == 3)
    }

    @Test("R22 — non-sales and returning-customer visits do not count")
    func r22() throws {
        var f = Floor()
        let other = try f.receive("A001", .other)
        let returning = try f.receive("A002", .returning, rep: bo, customer: 3)
        #expect(!other.counted && other.rule == "R22")
        #expect(!returning.counted && returning.rule == "R22")
        #expect(f.day.tallies[dee] == Day.Tally(counted: 0, uncounted: 1))
        #expect(f.day.tallies[bo] == Day.Tally(counted: 0, uncounted: 1))
    }

    @Test("R23 — assists and covers do not count")
    func r23() throws {
        var f = Floor()
        try f.away(dee, .business)
        let cover = try f.receive("A001", .named, rep: dee)  // Ann covers (R10)
        try f.apply(.assist("A001", bo))
        #expect(!cover.counted && cover.rule == "R23")
        #expect(f.reception("A001", by: bo)?.rule == "R23")
        #expect(f.day.tallies[ann] == Day.Tally(counted: 0, uncounted: 1))
        #expect(f.day.tallies[bo] == Day.Tally(counted: 0, uncounted: 1))
    }

    @Test("R24 — groups coming together count once (group)")
    func r24() throws {
        var f = Floor()
        try f.checkin("A001")
        try f.checkin("A002")
        try f.apply(.group("A001", with: "A002"))
        #expect(f.status("A002") == .grouped(into: "A001"))
        #expect(f.day.waiting.map(\.id) == ["A001"])
        let reception = try f.call()
        #expect(reception.ticket == "A001")
        try f.finish("A001")
        #expect(f.status("A002") == .grouped(into: "A001"))
        #expect(f.day.receptions.count == 1)
        #expect(f.day.tallies == [ann: .init(counted: 1), bo: .init(), cy: .init(), dee: .init()])

        // A group may join one already being served; a served ticket cannot join another.
        try f.receive("A003")
        try f.checkin("A004")
        try f.apply(.group("A003", with: "A004"))
        #expect(f.status("A004") == .grouped(into: "A003"))
        try f.checkin("A005")
        #expect(f.refused(.group("A005", with: "A003"))?.rule == "R24")
        #expect(f.refused(.group("A005", with: "A005"))?.rule == "R24")
        #expect(f.refused(.group("A001", with: "A005"))?.rule == "R24")  // A001 is finished
        #expect(f.refused(.call(ticket: "A004", rep: nil, cover: false)) != nil)
        #expect(f.counted(bo) == 1)
    }

    @Test("R25 — the same customer received twice by the same rep on one day counts once")
    func r25() throws {
        var f = Floor()
        let first = try f.receive("A001", .named, rep: ann, customer: 7)
        try f.finish("A001")
        let again = try f.receive("A002", .named, rep: ann, customer: 7)
        try f.finish("A002")
        let otherRep = try f.receive("A003", .named, rep: bo, customer: 7)
        #expect(first.counted)
        #expect(!again.counted && again.rule == "R25")
        #expect(otherRep.counted)  // another rep: counts for them
        #expect(f.day.tallies[ann] == Day.Tally(counted: 1, uncounted: 1))

        // By rotation: the repeat costs no turn (design.md), so Ann is up again after it.
        var g = Floor([ann, bo])
        try g.receive("A001", customer: 7)
        try g.finish("A001")
        try g.receive("A002", customer: 8)
        try g.finish("A002")
        #expect(g.order == [ann, bo])
        let repeatVisit = try g.receive("A003", customer: 7)
        #expect(repeatVisit.rep == ann)
        #expect(!repeatVisit.counted && repeatVisit.rule == "R25")
        try g.finish("A003")
        #expect(g.order == [ann, bo])
        #expect(g.day.tallies[ann] == Day.Tally(counted: 1, uncounted: 1))
    }

    @Test("R26 — a visitor brought by a customer counts for the rep who receives them")
    func r26() throws {
        var f = Floor()
        try f.receive("A001", .named, rep: cy, brought: true)
        try f.receive("A002", .new, brought: true)
        #expect(f.day.tallies[cy] == Day.Tally(counted: 1, uncounted: 0))
        #expect(f.day.tallies[ann] == Day.Tally(counted: 1, uncounted: 0))
    }

    @Test("R27 — company and affiliate staff visits do not count")
    func r27() throws {
        var f = Floor()
        let walkIn = try f.receive("A001", .new, staff: true)
        #expect(walkIn.rep == ann)
        #expect(!walkIn.counted && walkIn.rule == "R27")
        try f.finish("A001")
        #expect(f.order == [ann, bo, cy, dee])  // uncounted: costs no turn (design.md)
        let nonSales = try f.receive("A002", .other, staff: true)
        #expect(nonSales.rep == dee)
        #expect(!nonSales.counted && nonSales.rule == "R27")
        let named = try f.receive("A003", .named, rep: bo, staff: true)
        #expect(!named.counted && named.rule == "R27")
        #expect(f.day.tallies.values.allSatisfy { $0.counted == 0 })
    }
}
