/// Appointments (预约): a visitor expected at a time, for one rep. The visitor's details stay
/// in the store; the rules see only who, when and what became of it.
public enum BookingStatus: String, Sendable, CaseIterable {
    case open, kept, cancelled, noshow
}

/// What the rules need of one booking.
public struct BookingSlot: Sendable, Equatable {
    public var code: String
    public var rep: RepName
    public var at: Instant
    public var status: BookingStatus
    /// The ticket that kept it (that day's), once kept.
    public var ticket: TicketID?

    public init(code: String, rep: RepName, at: Instant, status: BookingStatus, ticket: TicketID? = nil) {
        self.code = code
        self.rep = rep
        self.at = at
        self.status = status
        self.ticket = ticket
    }
}

/// A rep kept free for a booked visitor: given no rotation visitors, keeping their place.
public struct BookingHold: Sendable, Equatable {
    public let rep: RepName
    public let code: String
    /// The booking's time.
    public let at: Instant
    /// The booked visitor's ticket while it waits; nil while they have not checked in yet.
    public let ticket: TicketID?

    public init(rep: RepName, code: String, at: Instant, ticket: TicketID?) {
        self.rep = rep
        self.code = code
        self.at = at
        self.ticket = ticket
    }
}

public enum BookingRules {
    /// The status as of `now`: an open booking not kept `bookingGraceMinutes` after its time is
    /// a booking no-show, whether or not anyone has written so yet.
    public static func status(of slot: BookingSlot, at now: Instant, settings: Settings) -> BookingStatus {
        slot.status == .open && now >= slot.at + graceSeconds(settings) ? .noshow : slot.status
    }

    /// Whether a visitor checking in now keeps this booking: it is open and its grace has not run
    /// out (arriving early is fine; the caller keeps to the booking's business day).
    public static func canKeep(_ slot: BookingSlot, at now: Instant, settings: Settings) -> Bool {
        status(of: slot, at: now, settings: settings) == .open
    }

    /// The instant before which an open booking is still to be kept; from it on, a no-show.
    public static func noShowAt(_ slot: BookingSlot, settings: Settings) -> Instant {
        slot.at + graceSeconds(settings)
    }

    /// Who is held now, one hold a rep (the earliest booking), in the order of `slots`' times:
    /// a rep on the table whose booked visitor is due within `bookingHoldMinutes` and whose
    /// grace has not run out, or whose booked visitor has checked in and waits for them.
    public static func holds(_ slots: [BookingSlot], day: Day, at now: Instant, settings: Settings) -> [BookingHold] {
        let onTable = Set(day.reps.map(\.name))
        var held = Set<RepName>()
        var result: [BookingHold] = []
        for slot in slots.sorted(by: { ($0.at, $0.code) < ($1.at, $1.code) }) where onTable.contains(slot.rep) && !held.contains(slot.rep) {
            var hold: BookingHold?
            switch slot.status {
            case .open:
                let due = now >= slot.at - Int64(settings.bookingHoldMinutes) * 60
                if due && now < noShowAt(slot, settings: settings) {
                    hold = BookingHold(rep: slot.rep, code: slot.code, at: slot.at, ticket: nil)
                }
            case .kept:
                // Checked in: held until called, so that a rotation visitor does not take the rep
                // from the visitor who booked them.
                if let id = slot.ticket, let ticket = day.ticket(id), ticket.status == .waiting,
                    day.lane(of: ticket.info) == slot.rep {
                    hold = BookingHold(rep: slot.rep, code: slot.code, at: slot.at, ticket: id)
                }
            case .cancelled, .noshow:
                break
            }
            if let hold {
                held.insert(hold.rep)
                result.append(hold)
            }
        }
        return result
    }

    static func graceSeconds(_ settings: Settings) -> Int64 { Int64(settings.bookingGraceMinutes) * 60 }
}
