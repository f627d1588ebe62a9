import LobbyText
import LobbyPlatform
import LobbyPrinting
import LobbyServices

struct Help: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "help", abstract: "Explain a command.", arguments: [topicArgument])

    static let topicArgument = Argument("COMMAND", help: "the command to explain", optional: true)

    let topic: String?

    init(_ arguments: Arguments) throws(LobbyError) {
        topic = arguments.argument(Self.topicArgument)
    }

    func run(_ context: Context) throws {
        guard let topic else { return Output.line(Help.overview()) }
        guard let command = Lobby.commands.first(where: { $0.configuration.name == topic }) else {
            throw Help.unknownCommand(topic)
        }
        Output.line(Help.page(command))
    }

    static func overview() -> String {
        let width = Lobby.commands.map { $0.configuration.name.count }.max() ?? 0
        var lines = [
            "lobby — check-in kiosk, reception rotation and lobby display for a sales center",
            "",
            "Usage: lobby COMMAND [ARGUMENTS] [--db PATH] [--as NAME]",
            "",
            "Commands:",
        ]
        for command in Lobby.commands {
            let c = command.configuration
            lines.append("  " + c.name + String(repeating: " ", count: width - c.name.count + 2) + c.abstract)
        }
        lines += [
            "",
            "Environment: LOBBY_DB (database file), LOBBY_NOW (the time, ISO 8601 with offset; only on",
            "a simulated site, one created with it set), LOBBY_ACTOR (staff name), LOBBY_PIN (that",
            "staff member's PIN), LOBBY_NEW_PIN.",
            "Exit codes: 0 done, 1 refused, 2 usage error, 3 database problem, 4 not found.",
            "See 'lobby help COMMAND' or 'lobby COMMAND --help'.",
        ]
        return lines.joined(separator: "\n")
    }

    static func page(_ command: any LobbyCommand.Type) -> String {
        let c = command.configuration
        var lines = ["lobby \(c.name) — \(c.abstract)", "", "Usage: \(c.usage)"]
        if !c.discussion.isEmpty {
            // A paragraph written as one long line is wrapped for an 80-to-100-column terminal;
            // shorter lines are kept as written (lists, examples).
            lines.append("")
            for line in c.discussion.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
                lines += DisplayWidth.of(line) > 92 ? Columns.wrap(line, columns: 92) : [line]
            }
        }
        let arguments = c.arguments.compactMap { argument in argument.help.map { (title: argument.name, help: $0) } }
        let options = (c.options + GlobalOptions.all).map { (title: $0.title, help: $0.help) } + [GlobalOptions.helpLine]
        let width = (arguments + options).map(\.title.count).max() ?? 0
        func rows(_ list: [(title: String, help: String)]) -> [String] {
            list.map { "  " + $0.title + String(repeating: " ", count: width - $0.title.count + 2) + $0.help }
        }
        if !arguments.isEmpty { lines += ["", "Arguments:"] + rows(arguments) }
        lines += ["", "Options:"] + rows(options)
        return lines.joined(separator: "\n")
    }

    /// The unknown-command message in the staff's language (exit 2).
    static func unknownCommand(_ name: String) -> LobbyError {
        let near = nearest(name)
        return .usage(near == nil ? "usage.unknownCommand" : "usage.unknownCommandNear",
                      ["command": TerminalText.value(name), "near": near ?? ""], unknown(name))
    }

    static func nearest(_ name: String) -> String? {
        var nearest: (name: String, distance: Int)?
        for command in Lobby.commands {
            let candidate = command.configuration.name
            let d = distance(name, candidate)
            if d < nearest?.distance ?? Int.max { nearest = (candidate, d) }
        }
        guard let nearest, nearest.distance <= max(2, name.count / 2) else { return nil }
        return nearest.name
    }

    static func unknown(_ name: String) -> String {
        var nearest: (name: String, distance: Int)?
        for command in Lobby.commands {
            let candidate = command.configuration.name
            let d = distance(name, candidate)
            if d < nearest?.distance ?? Int.max { nearest = (candidate, d) }
        }
        var message = "unknown command '\(TerminalText.value(name))'"
        if let nearest, nearest.distance <= max(2, name.count / 2) {
            message += "; did you mean '\(nearest.name)'?"
        }
        return message + " (see lobby --help)"
    }

    /// Edit distance, counting a swap of neighbours as one edit ("stauts" → "status").
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
