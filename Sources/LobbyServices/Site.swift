import LobbyCore
import LobbyText
import LobbyPlatform
import LobbyPrinting

/// The site settings (kiosk-assets/site.json), read from the database where they were copied
/// when it was created, so that every process of a site agrees on them.
package struct Site {
    package var siteId = "demo"
    package var name = "Lobby"
    package var timeZone: String? = "Asia/Shanghai"
    /// A fixed offset, for machines without a zone database.
    package var fixedOffset: Int?
    package var ticketPrefix = "A"
    package var lockAttempts = 5
    package var lockMinutes = 15
    /// The fewest digits a new PIN may have. Never below 4: fewer fall to guessing within a lockout or two.
    package var pinMinLength = 6
    /// How long a consenting visitor's name and phone are kept after their last visit or follow-up.
    package var retentionDays = 180
    /// The language of the staff's screens (status, desk) unless --lang says otherwise.
    package var language = Texts.Language.zh
    package var rules = Settings()
    /// The kiosk's receipt printer, if it has one.
    package var printer: PrinterSettings?
    /// The local minutes of the day the kiosk and `lobby checkin` issue tickets; nil: at any hour.
    /// Not workingHours: R21 records receptions outside those, so visitors must be able to check in.
    package var checkinHours: (start: Int, end: Int)?
    /// A visitor who leaves the kiosk mid-dialogue is forgotten after this many seconds.
    package var kioskIdleSeconds = 90
    /// The report's service level: the share of visitors received within this many minutes.
    package var serviceLevelMinutes = 10
    /// A site's own rule for phone numbers (a regular expression for the whole number, spaces and
    /// dashes removed), instead of mainland mobile numbers.
    package var phonePattern: String?
    /// The program the board runs for each newly called ticket, argv with {ticket} and {rep}
    /// filled in (e.g. a speech synthesizer); nil keeps the lobby quiet.
    package var announce: [String]?
    /// An announcement still running after this long is stopped, so the next call is spoken.
    package var announceTimeLimitSeconds = 20
    /// How long a call is "now calling" on the board before it moves to the recent calls.
    package var callingSeconds = 120
    /// Phone duty is internal: the public board and feed show it only when the site says so.
    package var boardPhoneDuty = false
    /// The group of the database files (mode 0660) when a board runs as another user; nil: 0600.
    package var fileGroup: String?
    /// A file outside the database that each business day's chain head is appended to (and
    /// `lobby verify --heads` reads back); nil: the heads go to syslog only.
    package var chainHeadsFile: String?
    /// The key that seals visitors' personal data (Vault), kept outside the database; nil:
    /// beside it, as `<database>.key`.
    package var keyFile: String?

    package init() {}

    /// Every key site.json may have, with the keys of its objects. A key not here is refused by
    /// `lobby init` and `lobby site apply`: a misspelling (checkInHours) would otherwise be
    /// silently ignored.
    package static let keys: [String: [String]] = [
        "siteId": [], "name": [], "timeZone": [], "utcOffset": [], "ticketPrefix": [],
        "workingHours": ["start", "end"], "checkinHours": ["start", "end"], "businessAbsence": [],
        "ownershipLapseDays": [], "defaultServiceMinutes": [], "serviceHalfLifeDays": [],
        "consentRetentionDays": [], "pinLockout": ["attempts", "minutes"], "pinMinLength": [],
        "printer": ["device", "width", "nativeQR"], "kioskIdleSeconds": [], "phonePattern": [],
        "language": [], "announce": ["command", "timeoutSeconds"],
        "callingSeconds": [], "boardPhoneDuty": [], "fileGroup": [], "chainHeadsFile": [],
        "keyFile": [], "serviceLevelMinutes": [], "bookingHoldMinutes": [], "bookingGraceMinutes": [],
    ]

    /// Refuses a key site.json does not know, naming it and the key it most likely meant.
    package static func checkKeys(_ root: JSON, source: String) throws(LobbyError) {
        guard case let .object(members) = root else { return }
        for (key, value) in members {
            guard let inner = keys[key] else {
                let near = keys.keys.first { $0.lowercased() == key.lowercased() }
                    ?? keys.keys.sorted().first { key.count > 3 && ($0.hasPrefix(key.prefix(4)) || $0.lowercased().hasPrefix(key.lowercased().prefix(4))) }
                throw .refused("site settings \(source): unknown key \"\(key)\"" + (near.map { " (did you mean \"\($0)\"?)" } ?? ""))
            }
            if !inner.isEmpty, case let .object(fields) = value {
                for (field, _) in fields where !inner.contains(field) {
                    throw .refused("site settings \(source): unknown key \"\(key).\(field)\" (\(key) takes \(inner.joined(separator: ", ")))")
                }
            }
        }
    }

    /// `strict`: refuse unknown keys (what init and site apply are given); the stored text was
    /// checked when it was applied.
    package init(json text: String, source: String, strict: Bool = true) throws(LobbyError) {
        let root: JSON
        do {
            root = try JSON.parse(text)
        } catch {
            throw .refused("site settings \(source): not valid JSON: \(error)")
        }
        guard case .object = root else { throw .refused("site settings \(source): expected an object") }
        if strict { try Site.checkKeys(root, source: source) }
        func string(_ key: String) throws(LobbyError) -> String? {
            guard let value = root[key] else { return nil }
            guard let s = value.stringValue else { throw .refused("site settings \(source): \(key) must be a string") }
            return s
        }
        func int(_ value: JSON?, _ key: String, _ range: ClosedRange<Int>) throws(LobbyError) -> Int? {
            guard let value else { return nil }
            guard let n = value.intValue, range.contains(n) else {
                throw .refused("site settings \(source): \(key) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return n
        }
        siteId = try string("siteId") ?? siteId
        guard !siteId.isEmpty, siteId.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            throw .refused("site settings \(source): siteId must be letters, digits and '-'")
        }
        name = try string("name") ?? name
        // The name is shown on every staff screen, ticket and board: no escape sequences in it.
        guard !name.isEmpty, !TerminalText.containsControl(name) else {
            throw .refused("site settings \(source): name must not be empty or hold control characters")
        }
        timeZone = try string("timeZone") ?? timeZone
        if let offset = try string("utcOffset") {
            guard let parsed = CivilTime.parse("2000-01-01T00:00" + offset) else {
                throw .refused("site settings \(source): utcOffset must look like +08:00")
            }
            fixedOffset = parsed.offset
        }
        ticketPrefix = try string("ticketPrefix") ?? ticketPrefix
        guard (1...2).contains(ticketPrefix.count), ticketPrefix.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            throw .refused("site settings \(source): ticketPrefix must be one or two capital letters")
        }
        if let hours = root["workingHours"] {
            guard let start = hours["start"]?.stringValue.flatMap(Site.minutes),
                let end = hours["end"]?.stringValue.flatMap(Site.minutes), start < end
            else { throw .refused("site settings \(source): workingHours needs start and end like \"09:00\", start before end") }
            rules.workingHoursStart = start
            rules.workingHoursEnd = end
        }
        if let absence = try string("businessAbsence") {
            guard let value = Settings.BusinessAbsence(rawValue: absence) else {
                throw .refused("site settings \(source): businessAbsence must be keep or supervisor")
            }
            rules.businessAbsence = value
        }
        rules.ownershipLapseDays = try int(root["ownershipLapseDays"], "ownershipLapseDays", 1...3650) ?? rules.ownershipLapseDays
        rules.defaultServiceMinutes = try int(root["defaultServiceMinutes"], "defaultServiceMinutes", 1...600) ?? rules.defaultServiceMinutes
        rules.serviceHalfLifeDays = Double(
            try int(root["serviceHalfLifeDays"], "serviceHalfLifeDays", 1...3650) ?? Int(rules.serviceHalfLifeDays))
        rules.bookingHoldMinutes = try int(root["bookingHoldMinutes"], "bookingHoldMinutes", 0...240) ?? rules.bookingHoldMinutes
        rules.bookingGraceMinutes = try int(root["bookingGraceMinutes"], "bookingGraceMinutes", 1...240) ?? rules.bookingGraceMinutes
        retentionDays = try int(root["consentRetentionDays"], "consentRetentionDays", 1...3650) ?? retentionDays
        callingSeconds = try int(root["callingSeconds"], "callingSeconds", 5...3600) ?? callingSeconds
        if let value = root["boardPhoneDuty"] {
            guard let flag = value.boolValue else { throw .refused("site settings \(source): boardPhoneDuty must be true or false") }
            boardPhoneDuty = flag
        }
        lockAttempts = try int(root["pinLockout"]?["attempts"], "pinLockout.attempts", 1...100) ?? lockAttempts
        lockMinutes = try int(root["pinLockout"]?["minutes"], "pinLockout.minutes", 1...1440) ?? lockMinutes
        pinMinLength = try int(root["pinMinLength"], "pinMinLength", Site.pinLengths) ?? pinMinLength
        if let printer = root["printer"] { self.printer = try PrinterSettings(json: printer, source: source) }
        if let hours = root["checkinHours"] {
            guard let start = hours["start"]?.stringValue.flatMap(Site.minutes),
                let end = hours["end"]?.stringValue.flatMap(Site.minutes), start < end
            else { throw .refused("site settings \(source): checkinHours needs start and end like \"09:00\", start before end") }
            checkinHours = (start, end)
        }
        kioskIdleSeconds = try int(root["kioskIdleSeconds"], "kioskIdleSeconds", 1...3600) ?? kioskIdleSeconds
        serviceLevelMinutes = try int(root["serviceLevelMinutes"], "serviceLevelMinutes", 1...240) ?? serviceLevelMinutes
        if let pattern = try string("phonePattern") {
            guard (try? Regex(pattern)) != nil else {
                throw .refused("site settings \(source): phonePattern is not a valid regular expression")
            }
            phonePattern = pattern
        }
        if let text = try string("language") {
            guard let value = Texts.Language(rawValue: text) else { throw .refused("site settings \(source): language must be zh or en") }
            language = value
        }
        if let group = try string("fileGroup") {
            guard !group.isEmpty else { throw .refused("site settings \(source): fileGroup must name a group") }
            fileGroup = group
        }
        if let path = try string("chainHeadsFile") {
            guard path.hasPrefix("/") else { throw .refused("site settings \(source): chainHeadsFile must be an absolute path") }
            chainHeadsFile = path
        }
        if let path = try string("keyFile") {
            guard path.hasPrefix("/") else { throw .refused("site settings \(source): keyFile must be an absolute path") }
            keyFile = path
        }
        if let announce = root["announce"], announce != .null {
            guard case let .array(items)? = announce["command"], let program = items.first?.stringValue, !program.isEmpty,
                items.allSatisfy({ $0.stringValue != nil })
            else {
                throw .refused("site settings \(source): announce needs \"command\": a list of words, the program first, like [\"espeak-ng\", \"{ticket}\"]")
            }
            let words = items.compactMap(\.stringValue)
            if let script = Self.shellScript(words), script.contains("{ticket}") || script.contains("{rep}") {
                throw .refused("site settings \(source): announce: {ticket} and {rep} must not be inside a shell's -c script; "
                    + "pass them as arguments of their own, like [\"sh\", \"-c\", \"say \\\"$1\\\"\", \"sh\", \"{ticket}\"]")
            }
            self.announce = words
            announceTimeLimitSeconds = try int(announce["timeoutSeconds"], "announce.timeoutSeconds", 1...600) ?? announceTimeLimitSeconds
        }
    }

    /// The lengths a PIN may have; pinMinLength is within them.
    package static let pinLengths = 4...32

    /// The script of `sh -c SCRIPT …` (or another shell's): a placeholder filled in there would
    /// be read as shell code, so a rep's name could run commands.
    package static func shellScript(_ words: [String]) -> String? {
        guard let program = words.first.map({ FilePath($0).lastComponent }),
            ["sh", "bash", "dash", "zsh", "ksh", "mksh", "ash", "busybox", "fish", "csh", "tcsh"].contains(program),
            let flag = words.firstIndex(where: { $0.hasPrefix("-") && $0.contains("c") && !$0.hasPrefix("--") }),
            flag + 1 < words.count
        else { return nil }
        return words[flag + 1]
    }

    /// "09:30" → 570
    package static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0...24).contains(h), (0..<60).contains(m),
            h * 60 + m <= 1440
        else { return nil }
        return h * 60 + m
    }

    /// What a site without history assumes: the configured median, and a spread typical of
    /// sales receptions.
    package var servicePrior: LogNormal { LogNormal(medianMinutes: Double(rules.defaultServiceMinutes), sigma: 0.5) }

    /// 570 → "09:30"
    package static func clock(_ minutes: Int) -> String {
        let h = minutes / 60, m = minutes % 60
        return (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
    }
}
