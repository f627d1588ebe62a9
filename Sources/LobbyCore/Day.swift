/// One business day of one site: the rotation, the tickets and the receptions, derived from events.
///
/// The rotation is kept as one list of everyone on today's table. A rep serving a rotation
/// reception stays in the list but holds no place (rotation.md, "Rep states"): on a counted
/// finish they move to the tail (R2), otherwise they are back where they were.
public struct Day: Sendable, Equatable {
    public struct Rep: Sendable, Equatable {
        public let name: RepName
        public var state: RepState
        /// R3: passed while away on leave or serving a named visitor; joins the tail when ready again.
        public var forfeit: Bool
    }

    public enum TicketStatus: Sendable, Equatable {
        case waiting, serving, finished, noshow
        /// Still waiting when the business day closed: never received, never counted.
        case unreceived
        case grouped(into: TicketID)
    }

    public struct Ticket: Sendable, Equatable {
        public let info: TicketInfo
        public let issuedAt: Instant
        public var status: TicketStatus
        public var id: TicketID { info.id }
    }

    public struct Reception: Sendable, Equatable {
        public let ticket: TicketID
        public let rep: RepName
        public let kind: ReceptionKind
        public let calledAt: Instant
        public var finishedAt: Instant?
        public let counted: Bool
        /// The rule that kept this reception from counting (R21–R27, R14, R23); nil when it counted.
        public let rule: RuleID?
        /// Reps who forfeited their turn when this call passed them (R3), undone by a no-show.
        public var passed: [RepName] = []
        public var isOpen: Bool { finishedAt == nil }
    }

    /// A call nobody answered: who called the ticket, when, and when it was marked a no-show.
    public struct NoShow: Sendable, Equatable {
        public let ticket: TicketID
        public let rep: RepName
        public let calledAt: Instant
        public let at: Instant
    }

    /// A rep's tally for the day (接待次数).
    public struct Tally: Sendable, Equatable, Codable {
        public var counted = 0
        public var uncounted = 0
        public init(counted: Int = 0, uncounted: Int = 0) {
            self.counted = counted
            self.uncounted = uncounted
        }
    }

    /// What an applied event did, for the front ends to tell.
    public enum Effect: Sendable, Equatable {
        case none
        case called(Reception)
        /// An undo took back this event.
        case undone(Event)
    }

    public let settings: Settings
    /// Seconds east of UTC in the site's zone on this day; working hours (R21) are local.
    public let utcOffset: Int
    public private(set) var reps: [Rep]
    public private(set) var tickets: [Ticket] = []
    public private(set) var receptions: [Reception] = []
    /// Calls the visitor did not answer (no-shows): the reception they would have been, and when
    /// it was given up. Not receptions, so neither counted nor in `receptions`.
    public private(set) var noshows: [NoShow] = []
    public private(set) var eventMode = false
    /// The opening order and every event applied, so an undo can work the day out again.
    private let opening: [RepName]
    public private(set) var applied: [Event] = []
    /// Indexes into `applied` of the events an undo took back.
    public private(set) var undone: [Int] = []
    /// Reps kept free now for a booked visitor (`BookingRules.holds`): not an event, what the
    /// bookings say at the moment the day is looked at, set by `hold`. A call records the reps
    /// it found held and uses those.
    public private(set) var holds: [BookingHold] = []

    public init(opening: [RepName], settings: Settings = Settings(), utcOffset: Int = 0) {
        self.settings = settings
        self.utcOffset = utcOffset
        self.opening = opening
        self.reps = opening.map { Rep(name: $0, state: .ready, forfeit: false) }
    }

    /// The events an undo may take back: what staff did to the rotation. Check-ins are the
    /// visitors', renames the staff list's, the close the calendar's.
    public static func isUndoable(_ action: Action) -> Bool {
        switch action {
        case .checkin, .rename, .undo, .closeDay: return false
        default: return true
        }
    }

    /// The event the next undo would take back, if any.
    public var lastUndoable: Event? {
        applied.indices.last { Self.isUndoable(applied[$0].action) && !undone.contains($0) }.map { applied[$0] }
    }

