import LobbyCore

/// The wait estimate's record of itself: the simulation's quantiles against real waits, and the
/// correction each business day opens with.
extension Store {
    /// The day's correction, nil before the day's first write has fitted one.
    public func waitCalibration(day: String) throws -> WaitCalibration? {
        guard let found = try database.prepare(
            "SELECT day, p50_scale, p80_scale, records, weight FROM wait_calibration WHERE day = ?"
        ).rows([.text(day)]).first else { return nil }
        let row = found.of("wait_calibration", key: "day")
        let calibration = WaitCalibration(
            p50Scale: try row.double("p50_scale"), p80Scale: try row.double("p80_scale"),
            records: try row.int("records"), weight: try row.double("weight"))
        guard calibration.p50Scale > 0, calibration.p80Scale > 0 else { throw row.damaged("a scale is not positive") }
        return calibration
    }

    public func saveWaitCalibration(_ calibration: WaitCalibration, day: String, at: Instant) throws {
        try database.prepare("""
            INSERT OR REPLACE INTO wait_calibration(day, p50_scale, p80_scale, records, weight, at) VALUES (?, ?, ?, ?, ?, ?)
            """).run([.text(day), .real(calibration.p50Scale), .real(calibration.p80Scale),
                      .integer(Int64(calibration.records)), .real(calibration.weight), .integer(at)])
    }

    /// Days before `date` and from `since` on with quoted tickets whose real wait is not yet kept.
    public func daysAwaitingWaits(since: String, before date: String) throws -> [String] {
        try database.prepare("""
            SELECT DISTINCT day FROM tickets WHERE day >= ? AND day < ? AND raw_p80 IS NOT NULL AND waited IS NULL ORDER BY day
            """).rows([.text(since), .text(date)]).map { try $0.of("tickets", key: "day").text("day") }
    }

    /// Keeps how long each of a closed day's quoted visitors really waited (minutes).
    public func saveWaits(day: String, _ waits: [(ticket: TicketID, minutes: Double)]) throws {
        let update = try database.prepare("UPDATE tickets SET waited = ? WHERE day = ? AND id = ? AND raw_p80 IS NOT NULL")
        for (ticket, minutes) in waits { try update.run([.real(minutes), .text(day), .text(ticket.rawValue)]) }
    }

    /// The quoted visitors of days from `since` up to before `date` whose real wait is kept:
    /// when they checked in, the simulation's quantiles, and the wait.
    public func waitRecords(since: String, before date: String) throws -> [(issuedAt: Instant, raw: WaitQuantiles, waited: Double)] {
        try database.prepare("""
            SELECT day || ' ' || id AS ticket, issued_at, raw_p50, raw_p80, waited FROM tickets
            WHERE day >= ? AND day < ? AND raw_p80 IS NOT NULL AND waited IS NOT NULL
            """).rows([.text(since), .text(date)]).map { found in
                let row = found.of("tickets", key: "ticket")
                return (try row.instant("issued_at"), WaitQuantiles(p50: try row.double("raw_p50"), p80: try row.double("raw_p80")),
                        try row.double("waited"))
            }
    }
}
