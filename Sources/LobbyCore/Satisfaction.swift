/// Satisfaction (满意度): whose score a visitor's answer is.
extension Day {
    /// The rep who received the visitor of ticket `id`: the first reception of the ticket that
    /// is not an assist (under a transfer the first rep's reception stands, R14); a ticket that
    /// joined another (R24) is the other's. Nil when nobody received them (still waiting, a
    /// no-show, not received before the close) or there is no such ticket.
    public func receivingRep(of id: TicketID) -> RepName? {
        var current = id
        var seen: Set<TicketID> = []
        while let ticket = ticket(current), case let .grouped(into) = ticket.status, seen.insert(current).inserted {
            current = into
        }
        return receptions.first { $0.ticket == current && $0.kind != .assist }?.rep
    }
}

/// A satisfaction answer's score: a whole number from 1 to 5.
public enum SatisfactionScore {
    public static let range = 1...5
}
