import LobbyCore

/// Tickets: one row per ticket issued, with personal fields only under consent.
extension Store {
    /// The next ticket sequence of the day; the write lock makes it unique across processes.
    public func nextTicketSequence(_ key: DayKey) throws -> Int {
        try ensureDay(key)
        guard let row = try database.prepare(
            "UPDATE days SET last_ticket = last_ticket + 1 WHERE day = ? RETURNING day, last_ticket"
        ).rows([.text(key.date)]).first
        else { throw StoreError.damaged(table: "days", row: "day \(key.date)", what: "the row is missing") }
        return try row.of("days", key: "day").int("last_ticket")
    }

    /// `quoted` is the wait the visitor was told (nil: none was), kept so the estimate can be
    /// measured against the real wait; `raw` the simulation's quantiles before the site's
    /// calibration, which the next calibration is fitted on.
    public func insertTicket(_ ticket: TicketRecord, quoted: Wait? = nil, raw: WaitQuantiles? = nil) throws {
        // Personal fields are sealed; a ticket without any needs no key.
        let personal = [ticket.name, ticket.project, ticket.budget, ticket.source]
        let sealed = personal.allSatisfy { $0 == nil } ? personal : try personal.map { try vault.seal($0) }
        try database.prepare("""
            INSERT INTO tickets(day, seq, id, token, category, rep, purpose, party, name, project, budget,
                                source, first_visit, customer, issued_at, quoted_p50, quoted_p80, raw_p50, raw_p80)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).run([
                .text(ticket.day), .integer(Int64(ticket.sequence)), .text(ticket.id), .text(ticket.token),
                .text(ticket.category.rawValue), SQLValue(ticket.rep), .text(ticket.purpose.rawValue),
                .integer(Int64(ticket.party)), SQLValue(sealed[0]), SQLValue(sealed[1]),
                SQLValue(sealed[2]), SQLValue(sealed[3]), SQLValue(ticket.firstVisit),
                SQLValue(ticket.customer), .integer(ticket.issuedAt),
                SQLValue(quoted?.p50), SQLValue(quoted?.p80), raw.map { .real($0.p50) } ?? .null, raw.map { .real($0.p80) } ?? .null,
            ])
    }

    public func ticket(day: String, id: TicketID) throws -> TicketRecord? {
        try database.prepare(TicketRecord.select + " WHERE day = ? AND id = ?")
            .rows([.text(day), .text(id)]).first.map { try opened(TicketRecord(row: $0)) }
    }

    public func tickets(day: String) throws -> [TicketRecord] {
        try database.prepare(TicketRecord.select + " WHERE day = ? ORDER BY seq").rows([.text(day)]).map { try opened(TicketRecord(row: $0)) }
    }

    /// A ticket read with its personal fields opened (a ticket without any needs no key).
    func opened(_ sealed: TicketRecord) throws -> TicketRecord {
        guard sealed.name != nil || sealed.project != nil || sealed.budget != nil || sealed.source != nil else { return sealed }
        let vault = try self.vault
        var ticket = sealed
        ticket.name = try vault.unseal(sealed.name, table: "tickets", column: "name")
        ticket.project = try vault.unseal(sealed.project, table: "tickets", column: "project")
        ticket.budget = try vault.unseal(sealed.budget, table: "tickets", column: "budget")
        ticket.source = try vault.unseal(sealed.source, table: "tickets", column: "source")
        return ticket
    }

    public func setPrinted(day: String, id: TicketID, _ printed: Bool) throws {
        try database.prepare("UPDATE tickets SET printed = ? WHERE day = ? AND id = ?")
            .run([.integer(printed ? 1 : 0), .text(day), .text(id)])
    }

    /// Whether each ticket's slip came out of the kiosk printer: the tickets of `day` that a
    /// printer was asked to print (1 printed, 0 the print failed; NULL no printer was asked).
    public func printed(day: String) throws -> [TicketID: Bool] {
        var result: [TicketID: Bool] = [:]
        for row in try database.prepare(
            "SELECT day || ' ' || id AS ticket, id, printed FROM tickets WHERE day = ? AND printed IS NOT NULL"
        ).rows([.text(day)]) {
            let row = row.of("tickets", key: "ticket")
            result[try row.ticket("id")] = try row.bool("printed")
        }
        return result
    }
}

/// A ticket as stored: what the kiosk asked, with personal fields only under consent.
public struct TicketRecord: Sendable, Equatable {
    public var day: String
    public var sequence: Int
    public var id: TicketID
    public var token: String
    public var category: Category
    public var rep: RepName?
    public var purpose: Purpose
    public var party: Int
    public var name: String?
    public var project: String?
    public var budget: String?
    public var source: String?
    public var firstVisit: String?
    /// The customers row (not the person id of the events): NULL once retention forgot them.
    public var customer: Int64?
    public var issuedAt: Instant

    public init(
        day: String, sequence: Int, id: TicketID, token: String, category: Category, rep: RepName?,
        purpose: Purpose, party: Int, name: String?, project: String?, budget: String?, source: String?,
        firstVisit: String?, customer: Int64?, issuedAt: Instant
    ) {
        self.day = day
        self.sequence = sequence
        self.id = id
        self.token = token
        self.category = category
        self.rep = rep
        self.purpose = purpose
        self.party = party
        self.name = name
        self.project = project
        self.budget = budget
        self.source = source
        self.firstVisit = firstVisit
        self.customer = customer
        self.issuedAt = issuedAt
    }

    static let select = """
        SELECT day || ' ' || id AS ticket, day, seq, id, token, category, rep, purpose, party, name, project,
               budget, source, first_visit, customer, issued_at FROM tickets
        """

    init(row: Row) throws(StoreError) {
        let row = row.of("tickets", key: "ticket")
        self.init(
            day: try row.text("day"), sequence: try row.int("seq"), id: try row.ticket("id"), token: try row.text("token"),
            category: try row.value("category", as: Category.self), rep: try row.optionalRep("rep"),
            purpose: try row.value("purpose", as: Purpose.self), party: try row.int("party"),
            name: try row.optionalText("name"), project: try row.optionalText("project"),
            budget: try row.optionalText("budget"), source: try row.optionalText("source"),
            firstVisit: try row.optionalText("first_visit"), customer: try row.optionalInt64("customer"),
            issuedAt: try row.instant("issued_at"))
    }
}