    // MARK: - Reading the state

    /// Reps who hold a place, in rotation order; `place` is the index plus one.
    public var rotation: [Rep] { reps.filter { $0.state.holdsPlace } }

    /// R1: the first ready rep in rotation order. A rep held for a booked visitor is ready but
    /// not up: they keep their place and the next ready rep receives.
    public var up: RepName? { reps.first { $0.state == .ready && !isHeld($0.name) }?.name }

    /// R15, R16: the last ready rep in rotation order (末位), a held rep excepted.
    public var tail: RepName? { reps.last { $0.state == .ready && !isHeld($0.name) }?.name }

    /// Whether `rep` is kept free for a booked visitor now.
    public func isHeld(_ rep: RepName) -> Bool { holds.contains { $0.rep == rep } }

    /// The hold of `rep`, if they are held.
    public func hold(of rep: RepName) -> BookingHold? { holds.first { $0.rep == rep } }

    /// Sets who is held for a booked visitor now (`BookingRules.holds`); only reps on the table.
    public mutating func hold(_ holds: [BookingHold]) {
        let onTable = Set(reps.map(\.name))
        self.holds = holds.filter { onTable.contains($0.rep) }
    }

    /// The reps held now, in rotation order: what a call made now records.
    public var heldReps: [RepName] { reps.map(\.name).filter(isHeld) }

    public var phoneDuty: RepName? { tail }

    public var waiting: [Ticket] { tickets.filter { $0.status == .waiting } }

    public var openReceptions: [Reception] { receptions.filter(\.isOpen) }

    public func state(of rep: RepName) -> RepState {
        reps.first { $0.name == rep }?.state ?? .off
    }

    public func ticket(_ id: TicketID) -> Ticket? {
        tickets.first { $0.id == id }
    }

    /// The open reception a rep is serving or assisting, if any.
    public func openReception(of rep: RepName) -> Reception? {
        receptions.last { $0.rep == rep && $0.isOpen }
    }

    public var tallies: [RepName: Tally] {
        var result: [RepName: Tally] = [:]
        for rep in reps { result[rep.name] = Tally() }
        for reception in receptions {
            if reception.counted {
                result[reception.rep, default: Tally()].counted += 1
            } else {
                result[reception.rep, default: Tally()].uncounted += 1
            }
        }
        return result
    }

    /// R5: the order the next business day opens with. Reps who forfeited a turn and never came
    /// back take it at the tail, in the order they are listed.
    public var closingOrder: [RepName] {
        reps.filter { !$0.forfeit }.map(\.name) + reps.filter(\.forfeit).map(\.name)
    }

    /// Who would receive `ticket` if it were called now, or nil when it must wait (R8, R9).
    public func assignment(for id: TicketID, cover: Bool = false) -> (rep: RepName, kind: ReceptionKind)? {
        guard let ticket = ticket(id) else { return nil }
        return assignment(for: ticket.info, cover: cover)
    }

    // MARK: - Applying events

    @discardableResult
    public mutating func apply(_ event: Event) throws(RuleViolation) -> Effect {
        if event.action == .undo { return try undo(event) }
        let effect = try applyRule(event)
        applied.append(event)
        return effect
    }

    /// Undo: the day again from its opening, without the last undoable event not yet undone;
    /// nothing is deleted, the undo is one more event.
    private mutating func undo(_ event: Event) throws(RuleViolation) -> Effect {
        guard let target = applied.indices.last(where: { Self.isUndoable(applied[$0].action) && !undone.contains($0) }) else {
            throw .refused(nil, "nothingToUndo", [:], "there is nothing to take back today")
        }
        var fresh = Day(opening: opening, settings: settings, utcOffset: utcOffset)
        let skipped = Set(undone + [target])
        for index in applied.indices where !skipped.contains(index) {
            do {
                _ = try fresh.applyRule(applied[index])
            } catch {
                throw .refused(nil, "undoDepends", [:], "cannot take back \(applied[target].action): a later event depends on it (\(error.message))")
            }
        }
        fresh.applied = applied + [event]
        fresh.undone = undone + [target]
        self = fresh
        return .undone(applied[target])
    }

