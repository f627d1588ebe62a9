import LobbyCore
import LobbyStore

/// Keeps the customers table in step with receptions (首次接待负责制, R10, R11, R14).
enum Ownership {
    static func update(ticket id: TicketID, day: Day, store: Store, now: Instant, settings: Settings) throws {
        guard let ticket = day.ticket(id), let customerID = ticket.info.customer,
            let reception = day.receptions.last(where: { $0.ticket == id && $0.kind != .assist }),
            let record = try store.customer(id: customerID)
        else { return }
        let active = record.activeOwner(at: now, settings: settings)
        let owner = Routing.owner(after: reception.kind, by: reception.rep, ticketRep: ticket.info.rep, activeOwner: active)
        if owner != record.owner || owner != nil {
            try store.setOwner(customer: customerID, owner: owner, at: now)
        }
    }
}

extension Context {
    /// Records an action on a ticket and brings the customer's ownership along, in one transaction.
    @discardableResult
    func recordReception(_ action: Action, ticket: TicketID, why: String? = nil) throws -> (day: Day, effect: Day.Effect) {
        let key = try dayKey()
        let store = try self.store
        let settings = try site.rules
        return try store.write {
            var day = try store.day(key, settings: settings)
            let effect = try store.append(action, to: &day, key: key, at: now, actor: actor, why: why)
            var touched = ticket
            if case let .called(reception) = effect { touched = reception.ticket }
            try Ownership.update(ticket: touched, day: day, store: store, now: now, settings: settings)
            return (day, effect)
        }
    }
}
