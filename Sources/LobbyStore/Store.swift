import LobbyCore

/// A business day as the store knows it: its date in the site's zone and that zone's offset.
public struct DayKey: Sendable, Equatable {
    public let date: String
    public let utcOffset: Int

    public init(date: String, utcOffset: Int) {
        self.date = date
        self.utcOffset = utcOffset
    }
}

/// Whether a site runs on the system clock (a real site) or on the times its callers give (a
/// simulated one: demos, tests, benchmarks). Fixed when the database is created, so that no
/// caller of a real site can move its clock (past a PIN lockout, or into retention).
public enum SiteClock: String, Sendable {
    case system, simulated

    /// Its key in the `site` table.
    static let key = "clock"
}

/// The Lobby database: migrations, the event log and the rows around it. One per process,
/// used from one place (the connection is not Sendable).
public final class Store {
    public let database: Database
    /// How long visitors who consented are remembered after their last visit or follow-up;
    /// applied once a day, when the day's first write creates its record.
    public var retentionSeconds: Int64?

    /// Which clock this site runs on, fixed when its database was created.
    public private(set) var clock: SiteClock = .system

    /// Opens (creating and migrating if needed) the database at `path`. `site` supplies the
    /// site settings text for a new database and `newSiteClock` the clock it will run on; both
    /// are read only then.
    public init(path: String, newSiteClock: SiteClock = .system, site: () throws -> String) throws {
        database = try Database(path: path)
        try Migrator(Schema.migrations).migrate(database)
        if try siteValue("site.json") == nil {
            let text = try site()
            try database.write {
                // One transaction: two processes creating the same file agree on both values.
                let insert = try database.prepare("INSERT OR IGNORE INTO site(key, value) VALUES (?, ?)")
                try insert.run([.text("site.json"), .text(text)])
                try insert.run([.text(SiteClock.key), .text(newSiteClock.rawValue)])
            }
        }
        // A database made before the clock was recorded is a real site: the safe reading.
        clock = try siteValue(SiteClock.key).flatMap(SiteClock.init(rawValue:)) ?? .system
    }

    public func write<T>(_ body: () throws -> T) throws -> T { try database.write(body) }
    public func read<T>(_ body: () throws -> T) throws -> T { try database.read(body) }

    public func siteValue(_ key: String) throws -> String? {
        try database.prepare("SELECT value FROM site WHERE key = ?").rows([.text(key)]).first?.text(0)
    }

