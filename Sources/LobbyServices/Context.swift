#if canImport(Glibc)
import Glibc
#endif
import LobbyCore
import LobbyStore
import LobbyText
import LobbyPlatform
import LobbyPrinting

/// What every command runs with: the environment of interface.md, the clock, and the store,
/// opened only when a command needs it.
package final class Context {
    package let databasePath: String
    package let sitePath: String?
    package private(set) var now: Instant
    package let actor: String
    /// False when the actor is only the OS user: the desk then asks who is there.
    package let actorIsGiven: Bool
    /// PINs given once for a console session (the desk), by staff name; checked like any other.
    package var pins: [String: String] = [:]
    /// LOBBY_NOW, when set. Honoured only by a simulated site; a real one refuses it.
    private let givenNow: Instant?
    /// Whether this site runs on a simulated clock (its database was created while LOBBY_NOW
    /// was set: demos, tests, benchmarks) rather than the system clock (a real site). The
    /// site's stored kind once the store is open; before that, what a new database would be.
    package private(set) var clockIsSimulated: Bool
    private var openedStore: Store?
    private var loadedSite: Site?

    package init(databasePath: String?, sitePath: String?, actor: String?) throws(LobbyError) {
        self.databasePath = databasePath ?? System.environment("LOBBY_DB") ?? "./lobby.sqlite"
        self.sitePath = sitePath ?? System.environment("LOBBY_SITE")
        if let text = System.environment("LOBBY_NOW"), !text.isEmpty {
            guard let time = CivilTime.parse(text) else {
                throw .usage("LOBBY_NOW: '\(TerminalText.value(text))' is not an ISO 8601 time with an offset, like 2026-11-22T10:15:00+08:00")
            }
            givenNow = time.instant
        } else {
            givenNow = nil
        }
        now = givenNow ?? Instant(System.now())
        clockIsSimulated = givenNow != nil
        let named = actor ?? System.environment("LOBBY_ACTOR")
        actorIsGiven = named?.isEmpty == false
        self.actor = (actorIsGiven ? named : nil) ?? System.osUser()
    }

    /// How the store dates a write before the day's last event: as given on a simulated site,
    /// by the system clock's policy on a real one.
    package var clock: ClockPolicy { clockIsSimulated ? .simulated : .systemClock }

    /// One write transaction on the day `key`. The first write of a business day also forgets
    /// the visitors whose retention has run out, fits the day's wait calibration and, once
    /// committed, publishes the closed chain head of the previous day (syslog and `chainHeadsFile`).
    package func write<T>(_ key: DayKey, _ body: (Store) throws -> T) throws -> T {
        let store = try self.store
        let days = try site.retentionDays
        var opened = false
        let value = try store.write {
            opened = try store.ensureDay(key)
            if opened {
                let erased = try store.forgetVisitors(retentionSeconds: Int64(days) * 86_400, asOf: key)
                // The access log lists every erasure, the ones no one asked for too (privacy log).
                if !erased.isEmpty {
                    try store.recordAccess(actor: PrivacyService.retentionActor, action: .purge, customer: nil, what: erased.summary,
                                           why: "consentRetentionDays \(days), first write of \(key.date)", at: now)
                }
                try WaitCalibrationService.refresh(store: store, key: key, now: now, settings: try site.rules)
            }
            return try body(store)
        }
        if opened { ChainHeads.publishClosed(before: key.date, context: self) }
        return value
    }

    /// Long-running commands (desk, board, feed --follow) move with the clock unless LOBBY_NOW
    /// fixes it (which only a simulated site allows).
    package func refreshClock() {
        if givenNow == nil { now = Instant(System.now()) }
    }

    package var store: Store {
        get throws {
            if let openedStore { return openedStore }
            guard !databasePath.isEmpty else { throw LobbyError.usage("the database path is empty") }
            // Only `lobby init` creates a database (createStore); a missing one is refused.
            let store = try Store(path: databasePath) { "{}" }
            try adopt(store)
            return store
        }
    }

    /// Creates the site's database with these settings (lobby init); refuses an existing file.
    @discardableResult
    package func createStore(siteText: String) throws -> Store {
        guard !databasePath.isEmpty else { throw LobbyError.usage("the database path is empty") }
        let store = try Store(path: databasePath, create: true, newSiteClock: givenNow == nil ? .system : .simulated) { siteText }
        try adopt(store)
        return store
    }

    private func adopt(_ store: Store) throws {
            switch store.clock {
            case .system:
                // A real site: a caller's time would walk past PIN lockouts or into retention.
                if givenNow != nil {
                    throw LobbyError.usage(
                        "LOBBY_NOW: this site runs on the system clock (\(databasePath) was created without LOBBY_NOW); unset LOBBY_NOW. Nothing was written.")
                }
                clockIsSimulated = false
            case .simulated:
                clockIsSimulated = true
            }
            openedStore = store
            let site = try self.site
            var group: gid_t?
            if let name = site.fileGroup {
                guard let gid = System.groupID(name) else {
                    throw LobbyError.refused("site settings: fileGroup '\(name)' is not a group on this system")
                }
                group = gid
            }
            try store.database.restrictFiles(group: group)
            try store.attachVault(keyPath: site.keyFile ?? databasePath + ".key")
    }

    package var site: Site {
        get throws {
            if let loadedSite { return loadedSite }
            let store = try self.store
            // Opening the store reads the site (for its retention), so it may be loaded now.
            if let loadedSite { return loadedSite }
            let site: Site
            if let text = try store.siteValue("site.json") {
                // Validated when applied; read leniently so that a key retired by a later version does not lock a site out.
                site = try Site(json: text, source: "stored in \(databasePath)", strict: false)
            } else {
                site = Site()
            }
            loadedSite = site
            return site
        }
    }

    /// The business day `at` falls in, in the site's zone.
    package func dayKey(at instant: Instant? = nil) throws -> DayKey {
        let site = try self.site
        let instant = instant ?? now
        let offset: Int
        if let zone = site.timeZone, let zoneOffset = System.utcOffset(zone: zone, at: instant.seconds) {
            offset = zoneOffset
        } else if let fixed = site.fixedOffset {
            offset = fixed
        } else {
            throw LobbyError.refused(
                "site settings: time zone '\(site.timeZone ?? "")' is not in /usr/share/zoneinfo (install tzdata) and no utcOffset is set")
        }
        return DayKey(date: CivilTime(instant, offset: offset).date, utcOffset: offset)
    }

    package func iso8601(_ instant: Instant, key: DayKey) -> String {
        CivilTime(instant, offset: key.utcOffset).iso8601
    }

    /// Today's state, read in one consistent snapshot.
    /// The service times learned from this site's finished receptions, as of now.
    package func serviceModel() throws -> ServiceModel {
        let site = try self.site
        return try store.serviceHistory().model(at: now, halfLifeDays: site.rules.serviceHalfLifeDays, prior: site.servicePrior)
    }

    /// The correction of the wait estimate the day `key` opened with (none before its first write).
    package func waitCalibration(_ key: DayKey) throws -> WaitCalibration {
        try store.waitCalibration(day: key.date) ?? .identity
    }

    package func today() throws -> (key: DayKey, day: Day) {
        let key = try dayKey()
        let store = try self.store
        let settings = try site.rules
        let day = try store.read { try heldDay(store, key, settings: settings) }
        return (key, day)
    }

    /// The day `key` as its events make it, with the reps kept free for booked visitors now
    /// held: up, the tail and the waits know it. Call inside a transaction.
    private func heldDay(_ store: Store, _ key: DayKey, settings: Settings) throws -> Day {
        var day = try store.day(key, settings: settings)
        day.hold(try BookingService.holds(store, day: day, key: key, now: now, settings: settings))
        return day
    }

    /// Applies one action to today in one write transaction, with the customer's ownership it
    /// implies; nothing is written if the rules refuse.
    @discardableResult
    package func record(_ action: Action, why: String? = nil) throws -> (day: Day, effect: Day.Effect) {
        let key = try dayKey()
        let settings = try site.rules
        return try write(key) { store in
            try BookingService.markNoshows(store, context: self)
            var day = try heldDay(store, key, settings: settings)
            var action = action
            if case let .call(ticket, rep, cover, _) = action {
                // The reps held for booked visitors go into the call's record (replay picks the same rep).
                action = .call(ticket: ticket, rep: rep, cover: cover, held: day.heldReps)
            }
            let effect = try store.append(action, to: &day, key: key, at: now, actor: actor, why: why, clock: clock)
            try Ownership.update(after: action, effect: effect, day: day, store: store, now: now, settings: settings)
            return (day, effect)
        }
    }
}

/// Where the files of kiosk-assets/ are found.
package enum Assets {
    package static func candidates(_ name: String) -> [String] {
        var directories: [String] = []
        if let dir = System.environment("LOBBY_ASSETS") { directories.append(dir) }
        directories.append("./kiosk-assets")
        if let exe = System.executableDirectory().map(FilePath.init) {
            // .build/<config>/lobby in a source tree, or <prefix>/bin/lobby when installed.
            directories.append(exe.appending("../../kiosk-assets").string)
            directories.append(exe.appending("../../../kiosk-assets").string)
            directories.append(exe.appending("../share/lobby").string)
        }
        return directories.map { FilePath($0).appending(name).string }
    }

    package static func read(_ name: String) -> String? {
        for path in candidates(name) {
            if let text = System.readFile(path) { return text }
        }
        return nil
    }
}
