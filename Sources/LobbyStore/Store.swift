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

/// The Lobby database: migrations, the event log and the rows around it. One per process,
/// used from one place (the connection is not Sendable). The rows by subject live beside this
/// file: days and events (`DayStore`), tickets, customers, retention, the chain.
public final class Store {
    public let database: Database

    /// Opens (creating and migrating if needed) the database at `path`. `site` supplies the
    /// site settings text for a new database; it is read only then.
    public init(path: String, site: () throws -> String) throws {
        database = try Database(path: path)
        try Migrator(Schema.migrations).migrate(database)
        if try siteValue("site.json") == nil {
            let text = try site()
            try database.write {
                try database.prepare("INSERT OR IGNORE INTO site(key, value) VALUES (?, ?)")
                    .run([.text("site.json"), .text(text)])
            }
        }
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
