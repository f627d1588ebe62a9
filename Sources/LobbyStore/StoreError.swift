import LobbyCore

/// Failures of the store that are not SQLite's own: a row or a log that no longer adds up,
/// and writes that would make time run backwards in the record.
public enum StoreError: Error, CustomStringConvertible, Sendable, Equatable {
    /// A row that cannot be read as what the schema promises: named by table and row, so a
    /// person can find it (`events` row `seq 12`).
    case damaged(table: String, row: String, what: String)
    /// The day has been closed by the next one: its events, and so its tallies, are final.
    case dayClosed(day: String, next: String)
    /// The write is dated before the day's last event by more than the clock policy allows.
    case clockBehind(day: String, by: Int64, tolerance: Int64)
    /// No database at the path (or not one lobby set up): nothing was created.
    case missing(String)
    /// `lobby init` on a path that exists.
    case exists(String)
    case cannotCreate(String, String)

    public var description: String {
        switch self {
        case let .damaged(table, row, what):
            return "the database is damaged: \(table) row \(row): \(what)"
        case let .dayClosed(day, next):
            return "the day \(day) is closed (\(next) has begun): it takes no more events"
        case let .clockBehind(day, by, tolerance):
            return "the clock is \(by) s behind the last event of \(day) (more than the \(tolerance) s allowed): "
                + "nothing was written; fix the system clock (date, NTP) and try again"
        case let .missing(path):
            return "no Lobby database at \(path); set up a site first with: lobby init --db \(path) --site FILE (nothing was created)"
        case let .exists(path): return "init: \(path) exists already; a site is set up once (change its settings with lobby site apply FILE)"
        case let .cannotCreate(path, why): return "init: cannot create \(path): \(why)"
        }
    }

    /// A refusal of the request (exit 1), as opposed to a damaged file (exit 3).
    public var isRefusal: Bool {
        switch self {
        case .damaged, .missing, .cannotCreate: return false
        case .dayClosed, .clockBehind, .exists: return true
        }
    }
}

/// How the store treats a write dated before the day's last event.
public enum ClockPolicy: Sendable, Equatable {
    /// A site on the system clock: a step back of up to `toleranceSeconds` (NTP slewing, a
    /// second process that read the clock a moment earlier) is dated at the last event's
    /// time; a larger one is refused, because a clock that far off dates the record wrongly.
    case real(toleranceSeconds: Int64)
    /// A simulated site (demos, tests, benchmarks): times are the caller's, recorded as given;
    /// the rules still refuse a reception that ends before it began.
    case simulated

    /// The policy of a site on the system clock.
    public static let systemClock = ClockPolicy.real(toleranceSeconds: 120)
}
