import LobbyCore
import LobbyStore
import LobbyText
import LobbyPlatform
import LobbyPrinting

/// Keeps the customers table in step with receptions (首次接待负责制, R10, R11, R14).
package enum Ownership {
    /// After an action that starts a reception, the customer of its ticket is owned by the rules.
    package static func update(after action: Action, effect: Day.Effect, day: Day, store: Store, now: Instant, settings: Settings) throws {
        let id: TicketID
        switch (action, effect) {
        case let (_, .called(reception)): id = reception.ticket
        case let (.transfer(ticket, _), _), let (.claim(ticket, _), _): id = ticket
        default: return
        }
        guard let ticket = day.ticket(id), let person = ticket.info.customer,
            let reception = day.receptions.last(where: { $0.ticket == id && $0.kind != .assist }),
            let customer = try store.customer(person: person)
        else { return }
        let record = customer.record
        let active = record.activeOwner(at: now, settings: settings)
        let owner = Routing.owner(after: reception.kind, by: reception.rep, ticketRep: ticket.info.rep, activeOwner: active)
        // A reception with an owner renews the ownership's activity; none before and none after: nothing to do.
        if owner != nil || record.owner != nil {
            try store.setOwner(customer: customer.id, owner: owner, at: now)
        }
    }
}
