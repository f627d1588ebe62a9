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
        Migration(version: 3, sql: """
            -- Visitors appear in the events only as a random person id, never as the customers
            -- rowid (which SQLite may reuse after an erasure) or anything that identifies them.
            ALTER TABLE customers ADD COLUMN person INTEGER;
            UPDATE customers SET person = random();
            CREATE UNIQUE INDEX customers_by_person ON customers(person);
            DROP TRIGGER events_append_only_update;
            ALTER TABLE events RENAME COLUMN customer TO person;
            -- Customers already forgotten keep one pseudonym each, unlinked from any row.
            CREATE TEMP TABLE forgotten AS
                SELECT DISTINCT person AS id, random() AS person FROM events
                WHERE person IS NOT NULL AND person NOT IN (SELECT id FROM customers);
            UPDATE events SET person = coalesce(
                (SELECT c.person FROM customers c WHERE c.id = events.person),
                (SELECT f.person FROM temp.forgotten f WHERE f.id = events.person))
            WHERE person IS NOT NULL;
            DROP TABLE temp.forgotten;
            -- Notes get their own namespace, apart from the rules' events.
            UPDATE events SET kind = 'note:' || kind
                WHERE kind IN ('rep-add', 'rep-pin', 'kiosk-pause', 'kiosk-resume', 'followup');
            -- SHA-256 over the previous event's hash and this event's content (EventChain).
            ALTER TABLE events ADD COLUMN hash TEXT;
            """, then: Schema.chainExistingEvents),
        Migration(version: 4, sql: """
            -- A receptionist works the desk (calls, finishes) and holds no place in the rotation.
            ALTER TABLE staff ADD COLUMN receptionist INTEGER NOT NULL DEFAULT 0;
            """),
        Migration(version: 5, sql: """
            -- What a returning customer typed that differs from what is kept (a check-in with
            -- their phone and another name): never written over the customer, it waits here
            -- until staff confirm or dismiss it. Personal data, so retention removes it too.
            CREATE TABLE customer_changes (
                id       INTEGER PRIMARY KEY,
                customer INTEGER NOT NULL REFERENCES customers(id),
                field    TEXT NOT NULL,
                value    TEXT NOT NULL,
                at       INTEGER NOT NULL,
                UNIQUE (customer, field, value)
            );
            """),
        Migration(version: 6, sql: """
            -- A rep's name in Latin letters ("Li Qiang"), shown to visitors who read English.
            ALTER TABLE staff ADD COLUMN latin TEXT;
            """),
        Migration(version: 7, sql: """
            -- Each site's own id, made when its database is: a restore refuses another site's file.
            INSERT OR IGNORE INTO site(key, value) VALUES ('id', lower(hex(randomblob(16))));
            -- A member who left keeps their row (their name is in the history) but cannot act.
            ALTER TABLE staff ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
            """),
        Migration(version: 8, sql: """
            -- The wait each visitor was told at check-in (minutes; NULL when none was told), so
            -- the estimate's accuracy can be measured against the real wait and calibrated.
            ALTER TABLE tickets ADD COLUMN quoted_p50 INTEGER;
            ALTER TABLE tickets ADD COLUMN quoted_p80 INTEGER;
            -- The booking a ticket was checked in for, if any.
            ALTER TABLE tickets ADD COLUMN booking TEXT;
            -- Appointments (预约): who is expected, when, and with whom. The visitor's personal
            -- data stays in their customers row; a booking refers to it.
            CREATE TABLE bookings (
                code       TEXT PRIMARY KEY,
                customer   INTEGER REFERENCES customers(id),
                rep        TEXT NOT NULL,
                at         INTEGER NOT NULL,
                party      INTEGER NOT NULL DEFAULT 1,
                note       TEXT,
                status     TEXT NOT NULL DEFAULT 'open',  -- open | kept | cancelled | noshow
                day        TEXT,                          -- business day of the kept visit
                ticket     TEXT,                          -- the ticket that kept it
                made_at    INTEGER NOT NULL,
                made_by    TEXT NOT NULL,
                changed_at INTEGER,
                changed_by TEXT
            );
            CREATE INDEX bookings_by_time ON bookings(at);
            -- Satisfaction (满意度): one answer per ticket; a second replaces the first.
            CREATE TABLE feedback (
                day     TEXT NOT NULL,
                ticket  TEXT NOT NULL,
                rep     TEXT,                             -- who received the visitor
                score   INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
                comment TEXT,
                at      INTEGER NOT NULL,
                PRIMARY KEY (day, ticket)
            );
            -- Complaints (投诉), with the times the handling is measured by.
            CREATE TABLE complaints (
                id          INTEGER PRIMARY KEY,
                customer    INTEGER REFERENCES customers(id),
                day         TEXT,
                ticket      TEXT,
                rep         TEXT,
                text        TEXT NOT NULL,
                opened_at   INTEGER NOT NULL,
                opened_by   TEXT NOT NULL,
                resolved_at INTEGER,
                resolved_by TEXT,
                resolution  TEXT
            );
            -- Every view, export and erasure of a person's data: who, when, which customer, why.
            CREATE TABLE access_log (
                id       INTEGER PRIMARY KEY,
                at       INTEGER NOT NULL,
                actor    TEXT NOT NULL,
                action   TEXT NOT NULL,                   -- view | export | erase | purge
                customer INTEGER,
                what     TEXT NOT NULL,
                why      TEXT
            );
            """),
        Migration(version: 9, sql: """
            -- Personal data at rest is sealed (AES-256-GCM, Vault) with a key kept outside the
            -- database: customers.phone and .name, tickets' name, project, budget and source,
            -- customer_changes.value, followups.note. A phone is found again by its keyed hash.
            -- The values already stored are sealed when the store first opens with the key
            -- (Store.attachVault), which SQL cannot do.
            ALTER TABLE customers ADD COLUMN phone_mac TEXT;
            CREATE UNIQUE INDEX customers_by_phone_mac ON customers(phone_mac);
            """),
        Migration(version: 10, sql: """
            -- The wait estimate calibrates itself on the site's record. A ticket keeps the
            -- simulation's quantiles before calibration (minutes, unrounded: fitting on the quotes
            -- already corrected would feed the correction on itself) and, once its day has closed,
            -- how long the visitor really waited.
            ALTER TABLE tickets ADD COLUMN raw_p50 REAL;
            ALTER TABLE tickets ADD COLUMN raw_p80 REAL;
            ALTER TABLE tickets ADD COLUMN waited REAL;
            -- The day's correction, fitted once at the day's first write, read by every check-in.
            CREATE TABLE wait_calibration (
                day       TEXT PRIMARY KEY,
                p50_scale REAL NOT NULL,
                p80_scale REAL NOT NULL,
                records   INTEGER NOT NULL,
                weight    REAL NOT NULL,
                at        INTEGER NOT NULL
            );
            """),
    ]
}

extension Schema {
    /// Version 3's second half: chains the events recorded before there was a chain, in
    /// order, then makes the log append-only again.
    @Sendable static func chainExistingEvents(_ db: Database) throws {
        var previous = ""
        let update = try db.prepare("UPDATE events SET hash = ? WHERE seq = ?")
        for row in try db.rows("SELECT " + EventRow.columns.joined(separator: ", ") + " FROM events ORDER BY seq") {
            previous = EventChain.hash(previous: previous, row.values)
            try update.run([.text(previous), row["seq"] ?? .null])
        }
        try db.execute("""
            CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
                BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
            """)
    }
}
