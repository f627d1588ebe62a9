import LobbyCore

/// The mapping between the rules' events and rows of the `events` table.
enum EventRow {
    /// Every column but `hash`, in the chain's order (`EventChain.content`).
    static let columns = ["seq", "day", "at", "actor", "kind", "ticket", "rep", "detail", "number", "person", "flags", "why", "outcome"]

    static let insert = """
        INSERT INTO events(seq, day, at, actor, kind, ticket, rep, detail, number, person, flags, why, outcome, hash)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    static let selectDay = """
        SELECT seq, at, kind, ticket, rep, detail, number, person, flags FROM events
        WHERE day = ? ORDER BY seq
        """

    /// The columns of a new row after `seq` and `day`, without the hash.
    struct Fields {
        var at: Instant
        var actor: String
        var kind: String
        var ticket: String?
        var rep: String?
        var detail: String?
        var number: Int?
        var person: Int64?
        var flags: String = ""
        var why: String?
        var outcome: String?
    }

    static func fields(_ event: Event, actor: String, why: String?, outcome: String?) -> Fields {
        var kind: EventKind, ticket: String?, rep: String?, detail: String?, number: Int?, person: Int64?
        var flags: [String] = []
        switch event.action {
        case let .roster(names, carry):
            kind = .roster
            detail = names.map(\.rawValue).joined(separator: "\n")
            if carry { flags.append("carry") }
        case let .checkin(info):
            kind = .checkin
            (ticket, rep, detail, number, person) = (info.id.rawValue, info.rep?.rawValue, info.category.rawValue, info.party, info.customer)
            if info.staff { flags.append("staff") }
            if info.brought { flags.append("brought") }
        case let .call(id, chosen, cover, held):
            (kind, ticket, rep) = (.call, id?.rawValue, chosen?.rawValue)
            if cover { flags.append("cover") }
            // The reps held for booked visitors, one a line, as a roster's names are.
            if !held.isEmpty { detail = held.map(\.rawValue).joined(separator: "\n") }
        case let .finish(id): (kind, ticket) = (.finish, id.rawValue)
        case let .noshow(id): (kind, ticket) = (.noshow, id.rawValue)
        case let .away(name, reason): (kind, rep, detail) = (.away, name.rawValue, reason.rawValue)
        case let .back(name): (kind, rep) = (.back, name.rawValue)
        case let .assist(id, name): (kind, ticket, rep) = (.assist, id.rawValue, name.rawValue)
        case let .transfer(id, name): (kind, ticket, rep) = (.transfer, id.rawValue, name.rawValue)
        case let .claim(id, name): (kind, ticket, rep) = (.claim, id.rawValue, name.rawValue)
        case let .makeup(name, place): (kind, rep, number) = (.makeup, name.rawValue, place)
        case let .eventMode(on): (kind, detail) = (.eventMode, on ? "on" : "off")
        case let .group(id, other): (kind, ticket, detail) = (.group, id.rawValue, other.rawValue)
        case let .rename(old, new): (kind, rep, detail) = (.rename, old.rawValue, new.rawValue)
        case .undo: kind = .undo
        case .closeDay: kind = .closeDay
        }
        return Fields(
            at: event.at, actor: actor, kind: kind.rawValue, ticket: ticket, rep: rep, detail: detail,
            number: number, person: person, flags: flags.joined(separator: ","), why: why, outcome: outcome)
    }

    /// The row's values in `columns` order.
    static func values(seq: Int64, day: String, _ f: Fields) -> [SQLValue] {
        [
            .integer(seq), .text(day), .integer(f.at), .text(f.actor), .text(f.kind), SQLValue(f.ticket),
            SQLValue(f.rep), SQLValue(f.detail), SQLValue(f.number), SQLValue(f.person), .text(f.flags),
            SQLValue(f.why), SQLValue(f.outcome),
        ]
    }

    /// The event a row records, or nil for notes, which the rules do not read. A row whose
    /// kind is unknown or that lacks what its kind needs is damaged: it throws, naming the row.
    static func event(from row: TableRow) throws(StoreError) -> Event? {
        let stored = try row.text("kind")
        guard let kind = StoredKind(stored: stored) else { throw row.damaged("unknown event kind '\(stored)'") }
        guard case let .rule(kind) = kind else { return nil }
        let at = try row.instant("at")
        let flags = Set(try row.text("flags").split(separator: ",").map(String.init))
        func ticket() throws(StoreError) -> TicketID { try row.ticket("ticket") }
        func rep() throws(StoreError) -> RepName { try row.rep("rep") }
        let action: Action
        switch kind {
        case .roster:
            action = .roster(try row.reps("detail"), carry: flags.contains("carry"))
        case .checkin:
            let party = try row.int("number")
            guard party >= 1 else { throw row.damaged("column number is \(party), not a party size") }
            action = .checkin(TicketInfo(
                id: try ticket(), category: try row.value("detail", as: Category.self), rep: try row.optionalRep("rep"),
                customer: try row.optionalInt64("person"), party: party,
                staff: flags.contains("staff"), brought: flags.contains("brought")))
        case .call:
            let held = try row.optionalText("detail") == nil ? [] : try row.reps("detail")
            action = .call(ticket: try row.optionalTicket("ticket"), rep: try row.optionalRep("rep"), cover: flags.contains("cover"), held: held)
        case .finish: action = .finish(try ticket())
        case .noshow: action = .noshow(try ticket())
        case .away: action = .away(try rep(), try row.value("detail", as: AwayReason.self))
        case .back: action = .back(try rep())
        case .assist: action = .assist(try ticket(), try rep())
        case .transfer: action = .transfer(try ticket(), try rep())
        case .claim: action = .claim(try ticket(), try rep())
        case .makeup: action = .makeup(try rep(), place: try row.optionalInt("number"))
        case .eventMode:
            let detail = try row.text("detail")
            guard detail == "on" || detail == "off" else { throw row.damaged("column detail is '\(detail)', not on or off") }
            action = .eventMode(detail == "on")
        case .group: action = .group(try ticket(), with: try row.ticket("detail"))
        case .rename: action = .rename(try rep(), to: try row.rep("detail"))
        case .undo: action = .undo
        case .closeDay: action = .closeDay
        }
        return Event(at: at, action)
    }
}
