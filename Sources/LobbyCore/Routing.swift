/// What the store knows of a customer, as far as routing needs it (R11, R17).
public struct CustomerRecord: Sendable, Equatable {
    public var owner: RepName?
    /// The last visit or follow-up record; ownership lapses after `ownershipLapseDays` without one.
    public var lastActivity: Instant?
    /// R17: the customer returned their unit (退房).
    public var returnedUnit: Bool

    public init(owner: RepName?, lastActivity: Instant?, returnedUnit: Bool = false) {
        self.owner = owner
        self.lastActivity = lastActivity
        self.returnedUnit = returnedUnit
    }

    /// R11: the owner, while ownership has not lapsed.
    public func activeOwner(at now: Instant, settings: Settings) -> RepName? {
        guard let owner, !returnedUnit, let lastActivity else { return nil }
        let lapse = Int64(settings.ownershipLapseDays) * 86_400
        return now - lastActivity <= lapse ? owner : nil
    }
}

/// Decides a ticket's category at check-in: who the visitor is for, if anyone.
public enum Routing {
    public static func classify(
        purpose: Purpose, namedRep: RepName?, customer: CustomerRecord?,
        at now: Instant, settings: Settings
    ) -> (category: Category, rep: RepName?) {
        // R15: a stated purpose unrelated to buying goes to the tail rep, whoever is named.
        if purpose == .other { return (.other, nil) }
        let owner = customer?.activeOwner(at: now, settings: settings)
        if let namedRep {
            // Naming one's own rep is a returning visit (R11, R22); naming another is R9 (or R17, R18).
            return (namedRep == owner ? .returning : .named, namedRep)
        }
        if let owner { return (.returning, owner) }
        return (.new, nil)  // R11 lapsed, R17 returned unit, or a first visit
    }
}

/// Ticket numbers: a prefix and a per-day sequence, "A001" … "A999", "A1000" ….
public enum TicketNumber {
    public static func format(prefix: String, sequence: Int) -> TicketID {
        let digits = String(sequence)
        return TicketID(prefix + String(repeating: "0", count: max(0, 3 - digits.count)) + digits)
    }

    /// The sequence of a ticket id with this prefix, or nil when it is not one ("a7", "A007" → 7).
    public static func parse(_ text: String, prefix: String) -> Int? {
        let upper = text.uppercased()
        guard upper.hasPrefix(prefix.uppercased()) else { return nil }
        let digits = upper.dropFirst(prefix.count)
        // Digits only: Int("+7") is 7, but "A+7" is not a ticket.
        guard !digits.isEmpty, digits.count <= 6, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let value = Int(digits), value > 0
        else { return nil }
        return value
    }
}

extension Routing {
    /// Who owns a customer after a reception of theirs (首次接待负责制): the first rep to receive
    /// them, kept by covers (R10), changed only by a transfer (R14).
    public static func owner(
        after kind: ReceptionKind, by rep: RepName, ticketRep: RepName?, activeOwner: RepName?
    ) -> RepName? {
        switch kind {
        case .transferred: return rep
        case .cover: return activeOwner ?? ticketRep
        case .assist, .other: return activeOwner
        case .rotation, .named, .returning, .assigned, .claimed: return activeOwner ?? rep
        }
    }
}
