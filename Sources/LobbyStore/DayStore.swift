import LobbyCore

/// Days and their events: the opening order (R5), the append-only log, and the closing order
/// and tallies `lobby replay` checks.
extension Store {
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
    /// An event row that cannot be read, or that the rules no longer accept, is damage: it
    /// throws, naming the row.
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
            let row = row.of("events", key: "seq")
            guard let event = try EventRow.event(from: row) else { continue }
            let before = observe == nil ? nil : day
            do {
                try day.apply(event)
            } catch {
                throw row.damaged("the event of \(key.date) no longer applies: \(error)")
            }
            if let observe, let before { try observe(event, before, day) }
        }
        return day
    }

    private func dayRecord(_ date: String) throws -> (utcOffset: Int, opening: [RepName])? {
        guard let row = try database.prepare("SELECT day, utc_offset, opening FROM days WHERE day = ?")
            .rows([.text(date)]).first?.of("days", key: "day")
        else { return nil }
        return (try row.int("utc_offset"), try row.reps("opening"))
    }

    private func previousClosing(_ date: String) throws -> [RepName] {
        try database.prepare("SELECT day, closing FROM days WHERE day < ? ORDER BY day DESC LIMIT 1")
            .rows([.text(date)]).first?.of("days", key: "day").reps("closing") ?? []
    }

    /// Makes sure the day has its row, so that its opening order is fixed from now on.
    /// Returns whether this call created it (the first write of a business day), which is when
    /// the caller applies retention (`forgetVisitors`) and publishes the previous day's head.
    /// A day that a later day has begun is closed: refused (`StoreError.dayClosed`).
    @discardableResult
    public func ensureDay(_ key: DayKey) throws -> Bool {
        if let next = try database.prepare("SELECT day FROM days WHERE day > ? ORDER BY day LIMIT 1")
            .rows([.text(key.date)]).first {
            throw StoreError.dayClosed(day: key.date, next: try next.of("days", key: "day").text("day"))
        }
        let exists = try database.prepare("SELECT 1 FROM days WHERE day = ?").rows([.text(key.date)]).first != nil
        guard !exists else { return false }
        let opening = try openingOrder(for: key.date).map(\.rawValue).joined(separator: "\n")
        try database.prepare(
            "INSERT INTO days(day, utc_offset, opening, closing, tallies) VALUES (?, ?, ?, ?, '')"
        ).run([.text(key.date), .integer(Int64(key.utcOffset)), .text(opening), .text(opening)])
        if let (y, m, d) = CivilTime.parseDate(key.date) {
            try closePreviousDay(before: key.date, at: CivilTime(year: y, month: m, day: d, offset: key.utcOffset).instant)
        }
        return true
    }

    /// The end of a business day is the first write of the next one: the latest earlier day
    /// gets its close, which leaves its still-waiting tickets "not received" (never counted).
    /// Not at the end of working hours: visitors may check in after them (R21).
    private func closePreviousDay(before date: String, at midnight: Instant) throws {
        guard let previous = try database.prepare("SELECT day FROM days WHERE day < ? ORDER BY day DESC LIMIT 1")
            .rows([.text(date)]).first?.of("days", key: "day").text("day")
        else { return }
        let open = try database.prepare("""
            SELECT 1 FROM events WHERE day = ? AND kind = 'checkin'
            AND NOT EXISTS (SELECT 1 FROM events WHERE day = ? AND kind = 'close') LIMIT 1
            """).rows([.text(previous), .text(previous)]).first != nil
        guard open else { return }
        try appendChained(day: previous, EventRow.fields(
            Event(at: midnight, .closeDay), actor: "lobby", why: "the business day ended", outcome: nil))
    }

    /// The time a write at `at` is recorded with: time runs forward in the record. Before the
    /// day's last event, a real clock's small step back is dated at that event, a larger one is
    /// refused (`StoreError.clockBehind`); a simulated clock's time stands.
    func recordedTime(_ key: DayKey, at: Instant, clock: ClockPolicy) throws -> Instant {
        guard case let .real(tolerance) = clock,
            let last = try database.prepare("SELECT max(at) AS last FROM events WHERE day = ?")
                .rows([.text(key.date)]).first?.of("events", key: "last").optionalInstant("last"),
            at < last
        else { return at }
        guard last - at <= tolerance else { throw StoreError.clockBehind(day: key.date, by: last - at, tolerance: tolerance) }
        return last
    }

    /// Applies `action` to `day` by the rules and, if they allow it, appends it to the chained
    /// log and stores the resulting order and tallies. Call inside `write`.
    @discardableResult
    public func append(
        _ action: Action, to day: inout Day, key: DayKey, at: Instant, actor: String,
        why: String? = nil, clock: ClockPolicy
    ) throws -> Day.Effect {
        try ensureDay(key)
        let event = Event(at: try recordedTime(key, at: at, clock: clock), action)
        let before = day
        let effect = try day.apply(event)
        try learn(from: event, before: before, after: day)
        var outcome: String?
        if case let .called(reception) = effect {
            outcome = "\(reception.ticket) \(reception.rep) \(reception.kind.rawValue)"
        }
        if case let .undone(taken) = effect {
            // Readable without working the day out again: what was taken back.
            let columns = EventRow.fields(taken, actor: actor, why: nil, outcome: nil)
            outcome = [columns.kind, columns.ticket, columns.rep].compactMap { $0 }.joined(separator: " ")
        }
        try appendChained(day: key.date, EventRow.fields(event, actor: actor, why: why, outcome: outcome))
        try saveSnapshot(day, date: key.date)
        return effect
    }

    /// Appends a record that the rules do not read (staff changes, follow-ups, pauses).
    public func appendNote(
        _ kind: NoteKind, key: DayKey, at: Instant, actor: String, rep: String? = nil, detail: String? = nil,
        why: String? = nil, clock: ClockPolicy
    ) throws {
        try ensureDay(key)
        try appendChained(day: key.date, EventRow.Fields(
            at: try recordedTime(key, at: at, clock: clock), actor: actor, kind: kind.stored, rep: rep,
            detail: detail, why: why))
    }

    private func saveSnapshot(_ day: Day, date: String) throws {
        try database.prepare("UPDATE days SET closing = ?, tallies = ? WHERE day = ?")
            .run([.text(day.closingOrder.map(\.rawValue).joined(separator: "\n")), .text(Snapshot.tallies(day.tallies)), .text(date)])
    }

    /// What `lobby replay` compares: the stored closing order and tallies of a day.
    public func storedSnapshot(_ date: String) throws -> (order: [RepName], tallies: [RepName: Day.Tally])? {
        guard let row = try database.prepare("SELECT day, closing, tallies FROM days WHERE day = ?")
            .rows([.text(date)]).first?.of("days", key: "day")
        else { return nil }
        return (try row.reps("closing"), try Snapshot.parseTallies(try row.text("tallies"), row: row))
    }

    public func eventCount(_ date: String) throws -> Int {
        try database.prepare("SELECT ? AS day, count(*) AS n FROM events WHERE day = ?").rows([.text(date), .text(date)])
            .first?.of("events", key: "day").int("n") ?? 0
    }

    /// The zone offset a recorded day was kept in, or nil when there is no record of it.
    public func dayOffset(_ date: String) throws -> Int? {
        try database.prepare("SELECT day, utc_offset FROM days WHERE day = ?").rows([.text(date)]).first
            .map { try $0.of("days", key: "day").int("utc_offset") }
    }

    /// Every recorded day, oldest first, with its zone offset.
    public func days() throws -> [DayKey] {
        try database.prepare("SELECT day, utc_offset FROM days ORDER BY day").rows().map {
            let row = $0.of("days", key: "day")
            return DayKey(date: try row.text("day"), utcOffset: try row.int("utc_offset"))
        }
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

    static func parseTallies(_ text: String, row: TableRow) throws(StoreError) -> [RepName: Day.Tally] {
        var result: [RepName: Day.Tally] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 3, let counted = Int(fields[1]), let uncounted = Int(fields[2]) else {
                throw row.damaged("column tallies has a line that is not name, counted, uncounted")
            }
            result[RepName(String(fields[0]))] = Day.Tally(counted: counted, uncounted: uncounted)
        }
        return result
    }
}