    public func setSiteValue(_ key: String, _ value: String) throws {
        try database.prepare("INSERT INTO site(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
            .run([.text(key), .text(value)])
    }

    // MARK: - Days

    /// R5: the order a day opens with: its own record if it has one, else the closing order of
    /// the latest earlier day.
    public func openingOrder(for date: String) throws -> [RepName] {
        try dayRecord(date)?.opening ?? previousClosing(date)
    }

    /// The day as its events make it. Call inside `read` or `write` for a consistent view.
    public func day(_ key: DayKey, settings: Settings) throws -> Day {
        try replay(key, settings: settings, observe: nil)
    }

    /// The day as its events make it, showing each event with the day before and after it.
    func day(_ key: DayKey, settings: Settings, observe: (Event, Day, Day) throws -> Void) throws -> Day {
        try withoutActuallyEscaping(observe) { try replay(key, settings: settings, observe: $0) }
    }

    /// Without an observer no copy of the day is kept before each event: holding one would make
    /// every event copy the day's arrays instead of changing them in place.
    private func replay(_ key: DayKey, settings: Settings, observe: ((Event, Day, Day) throws -> Void)?) throws -> Day {
        let record = try dayRecord(key.date)
        var day = Day(
            opening: try record?.opening ?? previousClosing(key.date), settings: settings,
            utcOffset: record?.utcOffset ?? key.utcOffset)
        for row in try database.prepare(EventRow.selectDay).rows([.text(key.date)]) {
            guard let event = EventRow.event(from: row) else { continue }
            let before = observe == nil ? nil : day
            do {
                try day.apply(event)
            } catch {
                throw StoreError.damaged("event \(row.int(0)) of \(key.date) no longer applies: \(error)")
            }
            if let observe, let before { try observe(event, before, day) }
        }
        return day
    }

    private func dayRecord(_ date: String) throws -> (utcOffset: Int, opening: [RepName])? {
        try database.prepare("SELECT utc_offset, opening FROM days WHERE day = ?").rows([.text(date)]).first
            .map { ($0.int(0), lines($0.text(1))) }
    }

    private func previousClosing(_ date: String) throws -> [RepName] {
        lines(try database.prepare("SELECT closing FROM days WHERE day < ? ORDER BY day DESC LIMIT 1")
            .rows([.text(date)]).first?.text(0))
    }

    /// Makes sure the day has its row, so that its opening order is fixed from now on.
    /// Returns whether this call created it (the first write of a business day).
    @discardableResult
    public func ensureDay(_ key: DayKey) throws -> Bool {
        let exists = try database.prepare("SELECT 1 FROM days WHERE day = ?").rows([.text(key.date)]).first != nil
        guard !exists else { return false }
        let opening = try openingOrder(for: key.date).joined(separator: "\n")
        try database.prepare(
            "INSERT INTO days(day, utc_offset, opening, closing, tallies) VALUES (?, ?, ?, ?, '')"
        ).run([.text(key.date), .integer(Int64(key.utcOffset)), .text(opening), .text(opening)])
        if let retentionSeconds, let (y, m, d) = CivilTime.parseDate(key.date) {
            let midnight = CivilTime(year: y, month: m, day: d, offset: key.utcOffset).instant
            try forgetVisitors(lastSeenBefore: midnight - retentionSeconds)
        }
        return true
    }

    /// Forgets what identifies visitors whose last visit or follow-up is older than `cutoff`:
    /// the retention promised when they consented. Their tickets and receptions stay, anonymous.
    public func forgetVisitors(lastSeenBefore cutoff: Instant) throws {
        let stale = "SELECT id FROM customers WHERE coalesce(last_activity, 0) < ?"
        try database.prepare("DELETE FROM followups WHERE customer IN (\(stale))").run([.integer(cutoff)])
        try database.prepare("DELETE FROM customer_changes WHERE customer IN (\(stale))").run([.integer(cutoff)])
        try database.prepare("UPDATE tickets SET customer = NULL, name = NULL WHERE customer IN (\(stale))").run([.integer(cutoff)])
        try database.prepare("UPDATE tickets SET name = NULL WHERE name IS NOT NULL AND issued_at < ?").run([.integer(cutoff)])
        try database.prepare("DELETE FROM customers WHERE coalesce(last_activity, 0) < ?").run([.integer(cutoff)])
    }

    /// Applies `action` to `day` by the rules and, if they allow it, appends it to the log and
    /// stores the resulting order and tallies. Call inside `write`.
    @discardableResult
    public func append(
        _ action: Action, to day: inout Day, key: DayKey, at: Instant, actor: String,
        why: String? = nil
    ) throws -> Day.Effect {
        try ensureDay(key)
        let event = Event(at: at, action)
        let before = day
        let effect = try day.apply(event)
        try learn(from: event, before: before, after: day)
        var outcome: String?
        if case let .called(reception) = effect {
            outcome = "\(reception.ticket) \(reception.rep) \(reception.kind.rawValue)"
        }
        try database.prepare(EventRow.insert).run(EventRow.values(event, day: key.date, actor: actor, why: why, outcome: outcome))
        try saveSnapshot(day, date: key.date)
        return effect
    }

    /// Appends a record that the rules do not read (staff changes, follow-ups, pauses).
    public func appendNote(kind: String, key: DayKey, at: Instant, actor: String, rep: String? = nil, detail: String? = nil, why: String? = nil) throws {
        try ensureDay(key)
        try database.prepare(
            "INSERT INTO events(day, at, actor, kind, rep, detail, why) VALUES (?, ?, ?, ?, ?, ?, ?)"
        ).run([.text(key.date), .integer(at), .text(actor), .text(kind), SQLValue(rep), SQLValue(detail), SQLValue(why)])
    }

    private func saveSnapshot(_ day: Day, date: String) throws {
        try database.prepare("UPDATE days SET closing = ?, tallies = ? WHERE day = ?")
            .run([.text(day.closingOrder.joined(separator: "\n")), .text(Snapshot.tallies(day.tallies)), .text(date)])
    }

    /// What `lobby replay` compares: the stored closing order and tallies of a day.
    public func storedSnapshot(_ date: String) throws -> (order: [RepName], tallies: [RepName: Day.Tally])? {
        guard let row = try database.prepare("SELECT closing, tallies FROM days WHERE day = ?").rows([.text(date)]).first
        else { return nil }
        return (lines(row.text(0)), Snapshot.parseTallies(row.text(1) ?? ""))
    }

    public func eventCount(_ date: String) throws -> Int {
        try database.prepare("SELECT count(*) FROM events WHERE day = ?").rows([.text(date)]).first?.int(0) ?? 0
    }

    // MARK: - Tickets

    /// The next ticket sequence of the day; the write lock makes it unique across processes.
    public func nextTicketSequence(_ key: DayKey) throws -> Int {
        try ensureDay(key)
        return try database.prepare("UPDATE days SET last_ticket = last_ticket + 1 WHERE day = ? RETURNING last_ticket")
            .rows([.text(key.date)]).first?.int(0) ?? 1
    }

    public func insertTicket(_ ticket: TicketRecord) throws {
        try database.prepare("""
            INSERT INTO tickets(day, seq, id, token, category, rep, purpose, party, name, project, budget,
                                source, first_visit, customer, issued_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).run([
                .text(ticket.day), .integer(Int64(ticket.sequence)), .text(ticket.id), .text(ticket.token),
                .text(ticket.category.rawValue), SQLValue(ticket.rep), .text(ticket.purpose.rawValue),
                .integer(Int64(ticket.party)), SQLValue(ticket.name), SQLValue(ticket.project),
                SQLValue(ticket.budget), SQLValue(ticket.source), SQLValue(ticket.firstVisit),
                ticket.customer.map { .integer($0) } ?? .null, .integer(ticket.issuedAt),
            ])
    }

    public func ticket(day: String, id: TicketID) throws -> TicketRecord? {
        try database.prepare(TicketRecord.select + " WHERE day = ? AND id = ?")
            .rows([.text(day), .text(id)]).first.map(TicketRecord.init(row:))
    }

    public func tickets(day: String) throws -> [TicketRecord] {
        try database.prepare(TicketRecord.select + " WHERE day = ? ORDER BY seq").rows([.text(day)]).map(TicketRecord.init(row:))
    }

    // MARK: - Customers (R11, R14, R17)

    public func customer(phone: String) throws -> (id: Int64, record: CustomerRecord)? {
        guard let row = try database.prepare("SELECT id, owner, last_activity, returned_unit FROM customers WHERE phone = ?")
            .rows([.text(phone)]).first
        else { return nil }
        return (row.int64(0), CustomerRecord(owner: row.text(1), lastActivity: row.optionalInt64(2), returnedUnit: row.int(3) != 0))
    }

    public func customer(id: Int64) throws -> CustomerRecord? {
        try database.prepare("SELECT owner, last_activity, returned_unit FROM customers WHERE id = ?")
            .rows([.integer(id)]).first
            .map { CustomerRecord(owner: $0.text(0), lastActivity: $0.optionalInt64(1), returnedUnit: $0.int(2) != 0) }
    }

    /// Records a visit or follow-up of a customer (creating them), which keeps ownership alive (R11).
    /// A known customer's stored name is never replaced by what was typed: a different name
    /// waits in `customer_changes` for staff to confirm (`confirmChange`).
    @discardableResult
    public func touchCustomer(phone: String, name: String?, at: Instant) throws -> Int64 {
        if let row = try database.prepare("SELECT id, name FROM customers WHERE phone = ?").rows([.text(phone)]).first {
            let id = row.int64(0)
            try database.prepare("UPDATE customers SET last_activity = ? WHERE id = ?").run([.integer(at), .integer(id)])
            if let name, name != row.text(1) {
                try database.prepare("""
                    INSERT INTO customer_changes(customer, field, value, at) VALUES (?, 'name', ?, ?)
                    ON CONFLICT(customer, field, value) DO UPDATE SET at = excluded.at
                    """).run([.integer(id), .text(name), .integer(at)])
            }
            return id
        }
        try database.prepare("INSERT INTO customers(phone, name, last_activity) VALUES (?, ?, ?)")
            .run([.text(phone), SQLValue(name), .integer(at)])
        return database.lastInsertRowID
    }

    /// A difference waiting for staff: what is kept and what was typed at a later visit.
    public struct CustomerChange: Sendable, Equatable {
        public let id: Int64
        public let phone: String
        public let field: String
        public let stored: String?
        public let given: String
        public let at: Instant
    }

    public func customerChanges() throws -> [CustomerChange] {
        try database.prepare("""
            SELECT c.id, k.phone, c.field, k.name, c.value, c.at
            FROM customer_changes c JOIN customers k ON k.id = c.customer ORDER BY c.id
            """).rows().map {
            CustomerChange(id: $0.int64(0), phone: $0.text(1) ?? "", field: $0.text(2) ?? "", stored: $0.text(3),
                           given: $0.text(4) ?? "", at: $0.int64(5))
        }
    }

    /// Applies (`accept`) or drops a waiting change; false when there is no such change. Call inside `write`.
    public func settleCustomerChange(_ id: Int64, accept: Bool) throws -> Bool {
        guard let row = try database.prepare("SELECT customer, field, value FROM customer_changes WHERE id = ?")
            .rows([.integer(id)]).first
        else { return false }
        if accept, row.text(1) == "name" {
            try database.prepare("UPDATE customers SET name = ? WHERE id = ?").run([SQLValue(row.text(2)), .integer(row.int64(0))])
            // The other names typed for this customer were answers to the same question.
            try database.prepare("DELETE FROM customer_changes WHERE customer = ? AND field = 'name'").run([.integer(row.int64(0))])
        }
        try database.prepare("DELETE FROM customer_changes WHERE id = ?").run([.integer(id)])
        return true
    }

    public func setOwner(customer: Int64, owner: RepName?, at: Instant) throws {
        try database.prepare("UPDATE customers SET owner = ?, last_activity = ?, returned_unit = 0 WHERE id = ?")
            .run([SQLValue(owner), .integer(at), .integer(customer)])
    }

    public func setReturnedUnit(customer: Int64, _ returned: Bool) throws {
        try database.prepare("UPDATE customers SET returned_unit = ? WHERE id = ?")
            .run([.integer(returned ? 1 : 0), .integer(customer)])
    }

    public func addFollowUp(customer: Int64, rep: RepName, note: String, at: Instant, actor: String) throws {
        try database.prepare("INSERT INTO followups(customer, rep, note, at, actor) VALUES (?, ?, ?, ?, ?)")
            .run([.integer(customer), .text(rep), .text(note), .integer(at), .text(actor)])
        try database.prepare("UPDATE customers SET last_activity = ? WHERE id = ?").run([.integer(at), .integer(customer)])
    }

    private func lines(_ text: String?) -> [String] {
        (text ?? "").split(separator: "\n").map(String.init)
    }
}

/// Failures of the store that are not SQLite's own: a log that no longer adds up.
public enum StoreError: Error, CustomStringConvertible, Sendable {
    case damaged(String)

    public var description: String {
        switch self {
        case let .damaged(what): return "the database is damaged: \(what)"
        }
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
        SELECT day, seq, id, token, category, rep, purpose, party, name, project, budget, source,
               first_visit, customer, issued_at FROM tickets
        """

    init(row: Row) {
        self.init(
            day: row.text(0) ?? "", sequence: row.int(1), id: row.text(2) ?? "", token: row.text(3) ?? "",
            category: Category(rawValue: row.text(4) ?? "") ?? .new, rep: row.text(5),
            purpose: Purpose(rawValue: row.text(6) ?? "") ?? .buy, party: row.int(7), name: row.text(8),
            project: row.text(9), budget: row.text(10), source: row.text(11), firstVisit: row.text(12),
            customer: row.optionalInt64(13), issuedAt: row.int64(14))
    }
}

/// Day snapshots as text: one rep a line.
enum Snapshot {
    static func tallies(_ tallies: [RepName: Day.Tally]) -> String {
        tallies.keys.sorted().map { name in
            let tally = tallies[name] ?? Day.Tally()
            return "\(name)\t\(tally.counted)\t\(tally.uncounted)"
        }.joined(separator: "\n")
    }

    static func parseTallies(_ text: String) -> [RepName: Day.Tally] {
        var result: [RepName: Day.Tally] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 3, let counted = Int(fields[1]), let uncounted = Int(fields[2]) else { continue }
            result[String(fields[0])] = Day.Tally(counted: counted, uncounted: uncounted)
        }
        return result
    }
}

extension Store {
    /// The zone offset a recorded day was kept in, or nil when there is no record of it.
    public func dayOffset(_ date: String) throws -> Int? {
        try database.prepare("SELECT utc_offset FROM days WHERE day = ?").rows([.text(date)]).first.map { $0.int(0) }
    }
}
