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
        try database.prepare("SELECT key, value FROM site WHERE key = ?").rows([.text(key)]).first?
            .of("site", key: "key").text("value")
    }

    public func setSiteValue(_ key: String, _ value: String) throws {
        try database.prepare("INSERT INTO site(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
            .run([.text(key), .text(value)])
    }
}
