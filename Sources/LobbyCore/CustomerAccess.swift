/// When a customer's ownership lapses (R11), and whether it is about to.
extension CustomerRecord {
    /// The last instant the owner still owns the customer: `ownershipLapseDays` after the last
    /// visit or follow-up (`activeOwner` holds up to and including it). Nil when nobody owns
    /// them, or the ownership ended with a returned unit (R17).
    public func ownedUntil(settings: Settings) -> Instant? {
        guard owner != nil, !returnedUnit, let lastActivity else { return nil }
        return lastActivity + Int64(settings.ownershipLapseDays) * 86_400
    }

    /// Whether the ownership is still alive at `now` and lapses within `days` days of it: the
    /// customers a rep should call before they become a new visitor for whoever is up.
    public func lapses(within days: Int, at now: Instant, settings: Settings) -> Bool {
        guard activeOwner(at: now, settings: settings) != nil, let until = ownedUntil(settings: settings) else { return false }
        return until - now <= Int64(days) * 86_400
    }
}

/// Who may see a customer's personal data (the CRM policy's access rights): a supervisor sees
/// every customer; a rep sees their own customers and the visitor they are receiving; the
/// front desk sees the visitor of a ticket it is working today, never the customer records.
public enum CustomerAccess {
    public enum Viewer: Sendable, Equatable {
        case supervisor
        case receptionist
        case rep(RepName)
    }

    /// What is asked for: one of today's visitors (a ticket) or a customer's whole record.
    public enum Subject: Sendable, Equatable {
        /// `receiving`: the rep serving or routed to receive the ticket, if any.
        case visitor(owner: RepName?, receiving: RepName?)
        case record(owner: RepName?)
    }

    public static func mayView(_ viewer: Viewer, _ subject: Subject) -> Bool {
        switch (viewer, subject) {
        case (.supervisor, _): return true
        case (.receptionist, .visitor): return true
        case (.receptionist, .record): return false
        case let (.rep(name), .visitor(owner, receiving)): return name == owner || name == receiving
        case let (.rep(name), .record(owner)): return name == owner
        }
    }

    /// Who may see the visitor of a booking (name, phone, note): a supervisor, the front desk,
    /// which makes the reminder calls and greets appointments, and the rep who is booked.
    public static func mayViewBooking(_ viewer: Viewer, bookedRep: RepName) -> Bool {
        switch viewer {
        case .supervisor, .receptionist: return true
        case let .rep(name): return name == bookedRep
        }
    }

    /// A list of the customers owned by `rep`: a rep may list only their own.
    public static func mayList(_ viewer: Viewer, rep: RepName) -> Bool {
        switch viewer {
        case .supervisor: return true
        case .receptionist: return false
        case let .rep(name): return name == rep
        }
    }
}

extension CustomerRecord {
    /// Whole days, rounded up, until the ownership lapses: a customer listed as lapsing within
    /// `n` days has at most `n` left. Nil when the ownership is not alive at `now`.
    public func ownershipDaysLeft(at now: Instant, settings: Settings) -> Int? {
        guard activeOwner(at: now, settings: settings) != nil, let until = ownedUntil(settings: settings) else { return nil }
        return Int((until - now + 86_399) / 86_400)
    }
}