    private mutating func applyRule(_ event: Event) throws(RuleViolation) -> Effect {
        let at = event.at
        switch event.action {
        case let .roster(names, carry):
            try setRoster(names, carry: carry)
        case let .checkin(info):
            guard ticket(info.id) == nil else {
                throw .refused(nil, "ticketExists", ["ticket": "\(info.id)"], "ticket \(info.id) exists already today")
            }
            tickets.append(Ticket(info: info, issuedAt: at, status: .waiting))
        case let .call(id, rep, cover, held):
            // The holds the call was made with, not today's: replayed, it picks the same rep.
            let now = holds
            holds = held.map { BookingHold(rep: $0, code: "", at: at, ticket: nil) }
            defer { holds = now }
            return .called(try call(id, rep: rep, cover: cover, at: at))
        case let .finish(id):
            try finish(id, at: at)
        case let .noshow(id):
            try noshow(id, at: at)
        case let .away(name, reason):
            let index = try repIndex(name)
            switch reps[index].state {
            case .ready: reps[index].state = reason.state
            case .awayBusiness, .awayPersonal: throw .refused(nil, "awayAlready", ["rep": "\(name)"], "\(name) is away already")
            default:
                throw .refused(.r19, "busyFinishFirst", ["rep": "\(name)"], terms: ["state": "state." + reps[index].state.rawValue], "\(name) is \(reps[index].state.rawValue); finish first")
            }
        case let .back(name):
            try back(name, at: at)
        case let .assist(id, name):
            try assist(id, by: name, at: at)
        case let .transfer(id, name):
            try transfer(id, to: name, at: at)
        case let .claim(id, name):
            try claim(id, by: name, at: at)
        case let .makeup(name, place):
            try makeup(name, place: place ?? 1)
        case let .eventMode(on):
            guard eventMode != on else {
                throw .refused(.r7, on ? "eventOnAlready" : "eventOffAlready", [:], "event mode is \(on ? "on" : "off") already")
            }
            eventMode = on
            if !on {
                // Moves frozen during the event (R7) happen now: ready reps who forfeited go to the tail.
                for rep in reps where rep.state == .ready && rep.forfeit {
                    makeReady(rep.name, afterCountedRotation: false)
                }
            }
        case let .group(id, otherID):
            try group(otherID, into: id)
        case let .rename(old, new):
            try rename(old, to: new)
        case .undo:
            throw .refused(nil, "undoAsRule", [:], "an undo cannot be applied as a rule")
        case .closeDay:
            for index in tickets.indices where tickets[index].status == .waiting { tickets[index].status = .unreceived }
        }
        return .none
    }

    // MARK: - Roster (R5, R6)

    private mutating func setRoster(_ names: [RepName], carry: Bool) throws(RuleViolation) {
        var seen = Set<RepName>()
        for name in names where !seen.insert(name).inserted {
            throw .refused(nil, "rosterTwice", ["rep": "\(name)"], "\(name) appears twice in the roster")
        }
        for rep in reps where !seen.contains(rep.name) && rep.state.isBusy {
            throw .refused(.r19, "busyOffTable", ["rep": "\(rep.name)"], terms: ["state": "state." + rep.state.rawValue], "\(rep.name) is \(rep.state.rawValue); finish before taking them off the table")
        }
        let current = Dictionary(uniqueKeysWithValues: reps.map { ($0.name, $0) })
        let ordered: [RepName]
        if carry {
            let kept = reps.map(\.name).filter(seen.contains)
            ordered = kept + names.filter { current[$0] == nil }
        } else {
            ordered = names
        }
        reps = ordered.map { current[$0] ?? Rep(name: $0, state: .ready, forfeit: false) }
    }

    // MARK: - Calling (R1, R3, R7–R10, R15, R19)

