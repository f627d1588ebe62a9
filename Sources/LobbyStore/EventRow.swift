import LobbyCore

/// The mapping between the rules' events and rows of the `events` table.
enum EventRow {
    static let insert = """
        INSERT INTO events(day, at, actor, kind, ticket, rep, detail, number, customer, flags, why, outcome)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    static let selectDay = """
        SELECT seq, at, kind, ticket, rep, detail, number, customer, flags FROM events
        WHERE day = ? ORDER BY seq
        """

    static func values(_ event: Event, day: String, actor: String, why: String?, outcome: String?) -> [SQLValue] {
        var kind = "", ticket: String?, rep: String?, detail: String?, number: Int?, customer: Int64?
        var flags: [String] = []
        switch event.action {
        case let .roster(names, carry):
            kind = "roster"
            detail = names.joined(separator: "\n")
            if carry { flags.append("carry") }
        case let .checkin(info):
            kind = "checkin"
            (ticket, rep, detail, number, customer) = (info.id, info.rep, info.category.rawValue, info.party, info.customer)
            if info.staff { flags.append("staff") }
            if info.brought { flags.append("brought") }
        case let .call(id, chosen, cover):
            (kind, ticket, rep) = ("call", id, chosen)
            if cover { flags.append("cover") }
        case let .finish(id): (kind, ticket) = ("finish", id)
        case let .noshow(id): (kind, ticket) = ("noshow", id)
        case let .away(name, reason): (kind, rep, detail) = ("away", name, reason.rawValue)
        case let .back(name): (kind, rep) = ("back", name)
        case let .assist(id, name): (kind, ticket, rep) = ("assist", id, name)
        case let .transfer(id, name): (kind, ticket, rep) = ("transfer", id, name)
        case let .claim(id, name): (kind, ticket, rep) = ("claim", id, name)
        case let .makeup(name, place): (kind, rep, number) = ("makeup", name, place)
        case let .eventMode(on): (kind, detail) = ("event", on ? "on" : "off")
        case let .group(id, other): (kind, ticket, detail) = ("group", id, other)
        case let .rename(old, new): (kind, rep, detail) = ("rename", old, new)
        case .undo: kind = "undo"
        case .closeDay: kind = "close"
        }
        return [
            .text(day), .integer(event.at), .text(actor), .text(kind), SQLValue(ticket), SQLValue(rep),
            SQLValue(detail), number.map { .integer(Int64($0)) } ?? .null, customer.map { .integer($0) } ?? .null,
            .text(flags.joined(separator: ",")), SQLValue(why), SQLValue(outcome),
        ]
    }

    /// The event a row records, or nil for records the rules do not read (notes).
    static func event(from row: Row) -> Event? {
        let at = row.int64(1)
        let kind = row.text(2) ?? ""
        let ticket = row.text(3)
        let rep = row.text(4)
        let detail = row.text(5)
        let number = row.optionalInt64(6).map(Int.init)
        let flags = Set((row.text(8) ?? "").split(separator: ",").map(String.init))
        let action: Action?
        switch kind {
        case "roster":
            action = .roster((detail ?? "").split(separator: "\n").map(String.init), carry: flags.contains("carry"))
        case "checkin":
            action = ticket.flatMap { id in
                Category(rawValue: detail ?? "").map { category in
                    .checkin(TicketInfo(
                        id: id, category: category, rep: rep, customer: row.optionalInt64(7),
                        party: number ?? 1, staff: flags.contains("staff"), brought: flags.contains("brought")))
                }
            }
        case "call": action = .call(ticket: ticket, rep: rep, cover: flags.contains("cover"))
        case "finish": action = ticket.map { .finish($0) }
        case "noshow": action = ticket.map { .noshow($0) }
        case "away": action = rep.flatMap { name in AwayReason(rawValue: detail ?? "").map { .away(name, $0) } }
        case "back": action = rep.map { .back($0) }
        case "assist": action = zip(ticket, rep).map { .assist($0, $1) }
        case "transfer": action = zip(ticket, rep).map { .transfer($0, $1) }
        case "claim": action = zip(ticket, rep).map { .claim($0, $1) }
        case "makeup": action = rep.map { .makeup($0, place: number) }
        case "event": action = .eventMode(detail == "on")
        case "group": action = zip(ticket, detail).map { .group($0, with: $1) }
        case "rename": action = zip(rep, detail).map { .rename($0, to: $1) }
        case "undo": action = .undo
        case "close": action = .closeDay
        default: action = nil
        }
        return action.map { Event(at: at, $0) }
    }

    private static func zip<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
        guard let a, let b else { return nil }
        return (a, b)
    }
}
