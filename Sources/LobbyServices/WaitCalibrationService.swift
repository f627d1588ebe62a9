import LobbyCore
import LobbyStore

/// The site's correction of its wait estimate, fitted once a business day: at the day's first
/// write, which is also when the day before closes, so that check-ins only read one row.
package enum WaitCalibrationService {
    package static let fitting = WaitCalibration.Fitting()

    /// Keeps the real waits of the days that have closed, then fits and stores today's
    /// correction from the record of the window before today. Call inside the first write of `key`.
    package static func refresh(store: Store, key: DayKey, now: Instant, settings: Settings) throws {
        let since = CivilTime(now - Int64(fitting.windowDays * 86_400), offset: key.utcOffset).date
        for date in try store.daysAwaitingWaits(since: since, before: key.date) {
            guard let offset = try store.dayOffset(date) else { continue }
            let day = try store.day(DayKey(date: date, utcOffset: offset), settings: settings)
            try store.saveWaits(day: date, day.waits(now: now).map { ($0.ticket.id, $0.minutes) })
        }
        let records = try store.waitRecords(since: since, before: key.date).map { record in
            WaitCalibration.Record(age: Double(now - record.issuedAt) / 86_400, raw: record.raw, real: record.waited)
        }
        try store.saveWaitCalibration(WaitCalibration.fit(records, fitting), day: key.date, at: now)
    }
}