    private func assignment(for info: TicketInfo, cover: Bool) -> (rep: RepName, kind: ReceptionKind)? {
        switch info.category {
        case .new:
            return up.map { ($0, .rotation) }
        case .other:
            return tail.map { ($0, .other) }
        case .named, .returning:
            let kind: ReceptionKind = info.category == .named ? .named : .returning
            guard let named = info.rep else { return up.map { ($0, .rotation) } }
            switch state(of: named) {
            case .ready:
                return (named, kind)
            case .serving, .servingNamed, .servingOther, .assisting:
                // R9: the visitor waits for a busy rep unless they choose to be covered now.
                return cover ? up.map { ($0, .cover) } : nil
            case .awayBusiness, .awayPersonal, .off:
                return up.map { ($0, .cover) }  // R10
            }
        }
    }

    private mutating func call(
        _ id: TicketID?, rep chosen: RepName?, cover: Bool, at: Instant
    ) throws(RuleViolation) -> Reception {
        let ticket: Ticket
        if let id {
            guard let found = self.ticket(id) else { throw .notFound("noTicket", ["ticket": "\(id)"], "no ticket \(id) today") }
            guard found.status == .waiting else {
                throw .refused(nil, "notWaiting", ["ticket": "\(id)"], terms: ["status": found.statusKey], "ticket \(id) is not waiting (\(found.statusWord))")
            }
            ticket = found
        } else {
            let queue = waiting
            guard !queue.isEmpty else { throw .notFound("nobodyWaiting", [:], "nobody is waiting") }
            if eventMode {
                ticket = queue[0]
            } else if let next = queue.first(where: { assignment(for: $0.info, cover: false) != nil }) {
                // Waiting-tickets rule: a ticket waiting for one busy rep does not hold up the rest.
                ticket = next
            } else {
                throw .refused(.r8, "noRepForQueue", ["n": String(queue.count)], "no rep can take a waiting ticket now; \(queue.count) waiting")
            }
        }

        let rep: RepName
        let kind: ReceptionKind
        if eventMode {
            guard let chosen else { throw .refused(.r7, "eventNameRep", [:], "event mode: the console assigns every visitor; name the rep") }
            let index = try repIndex(chosen)
            guard reps[index].state == .ready else {
                throw .refused(.r19, "repBusy", ["rep": "\(chosen)"], terms: ["state": "state." + reps[index].state.rawValue], "\(chosen) is \(reps[index].state.rawValue)")
            }
            (rep, kind) = (chosen, .assigned)
        } else {
            guard let picked = assignment(for: ticket.info, cover: cover) else {
                if let named = ticket.info.rep, state(of: named).isBusy {
                    throw .refused(.r9, "namedBusy", ["rep": "\(named)"], "\(named) is busy; the visitor waits for them or is covered now (--cover)")
                }
                throw .refused(.r8, "noRepReady", [:], "no rep is ready")
            }
            if let chosen, chosen != picked.rep {
                throw .refused(.r1, "rulesGive", ["ticket": "\(ticket.id)", "rep": "\(picked.rep)", "chosen": "\(chosen)"], "the rules give \(ticket.id) to \(picked.rep), not \(chosen)")
            }
            (rep, kind) = picked
        }
        let passed = kind == .rotation ? passReps(aheadOf: rep) : []

        let (counted, rule) = counting(ticket.info, rep: rep, kind: kind, at: at)
        let reception = Reception(
            ticket: ticket.id, rep: rep, kind: kind, calledAt: at, finishedAt: nil,
            counted: counted, rule: rule, passed: passed)
        receptions.append(reception)
        setStatus(ticket.id, .serving)
        setState(rep, kind.servingState)
        return reception
    }

    /// R3: every rep ahead of the one who receives a rotation visitor and not ready has been
    /// passed. Returns those who forfeited their turn by it.
    private mutating func passReps(aheadOf rep: RepName) -> [RepName] {
        var forfeited: [RepName] = []
        for index in reps.indices {
            if reps[index].name == rep { break }
            let forfeits: Bool
            switch reps[index].state {
            case .awayPersonal, .servingNamed: forfeits = true
            case .awayBusiness: forfeits = settings.businessAbsence == .supervisor
            // Assisting, serving-other, and ready but held for a booked visitor (waiting for an
            // appointment the company made is its work, not the rep's choice): the place is kept.
            default: forfeits = false
            }
            if forfeits && !reps[index].forfeit {
                reps[index].forfeit = true
                forfeited.append(reps[index].name)
            }
        }
        return forfeited
    }

