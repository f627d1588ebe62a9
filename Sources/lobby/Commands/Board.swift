/// The lobby screen in a terminal: who is called, how many wait, how long.
struct Board: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "board", abstract: "The lobby display in a terminal, redrawn when the lobby changes.",
        usage: "lobby board [--once]",
        options: [OptionHelp(name: "--once", help: "draw once and exit")])

    let once: Bool

    init(_ arguments: inout Arguments) throws(LobbyError) {
        once = arguments.flag("--once")
    }

    func run(_ context: Context) throws {
        try draw(context)
        guard !once else { return }
        try DatabaseWatch.follow(context, heartbeatSeconds: 30) { try draw($0) }
    }

    private func draw(_ context: Context) throws {
        let feed = try Feed.snapshot(context)
        let texts = Texts()
        func both(_ key: String) -> String { texts.text(key, .zh) + " " + texts.text(key, .en) }
        var lines: [String] = []
        if !once { lines.append("\u{1B}[H\u{1B}[2J") }
        lines.append(both("boardCalling"))
        if case let .array(calls)? = feed["calling"], !calls.isEmpty {
            for call in calls.prefix(5) {
                lines.append("  \(call["ticket"]?.stringValue ?? "")  →  \(call["rep"]?.stringValue ?? "")")
            }
        } else {
            lines.append("  —")
        }
        let waiting = feed["waiting"]?.intValue ?? 0
        let p50 = feed["wait"]?["p50"]?.intValue ?? 0, p80 = feed["wait"]?["p80"]?.intValue ?? 0
        lines.append("\(both("boardWaiting")): \(waiting)   \(both("boardWait")): \(p50)–\(p80) \(texts.text("minutes", .zh))")
        lines.append("\(both("boardPhone")): \(feed["phoneDuty"]?.stringValue ?? "—")")
        Output.line(lines.joined(separator: "\n"))
    }
}
