#if canImport(Glibc)
import Glibc
#endif

/// The lobby screen: in a terminal, or as a page for a browser on a lobby screen (--html).
struct Board: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "board", abstract: "The lobby display in a terminal, or as a page for a browser (--html), kept current.",
        usage: "lobby board [--once] [--html DIR] [--silent]",
        discussion: """
            With --html, keeps DIR/index.html and DIR/feed.json current instead (each replaced whole, \
            never half-written); the page follows feed.json by itself and shows "离线 Offline" when \
            this process stops. When site.json has "announce": {"command": [...]}, that program is run \
            for each newly called ticket, with {ticket} and {rep} filled in (tickets already called when \
            the board starts are not announced again).
            """,
        options: [
            OptionHelp(name: "--once", help: "draw (or write) once and exit"),
            OptionHelp(name: "--html DIR", help: "keep a self-refreshing page in DIR for a browser"),
            OptionHelp(name: "--silent", help: "never run the announcement command (a second screen in the same lobby)"),
        ])

    /// How often the board shows it is alive (feed.json's generatedAt) when nothing changes.
    static let heartbeatSeconds = 5

    let once: Bool
    let html: String?
    let silent: Bool

    init(_ arguments: inout Arguments) throws(LobbyError) {
        once = arguments.flag("--once")
        html = try arguments.option("--html")
        silent = arguments.flag("--silent")
        if html?.isEmpty == true { throw .usage("board: --html needs a directory") }
    }

    func run(_ context: Context) throws {
        let page = try html.map { directory throws(LobbyError) in try HTMLBoard(directory: directory) }
        var announcer = silent ? nil : try context.site.announce.map { Announcer(command: $0) }
        let terminal = !once && page == nil && System.isTerminal(1)
        var shown: [String] = []
        func update(_ context: Context) throws {
            let feed = try Feed.snapshot(context)
            announcer?.update(day: try context.dayKey().date, calling: Self.calls(feed["calling"]))
            if let page {
                try page.write(feed)
                return
            }
            let frame = Self.frame(feed)
            guard frame != shown else { return }
            if terminal {
                // Home, then each line over the old one: no blank flash between frames.
                Output.write("\u{1B}[H" + frame.map { $0 + "\u{1B}[K\n" }.joined() + "\u{1B}[J")
            } else {
                Output.line(frame.joined(separator: "\n") + (once ? "" : "\n"))
            }
            shown = frame
        }
        try update(context)
        guard !once else { return }
        try DatabaseWatch.follow(context, heartbeatSeconds: Self.heartbeatSeconds, update)
    }

    static func calls(_ list: JSON?) -> [(ticket: String, rep: String)] {
        guard case let .array(items)? = list else { return [] }
        return items.compactMap { item in
            guard let ticket = item["ticket"]?.stringValue, let rep = item["rep"]?.stringValue else { return nil }
            return (ticket, rep)
        }
    }

    /// One screenful: the newest call in large letters, the others, the latest calls, the queue.
    static func frame(_ feed: JSON) -> [String] {
        let texts = Texts()
        func both(_ key: String) -> String { texts.text(key, .zh) + " " + texts.text(key, .en) }
        func list(_ calls: [(ticket: String, rep: String)]) -> String {
            calls.isEmpty ? "—" : calls.map { "\($0.ticket) → \($0.rep)" }.joined(separator: "   ")
        }
        let time = String((feed["generatedAt"]?.stringValue ?? "").dropFirst(11).prefix(5))
        var lines = ["\(feed["site"]?.stringValue ?? "")    \(time)", "", both("boardCalling")]
        let calling = calls(feed["calling"])
        if let first = calling.first {
            var rows = BigText.rows(first.ticket)
            rows[BigText.height / 2] += "    \(first.ticket) → \(first.rep)"
            lines += [""] + rows.map { "  " + $0 } + [""]
        } else {
            lines.append("  —")
        }
        if calling.count > 1 {
            lines.append("\(both("boardAlso")): \(list(Array(calling.dropFirst())))")
        }
        let onScreen = Set(calling.map(\.ticket))
        lines.append("\(both("boardRecent")): \(list(calls(feed["recent"]).filter { !onScreen.contains($0.ticket) }))")
        let p50 = feed["wait"]?["p50"]?.intValue ?? 0, p80 = feed["wait"]?["p80"]?.intValue ?? 0
        lines.append("\(both("boardWaiting")): \(feed["waiting"]?.intValue ?? 0)    "
            + "\(both("boardWait")): \(p50)–\(p80) \(both("minutes"))")
        // Only when the site shows phone duty in public (boardPhoneDuty): the feed carries it then.
        if let duty = feed["phoneDuty"] { lines.append("\(both("boardPhone")): \(duty.stringValue ?? "—")") }
        return lines
    }
}

/// DIR/index.html and DIR/feed.json for a browser on the lobby screen. The page carries the
/// feed it was written with, so it shows the lobby even opened as a file, where it cannot fetch.
struct HTMLBoard {
    let directory: String
    private let template: String
    private let texts: String

    static let textKeys = [
        "boardCalling", "boardAlso", "boardRecent", "boardWaiting", "boardWait", "boardPhone", "minutes",
        "boardOffline", "boardOfflineWhy",
    ]

    init(directory: String) throws(LobbyError) {
        guard let template = Assets.read("board/index.html") else {
            throw .refused("board: cannot find kiosk-assets/board/index.html (set LOBBY_ASSETS to the kiosk-assets folder)")
        }
        if mkdir(directory, 0o755) != 0, errno != EEXIST {
            throw .refused("board: cannot create \(directory): \(String(cString: strerror(errno)))")
        }
        guard access(directory, W_OK | X_OK) == 0 else {
            throw .refused("board: \(directory) is not a directory this user can write to")
        }
        self.directory = directory
        self.template = template
        let words = Texts()
        texts = JSON.object([Texts.Language.zh, .en].map { language in
            (language.rawValue, .object(Self.textKeys.map { ($0, .string(words.text($0, language))) }))
        }).text
    }

    func write(_ feed: JSON) throws(LobbyError) {
        let text = feed.text
        try AtomicFile.write(text + "\n", to: directory + "/feed.json")
        let page = template
            .replacingOccurrences(of: "{{site}}", with: HTML.escape(feed["site"]?.stringValue ?? ""))
            .replacingOccurrences(of: "{{texts}}", with: Self.escapeScript(texts))
            .replacingOccurrences(of: "{{feed}}", with: Self.escapeScript(text))
        try AtomicFile.write(page, to: directory + "/index.html")
    }

    /// JSON inside <script>: no "<", so no "</script>" or "<!--" can end it early.
    static func escapeScript(_ json: String) -> String {
        json.replacingOccurrences(of: "<", with: "\\u003c")
    }
}