    /// R20–R27: whether a reception counts, and if not, the rule that says so.
    private func counting(
        _ info: TicketInfo, rep: RepName, kind: ReceptionKind, at: Instant
    ) -> (Bool, RuleID?) {
        switch kind {
        case .cover, .assist: return (false, .r23)
        case .transferred: return (false, .r14)
        case .other: return (false, info.staff ? .r27 : .r22)
        case .returning, .claimed: return (false, .r22)
        case .rotation, .named, .assigned: break
        }
        if info.staff { return (false, .r27) }
        if !settings.isWorkingTime(localMinute: localMinute(at)) { return (false, .r21) }
        if let customer = info.customer {
            let earlier = receptions.contains { reception in
                reception.counted && reception.rep == rep
                    && ticket(reception.ticket)?.info.customer == customer
            }
            if earlier { return (false, .r25) }
        }
        return (true, nil)
    }

    private func localMinute(_ at: Instant) -> Int {
        let seconds = (at.seconds + Int64(utcOffset)) % 86_400
        return Int((seconds + 86_400) % 86_400) / 60
    }

    // MARK: - Ending receptions (R2, R4)

    private mutating func finish(_ id: TicketID, at: Instant) throws(RuleViolation) {
        let ticket = try servingTicket(id)
        // Time runs forward in the record: a reception cannot end before it began.
        if let begun = receptions.filter({ $0.ticket == ticket.id && $0.isOpen }).map(\.calledAt).max(), at < begun {
            throw .refused(nil, "finishBeforeCall", ["ticket": "\(id)"], "ticket \(id) cannot finish at a time before its call (\(begun - at) s earlier)")
        }
        for index in receptions.indices where receptions[index].ticket == ticket.id && receptions[index].isOpen {
            receptions[index].finishedAt = at
            release(receptions[index])
        }
        setStatus(ticket.id, .finished)
    }

    private mutating func noshow(_ id: TicketID, at: Instant) throws(RuleViolation) {
        let ticket = try servingTicket(id)
        // The visitor never came, so there was no reception: the rep is back in the place they
        // held, which a rep being called never leaves in this list.
        for reception in receptions where reception.ticket == ticket.id && reception.isOpen {
            if reception.kind != .assist {
                noshows.append(NoShow(ticket: ticket.id, rep: reception.rep, calledAt: reception.calledAt, at: at))
            }
            setState(reception.rep, .ready)
            // Nobody was received, so nobody was passed (R3).
            for name in reception.passed {
                if let index = reps.firstIndex(where: { $0.name == name }) { reps[index].forfeit = false }
            }
        }
        receptions.removeAll { $0.ticket == ticket.id && $0.isOpen }
        setStatus(ticket.id, .noshow)
    }

    /// The rep of a finished reception is ready again: at the tail after a counted rotation
    /// reception (R2), else in the place they held (R4) unless they forfeited it (R3).
    private mutating func release(_ reception: Reception) {
        makeReady(reception.rep, afterCountedRotation: reception.kind == .rotation && reception.counted)
    }

    private mutating func makeReady(_ name: RepName, afterCountedRotation: Bool) {
        guard let index = reps.firstIndex(where: { $0.name == name }) else { return }
        var rep = reps[index]
        rep.state = .ready
        // R7: event mode freezes the rotation; a forfeit waits for the next time the rep is ready.
        if !eventMode && (afterCountedRotation || rep.forfeit) {
            rep.forfeit = false
            reps.remove(at: index)
            reps.append(rep)
        } else {
            reps[index] = rep
        }
    }

    private mutating func back(_ name: RepName, at: Instant) throws(RuleViolation) {
        let index = try repIndex(name)
        switch reps[index].state {
        case .awayBusiness, .awayPersonal:
            makeReady(name, afterCountedRotation: false)
        case .assisting:
            guard let open = receptions.lastIndex(where: { $0.rep == name && $0.isOpen }),
                receptions[open].kind == .assist
            else {
                throw .refused(.r10, "covering", ["rep": "\(name)"], "\(name) is covering a reception; finish that ticket instead")
            }
            receptions[open].finishedAt = at
            release(receptions[open])
        default:
            throw .refused(nil, "notAway", ["rep": "\(name)"], terms: ["state": "state." + reps[index].state.rawValue], "\(name) is \(reps[index].state.rawValue), not away")
        }
    }

