/// The database layout, as forward-only migrations. A migration once released is never edited:
/// a change is a new entry at the end.
enum Schema {
    static let migrations: [Migration] = [
        Migration(version: 1, sql: """
            CREATE TABLE site (
                key   TEXT PRIMARY KEY,
                value TEXT NOT NULL
            );
            CREATE TABLE staff (
                name            TEXT PRIMARY KEY,
                supervisor      INTEGER NOT NULL DEFAULT 0,
                pin_hash        TEXT,
                failed_attempts INTEGER NOT NULL DEFAULT 0,
                locked_until    INTEGER,
                added_at        INTEGER NOT NULL,
                added_by        TEXT NOT NULL
            );
            -- One row a business day: the order it opened with (R5), and the last state the
            -- rules derived from its events, which `lobby replay` checks against.
            CREATE TABLE days (
                day         TEXT PRIMARY KEY,
                utc_offset  INTEGER NOT NULL,
                opening     TEXT NOT NULL,
                closing     TEXT NOT NULL,
                tallies     TEXT NOT NULL,
                last_ticket INTEGER NOT NULL DEFAULT 0
            );
            -- Append-only: the record of the day. The state is what these add up to.
            CREATE TABLE events (
                seq      INTEGER PRIMARY KEY AUTOINCREMENT,
                day      TEXT NOT NULL REFERENCES days(day),
                at       INTEGER NOT NULL,
                actor    TEXT NOT NULL,
                kind     TEXT NOT NULL,
                ticket   TEXT,
                rep      TEXT,
                detail   TEXT,
                number   INTEGER,
                customer INTEGER,
                flags    TEXT NOT NULL DEFAULT '',
                why      TEXT,
                outcome  TEXT
            );
            CREATE INDEX events_by_day ON events(day, seq);
            CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
                BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
            CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
                BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
            CREATE TABLE customers (
                id            INTEGER PRIMARY KEY,
                phone         TEXT NOT NULL UNIQUE,
                name          TEXT,
                owner         TEXT,
                last_activity INTEGER,
                returned_unit INTEGER NOT NULL DEFAULT 0
            );
            CREATE TABLE tickets (
                day         TEXT NOT NULL REFERENCES days(day),
                seq         INTEGER NOT NULL,
                id          TEXT NOT NULL,
                token       TEXT NOT NULL,
                category    TEXT NOT NULL,
                rep         TEXT,
                purpose     TEXT NOT NULL,
                party       INTEGER NOT NULL,
                name        TEXT,
                project     TEXT,
                budget      TEXT,
                source      TEXT,
                first_visit TEXT,
                customer    INTEGER REFERENCES customers(id),
                issued_at   INTEGER NOT NULL,
                printed     INTEGER,
                PRIMARY KEY (day, id),
                UNIQUE (day, seq)
            );
            CREATE TABLE followups (
                id       INTEGER PRIMARY KEY,
                customer INTEGER NOT NULL REFERENCES customers(id),
                rep      TEXT NOT NULL,
                note     TEXT NOT NULL,
                at       INTEGER NOT NULL,
                actor    TEXT NOT NULL
            );
            -- Wrong PINs and lock-outs: who tried what, when. Never the PIN itself.
            CREATE TABLE security_log (
                id      INTEGER PRIMARY KEY,
                at      INTEGER NOT NULL,
                actor   TEXT NOT NULL,
                action  TEXT NOT NULL,
                outcome TEXT NOT NULL
            );
            """),
        Migration(version: 2, sql: """
            -- The learned service times: decayed sums of log-minutes per rep and category of
            -- visitor, updated as each reception finishes and rebuilt from the events on demand.
            CREATE TABLE service_times (
                rep            TEXT NOT NULL,
                category       TEXT NOT NULL,
                weight         REAL NOT NULL,
                sum            REAL NOT NULL,
                sum_of_squares REAL NOT NULL,
                at             INTEGER NOT NULL,
                PRIMARY KEY (rep, category)
            );
            """),
        Migration(version: 4, sql: """
            -- A receptionist works the desk (calls, finishes) and holds no place in the rotation.
            ALTER TABLE staff ADD COLUMN receptionist INTEGER NOT NULL DEFAULT 0;
            """),
        Migration(version: 7, sql: """
            -- Each site's own id, made when its database is: a restore refuses another site's file.
            INSERT OR IGNORE INTO site(key, value) VALUES ('id', lower(hex(randomblob(16))));
            -- A member who left keeps their row (their name is in the history) but cannot act.
            ALTER TABLE staff ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
            """),
    ]
}
