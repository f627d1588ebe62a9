import Glibc
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
/// used from one place (the connection is not Sendable). The rows by subject live beside this
/// file: days and events (`DayStore`), tickets, customers, retention, the chain.
public final class Store {
    public let database: Database

    /// Which clock this site runs on, fixed when its database was created.
    public private(set) var clock: SiteClock = .system

    /// The key file of the personal data (`attachVault`), and whether it could be read.
    var keyPath: String?
    var vaultState: VaultState?

    /// Opens the database at `path` and migrates it. Only `create` (lobby init) makes a new
    /// file, refusing one that exists; any other opening refuses a missing file or one that
    /// lobby never set up, so that a mistyped path creates nothing. `site` supplies the site
    /// settings text for a new database and `newSiteClock` the clock it will run on; both are
    /// read only then.
    public init(path: String, create: Bool = false, newSiteClock: SiteClock = .system, site: () throws -> String) throws {
        if create {
            // O_EXCL: of two inits racing for one path exactly one creates it.
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            guard fd >= 0 else {
                throw errno == EEXIST ? StoreError.exists(path) : StoreError.cannotCreate(path, String(cString: strerror(errno)))
            }
            close(fd)
        } else if access(path, F_OK) != 0 {
            throw StoreError.missing(path)
        }
        database = try Database(path: path)
        if !create, try database.userVersion == 0 {
            // An empty file, or some other SQLite database: not ours to migrate.
            throw StoreError.missing(path)
        }
        try Migrator(Schema.migrations).migrate(database)
        if create {
            let text = try site()
            try database.write {
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
        try database.prepare("SELECT key, value FROM site WHERE key = ?").rows([.text(key)]).first?
            .of("site", key: "key").text("value")
    }

    public func setSiteValue(_ key: String, _ value: String) throws {
        try database.prepare("INSERT INTO site(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
            .run([.text(key), .text(value)])
    }
}

extension Store {
    /// The records of `kind` on a day, in order: when, by whom, what they did and why.
    public func notes(day: String, kind: String) throws -> [(at: Instant, actor: String, outcome: String?, why: String?)] {
        try database.prepare("SELECT seq, at, actor, outcome, why FROM events WHERE day = ? AND kind = ? ORDER BY seq")
            .rows([.text(day), .text(kind)]).map { found in
                let row = found.of("events", key: "seq")
                return (try row.instant("at"), try row.text("actor"), try row.optionalText("outcome"), try row.optionalText("why"))
            }
    }

    /// The latest record of `kind` (site changes, restores): when and by whom.
    public func lastNote(kind: String) throws -> (at: Instant, actor: String)? {
        try database.prepare("SELECT seq, at, actor FROM events WHERE kind = ? ORDER BY seq DESC LIMIT 1")
            .rows([.text(kind)]).first.map { found in
                let row = found.of("events", key: "seq")
                return (try row.instant("at"), try row.text("actor"))
            }
    }
}