    // MARK: - Assists, transfers, claims, make-up, groups (R6, R12–R14, R24)

    private mutating func assist(_ id: TicketID, by name: RepName, at: Instant) throws(RuleViolation) {
        let ticket = try servingTicket(id)
        try requireReady(name)
        receptions.append(Reception(
            ticket: ticket.id, rep: name, kind: .assist, calledAt: at, finishedAt: nil,
            counted: false, rule: .r23))
        setState(name, .assisting)
    }

    private mutating func transfer(_ id: TicketID, to name: RepName, at: Instant) throws(RuleViolation) {
        let ticket = try servingTicket(id)
        guard let current = receptions.lastIndex(where: { $0.ticket == ticket.id && $0.isOpen && $0.kind != .assist })
        else { throw .refused(nil, "noReceptionToTransfer", ["ticket": "\(id)"], "ticket \(id) has no reception to transfer") }
        guard receptions[current].rep != name else {
            throw .refused(.r14, "alreadyServing", ["rep": "\(name)", "ticket": "\(ticket.id)"], "\(name) is already serving \(ticket.id)")
        }
        try requireReady(name)
        receptions[current].finishedAt = at
        release(receptions[current])
        receptions.append(Reception(
            ticket: ticket.id, rep: name, kind: .transferred, calledAt: at, finishedAt: nil,
            counted: false, rule: .r14))
        setState(name, .servingNamed)
    }

    private mutating func claim(_ id: TicketID, by name: RepName, at: Instant) throws(RuleViolation) {
        guard let ticket = self.ticket(id) else { throw .notFound("noTicket", ["ticket": "\(id)"], "no ticket \(id) today") }
        guard ticket.status == .waiting else {
            throw .refused(.r13, "notWaiting", ["ticket": "\(id)"], terms: ["status": ticket.statusKey], "ticket \(id) is not waiting (\(ticket.statusWord))")
        }
        try requireReady(name)
        receptions.append(Reception(
            ticket: ticket.id, rep: name, kind: .claimed, calledAt: at, finishedAt: nil,
            counted: false, rule: .r22))
        setStatus(ticket.id, .serving)
        setState(name, .servingNamed)
    }

    private mutating func makeup(_ name: RepName, place: Int) throws(RuleViolation) {
        let index = try repIndex(name)
        var rep = reps[index]
        guard rep.state != .serving else {
            throw .refused(.r6, "servingNoPlace", ["rep": "\(name)"], "\(name) is serving a rotation reception and holds no place until it ends")
        }
        reps.remove(at: index)
        let holders = reps.indices.filter { reps[$0].state.holdsPlace }
        guard place >= 1, place <= holders.count + 1 else {
            reps.insert(rep, at: index)
            throw .refused(.r6, "placeRange", ["n": String(holders.count + 1)], "place must be between 1 and \(holders.count + 1)")
        }
        rep.forfeit = false
        let target = place <= holders.count ? holders[place - 1] : (holders.last.map { $0 + 1 } ?? reps.count)
        reps.insert(rep, at: target)
    }

    private mutating func group(_ otherID: TicketID, into id: TicketID) throws(RuleViolation) {
        guard let main = ticket(id) else { throw .notFound("noTicket", ["ticket": "\(id)"], "no ticket \(id) today") }
        guard let other = ticket(otherID) else { throw .notFound("noTicket", ["ticket": "\(otherID)"], "no ticket \(otherID) today") }
        guard main.id != other.id else { throw .refused(.r24, "joinItself", [:], "a ticket cannot join itself") }
        guard other.status == .waiting else {
            throw .refused(.r24, "notWaiting", ["ticket": "\(otherID)"], terms: ["status": other.statusKey], "ticket \(otherID) is not waiting (\(other.statusWord))")
        }
        guard main.status == .waiting || main.status == .serving else {
            throw .refused(.r24, "ticketIs", ["ticket": "\(id)"], terms: ["status": main.statusKey], "ticket \(id) is \(main.statusWord)")
        }
        setStatus(other.id, .grouped(into: main.id))
    }

