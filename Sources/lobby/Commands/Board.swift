#if canImport(Glibc)
import Glibc
#endif
import LobbyText
import LobbyPlatform
import LobbyPrinting
import LobbyServices

/// The lobby screen: in a terminal, or as a page for a browser on a lobby screen (--html).
struct Board: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "board", abstract: "The lobby display in a terminal, or as a page for a browser (--html), kept current.",
        discussion: """
            With --html, keeps DIR/index.html and DIR/feed.json current instead (each replaced whole, \
            never half-written); the page follows feed.json by itself and shows "离线 Offline" when \
            this process stops. When site.json has "announce": {"command": [...]}, that program is run \
            for each newly called ticket, with {ticket} and {rep} filled in (tickets already called when \
            the board starts are not announced again).
            """,
        options: [once, html, silent])

    static let once = Option.flag("--once", help: "draw (or write) once and exit")
    static let html = Option.text("--html", "DIR", help: "keep a self-refreshing page in DIR for a browser")
    static let silent = Option.flag("--silent", help: "never run the announcement command (a second screen in the same lobby)")

    /// How often the board shows it is alive (feed.json's generatedAt) when nothing changes.
    static let heartbeatSeconds = 5

    let once: Bool
    let html: String?
    let silent: Bool

    init(_ arguments: Arguments) throws(LobbyError) {
        once = arguments.flag(Self.once)
        html = try arguments.value(Self.html)
        silent = arguments.flag(Self.silent)
        if html?.isEmpty == true { throw .usage("board: --html needs a directory") }
    }

    func run(_ context: Context) throws {
        let page = try html.map { directory throws(LobbyError) in try HTMLBoard(directory: directory) }
        let site = try context.site
        var announcer = silent ? nil : site.announce.map { Announcer(command: $0, timeLimitSeconds: site.announceTimeLimitSeconds) }
        let terminal = !once && page == nil && System.isTerminal(1)
        var shown: [String] = []
        func update(_ context: Context) throws {
            let feed = try FeedSnapshot(context)
            announcer?.update(day: try context.dayKey().date, calling: feed.calling.map { ($0.ticket.rawValue, $0.rep.rawValue) })
            if let page {
                try page.write(feed)
                return
            }
            let frame = Self.frame(feed)
            guard frame != shown else { return }
            if terminal {
                // Home, then each line over the old one: no blank flash between frames.
                Output.control("\u{1B}[H")
                for line in frame {
                    Output.write(line)
                    Output.control("\u{1B}[K\n")
                }
                Output.control("\u{1B}[J")
            } else {
                Output.line(frame.joined(separator: "\n") + (once ? "" : "\n"))
            }
            shown = frame
        }
        try update(context)
        guard !once else { return }
        Termination.stopOnSIGTERM()
        try DatabaseWatch.follow(context, heartbeatSeconds: Self.heartbeatSeconds, everyPoll: { announcer?.service() }, update)
    }

    /// One screenful: the newest call in large letters, the others, the latest calls, the queue.
    static func frame(_ feed: FeedSnapshot) -> [String] {
        let texts = Texts.shared
        func both(_ key: String) -> String { texts.text(key, .zh) + " " + texts.text(key, .en) }
        func list(_ calls: [FeedSnapshot.Call]) -> String {
            calls.isEmpty ? "—" : calls.map { "\($0.ticket) → \($0.rep)" }.joined(separator: "   ")
        }
        let time = String(feed.generatedAt.dropFirst(11).prefix(5))
        var lines = ["\(feed.site)    \(time)", "", both("boardCalling")]
        let calling = feed.calling
        if let first = calling.first {
            var rows = BigText.rows(first.ticket.rawValue)
            rows[BigText.height / 2] += "    \(first.ticket) → \(first.rep)"
            lines += [""] + rows.map { "  " + $0 } + [""]
        } else {
            lines.append("  —")
        }
        if calling.count > 1 {
            lines.append("\(both("boardAlso")): \(list(Array(calling.dropFirst())))")
        }
        let onScreen = Set(calling.map(\.ticket))
        lines.append("\(both("boardRecent")): \(list(feed.recent.filter { !onScreen.contains($0.ticket) }))")
        lines.append("\(both("boardWaiting")): \(feed.waiting)    "
            + "\(both("boardWait")): \(WaitWords.bothLanguages(feed.wait, onDuty: feed.onDuty))")
        // Only when the site shows phone duty in public (boardPhoneDuty).
        if feed.publicPhoneDuty { lines.append("\(both("boardPhone")): \(feed.phoneDuty ?? "—")") }
        return lines
    }
}

/// DIR/index.html and DIR/feed.json for a browser on the lobby screen. The page carries the
/// feed it was written with, so it shows the lobby even opened as a file, where it cannot fetch.
struct HTMLBoard {
    let directory: AtomicDirectory
    private let template: String
    private let texts: String

    static let textKeys = [
        "boardCalling", "boardAlso", "boardRecent", "boardWaiting", "boardWait", "boardPhone", "minutes",
        "boardOffline", "boardOfflineWhy", "waitNow", "waitNobody",
    ]

    init(directory: String) throws(LobbyError) {
        guard let template = Assets.read("board/index.html") else {
            throw .refused("board: cannot find kiosk-assets/board/index.html (set LOBBY_ASSETS to the kiosk-assets folder)")
        }
        do {
            self.directory = try AtomicDirectory(FilePath(directory))
        } catch {
            throw .refused("board: \(error)")
        }
        self.template = template
        let words = Texts.shared
        texts = JSON.object([Texts.Language.zh, .en].map { language in
            (language.rawValue, .object(Self.textKeys.map { ($0, .string(words.text($0, language))) }))
        }).text
    }

    func write(_ feed: FeedSnapshot) throws(LobbyError) {
        let text = feed.json.text
        do throws(AtomicDirectory.Failure) {
            try directory.replace("feed.json", with: text + "\n")
            let page = template
                .replacingOccurrences(of: "{{site}}", with: HTML.escape(feed.site))
                .replacingOccurrences(of: "{{texts}}", with: Self.escapeScript(texts))
                .replacingOccurrences(of: "{{feed}}", with: Self.escapeScript(text))
            try directory.replace("index.html", with: page)
        } catch {
            throw .refused("board: \(error)")
        }
    }

    /// JSON inside <script>: no "<", so no "</script>" or "<!--" can end it early.
    static func escapeScript(_ json: String) -> String {
        json.replacingOccurrences(of: "<", with: "\\u003c")
    }
}
