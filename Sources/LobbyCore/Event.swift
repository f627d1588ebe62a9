/// What a visitor told the kiosk, as the rules need it. Names and phones stay in the store.
public struct TicketInfo: Sendable, Equatable {
    public var id: TicketID
    public var category: Category
    /// The rep the ticket is for (named, returning); nil for new and non-sales tickets.
    public var rep: RepName?
    /// A consenting customer's person id (random, never their phone, name or row), so that
    /// R25 can see repeat visits while the record holds nothing that identifies them.
    public var customer: Int64?
    public var party: Int
    /// R27: company or affiliate staff.
    public var staff: Bool
    /// R18: brought by an existing customer.
    public var brought: Bool

    public init(
        id: TicketID, category: Category, rep: RepName? = nil, customer: Int64? = nil,
        party: Int = 1, staff: Bool = false, brought: Bool = false
    ) {
        self.id = id
        self.category = category
        self.rep = rep
        self.customer = customer
        self.party = party
        self.staff = staff
        self.brought = brought
    }
}

/// Everything that changes the day. The store appends these; the state is what they add up to.
public enum Action: Sendable, Equatable {
    /// Today's table in this order (R6); with `carry`, names already on the table keep the order they have (R5).
    case roster([RepName], carry: Bool)
    case checkin(TicketInfo)
    /// Call `ticket`, or the next ticket the rules pick. `rep` is the console's choice in event mode (R7);
    /// `cover` serves a ticket waiting for a busy rep now, by the rep who is up (R9). `held` are
    /// the reps kept free for a booked visitor when the call was made (`BookingRules.holds`):
    /// recorded with the call, so that the day replays to the same receptions whatever becomes
    /// of the bookings later.
    case call(ticket: TicketID?, rep: RepName?, cover: Bool, held: [RepName] = [])
    case finish(TicketID)
    case noshow(TicketID)
    case away(RepName, AwayReason)
    case back(RepName)
    case assist(TicketID, RepName)
    case transfer(TicketID, RepName)
    case claim(TicketID, RepName)
    case makeup(RepName, place: Int?)
    case eventMode(Bool)
    /// R24: `other`'s group came with `ticket`'s; they are one group.
    case group(TicketID, with: TicketID)
    /// A rep's new name; earlier events keep the old one, the day goes on with the new.
    case rename(RepName, to: RepName)
    /// A supervisor takes back the day's last rotation action not yet taken back; the day is
    /// what its other events add up to.
    case undo
    /// The business day is over: tickets still waiting were never received (not counted).
    case closeDay
}

public struct Event: Sendable, Equatable {
    public var at: Instant
    public var action: Action

    public init(at: Instant, _ action: Action) {
        self.at = at
        self.action = action
    }
}
