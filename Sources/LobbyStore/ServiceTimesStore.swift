import LobbyCore

/// The learned service times, kept current one finished reception at a time so that a
/// check-in reads a few rows, never the whole history.
extension Store {
    public func serviceHistory() throws -> ServiceHistory {
        var history = ServiceHistory()
        for row in try database.prepare(
            "SELECT rep || ' ' || category AS cell, rep, category, weight, sum, sum_of_squares, at FROM service_times"
        ).rows([]) {
            let row = row.of("service_times", key: "cell")
            history.cells[ServiceHistory.Key(rep: try row.rep("rep"), category: try row.value("category", as: Category.self))] =
                try Self.moments(row)
        }
        return history
    }

    /// Adds the receptions `event` finished to the learned times. Call inside `write`.
    func learn(from event: Event, before: Day, after: Day) throws {
        for finished in ServiceHistory.finished(by: event, before: before, after: after) {
            let key = ServiceHistory.Key(rep: finished.rep, category: finished.category)
            var cell = try serviceCell(key) ?? LogMoments(at: event.at)
            cell.add(minutes: finished.minutes, at: event.at, halfLifeDays: after.settings.serviceHalfLifeDays)
            try saveServiceCell(key, cell)
        }
    }

    /// Recomputes the learned times from every stored day's events, in order.
    public func rebuildServiceHistory(settings: Settings) throws {
        try write {
            try database.prepare("DELETE FROM service_times").run([])
            var history = ServiceHistory()
            for key in try days() {
                _ = try day(key, settings: settings) { event, before, after in
                    for finished in ServiceHistory.finished(by: event, before: before, after: after) {
                        history.record(
                            rep: finished.rep, category: finished.category, minutes: finished.minutes,
                            at: event.at, halfLifeDays: settings.serviceHalfLifeDays)
                    }
                }
            }
            for (key, cell) in history.cells { try saveServiceCell(key, cell) }
        }
    }

    private func serviceCell(_ key: ServiceHistory.Key) throws -> LogMoments? {
        guard let row = try database.prepare(
            "SELECT rep || ' ' || category AS cell, weight, sum, sum_of_squares, at FROM service_times WHERE rep = ? AND category = ?"
        ).rows([.text(key.rep), .text(key.category.rawValue)]).first
        else { return nil }
        return try Self.moments(row.of("service_times", key: "cell"))
    }

    private static func moments(_ row: TableRow) throws(StoreError) -> LogMoments {
        LogMoments(
            weight: try row.double("weight"), sum: try row.double("sum"), sumOfSquares: try row.double("sum_of_squares"),
            at: try row.instant("at"))
    }

    private func saveServiceCell(_ key: ServiceHistory.Key, _ cell: LogMoments) throws {
        try database.prepare("""
            INSERT INTO service_times(rep, category, weight, sum, sum_of_squares, at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(rep, category) DO UPDATE SET
                weight = excluded.weight, sum = excluded.sum, sum_of_squares = excluded.sum_of_squares, at = excluded.at
            """).run([.text(key.rep), .text(key.category.rawValue), .real(cell.weight), .real(cell.sum),
                      .real(cell.sumOfSquares), .integer(cell.at)])
    }
}