    private mutating func rename(_ old: RepName, to new: RepName) throws(RuleViolation) {
        guard old != new else { throw .refused(nil, "sameName", ["rep": "\(old)"], "\(old) has that name already") }
        guard !reps.contains(where: { $0.name == new }) else { throw .refused(nil, "nameTaken", ["rep": "\(new)"], "\(new) is on today's table already") }
        for index in reps.indices where reps[index].name == old {
            reps[index] = Rep(name: new, state: reps[index].state, forfeit: reps[index].forfeit)
        }
        receptions = receptions.map { reception in
            var renamed = Reception(
                ticket: reception.ticket, rep: reception.rep == old ? new : reception.rep, kind: reception.kind,
                calledAt: reception.calledAt, finishedAt: reception.finishedAt, counted: reception.counted,
                rule: reception.rule, passed: reception.passed.map { $0 == old ? new : $0 })
            renamed.finishedAt = reception.finishedAt
            return renamed
        }
        tickets = tickets.map { ticket in
            guard ticket.info.rep == old else { return ticket }
            var info = ticket.info
            info.rep = new
            return Ticket(info: info, issuedAt: ticket.issuedAt, status: ticket.status)
        }
    }

    // MARK: - Helpers

    private func repIndex(_ name: RepName) throws(RuleViolation) -> Int {
        guard let index = reps.firstIndex(where: { $0.name == name }) else {
            throw .refused(nil, "notOnTable", ["rep": "\(name)"], "\(name) is not on today's table")
        }
        return index
    }

    private func requireReady(_ name: RepName) throws(RuleViolation) {
        let index = try repIndex(name)
        guard reps[index].state == .ready else {
            throw .refused(.r19, "repBusy", ["rep": "\(name)"], terms: ["state": "state." + reps[index].state.rawValue], "\(name) is \(reps[index].state.rawValue)")
        }
    }

    private func servingTicket(_ id: TicketID) throws(RuleViolation) -> Ticket {
        guard let ticket = ticket(id) else { throw .notFound("noTicket", ["ticket": "\(id)"], "no ticket \(id) today") }
        guard ticket.status == .serving else {
            throw .refused(nil, "notServed", ["ticket": "\(id)"], terms: ["status": ticket.statusKey], "ticket \(id) is \(ticket.statusWord), not being served")
        }
        return ticket
    }

    private mutating func setStatus(_ id: TicketID, _ status: TicketStatus) {
        if let index = tickets.firstIndex(where: { $0.id == id }) { tickets[index].status = status }
    }

    private mutating func setState(_ name: RepName, _ state: RepState) {
        if let index = reps.firstIndex(where: { $0.name == name }) { reps[index].state = state }
    }
}

extension Day.Ticket {
    /// The status as a key of kiosk-assets/texts.json, for staff screens in either language.
    public var statusKey: String {
        switch status {
        case .waiting: return "ticket.waiting"
        case .serving: return "ticket.serving"
        case .finished: return "ticket.finished"
        case .noshow: return "ticket.noshow"
        case .unreceived: return "ticket.unreceived"
        case .grouped: return "ticket.groupedAny"
        }
    }

    public var statusWord: String {
        switch status {
        case .waiting: return "waiting"
        case .serving: return "being served"
        case .finished: return "finished"
        case .noshow: return "closed as no-show"
        case .unreceived: return "not received"
        case let .grouped(into): return "with \(into)'s group"
        }
    }
}

extension Day {
    /// Whether any rep is on duty today: serving, assisting or ready (not away, not off). With
    /// none, a visitor is told so and given no minutes.
    public var hasRepOnDuty: Bool {
        reps.contains { rep in
            switch rep.state {
            case .ready, .serving, .servingNamed, .servingOther, .assisting: return true
            case .awayBusiness, .awayPersonal, .off: return false
            }
        }
    }
}
