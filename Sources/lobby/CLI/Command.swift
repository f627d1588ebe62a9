/// The shape of every subcommand, after swift-argument-parser: a type with its name, its
/// one-line abstract and its help beside it; parsing yields a value; `run` delegates.
protocol LobbyCommand {
    static var configuration: CommandConfiguration { get }
    init(_ arguments: inout Arguments) throws(LobbyError)
    func run(_ context: Context) throws
}

struct CommandConfiguration {
    var name: String
    var abstract: String
    var usage: String
    var discussion: String = ""
    var options: [OptionHelp] = []
}

struct OptionHelp {
    var name: String
    var help: String
}

/// Options every command takes, handled before the command sees its arguments.
let globalOptions = [
    OptionHelp(name: "--db PATH", help: "the database file (default $LOBBY_DB, else ./lobby.sqlite)"),
    OptionHelp(name: "--site FILE", help: "lobby init only: the new site's settings (default $LOBBY_SITE)"),
    OptionHelp(name: "--as NAME", help: "the staff member acting (default $LOBBY_ACTOR, else the OS user)"),
    OptionHelp(name: "-h, --help", help: "show this help"),
]

/// The words after the subcommand, consumed by the command's initializer. Whatever is left at
/// the end is a usage error, so a mistyped option never passes silently.
struct Arguments {
    private(set) var words: [String]
    let command: String

    init(_ words: [String], command: String) {
        self.words = words
        self.command = command
    }

    /// `--name VALUE` or `--name=VALUE`; the last one wins.
    mutating func option(_ name: String) throws(LobbyError) -> String? {
        var value: String?
        var index = 0
        while index < words.count {
            let word = words[index]
            if word == name {
                guard index + 1 < words.count else { throw .usage("\(command): \(name) needs a value") }
                value = words[index + 1]
                words.removeSubrange(index...index + 1)
            } else if word.hasPrefix(name + "=") {
                value = String(word.dropFirst(name.count + 1))
                words.remove(at: index)
            } else if word == "--" {
                break
            } else {
                index += 1
            }
        }
        return value
    }

    mutating func flag(_ name: String) -> Bool {
        let before = words.count
        words.removeAll { $0 == name }
        return words.count != before
    }

    mutating func int(_ name: String, in range: ClosedRange<Int>) throws(LobbyError) -> Int? {
        guard let text = try option(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw .invalid(String(name.dropFirst(2)), "'\(text)' is not a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// One of a fixed set of values, refused (exit 1) with the choices named otherwise.
    mutating func choice<T: RawRepresentable>(_ name: String, _ type: T.Type) throws(LobbyError) -> T?
    where T.RawValue == String, T: CaseIterable {
        guard let text = try option(name) else { return nil }
        guard let value = T(rawValue: text.lowercased()) else {
            let choices = T.allCases.map(\.rawValue).joined(separator: "|")
            throw .invalid(String(name.dropFirst(2)), "'\(text)' is not one of \(choices)")
        }
        return value
    }

    mutating func yesNo(_ name: String) throws(LobbyError) -> Bool? {
        guard let text = try option(name) else { return nil }
        switch text.lowercased() {
        case "yes", "y", "true", "1": return true
        case "no", "n", "false", "0": return false
        default: throw .invalid(String(name.dropFirst(2)), "'\(text)' is not yes or no")
        }
    }

    /// The next positional argument.
    mutating func positional(_ what: String, required: Bool = true) throws(LobbyError) -> String? {
        guard let index = words.firstIndex(where: { !$0.hasPrefix("--") || $0 == "--" }) else {
            if required { throw .usage("\(command): missing \(what)") }
            return nil
        }
        if words[index] == "--" {
            words.remove(at: index)
            return try positional(what, required: required)
        }
        return words.remove(at: index)
    }

    mutating func remainingPositionals() -> [String] {
        let rest = words.filter { !$0.hasPrefix("--") }
        words.removeAll { !$0.hasPrefix("--") }
        return rest
    }

    /// Called last: anything left over is a mistake.
    func finish() throws(LobbyError) {
        if let extra = words.first {
            if extra.hasPrefix("-") { throw .usage("\(command): unknown option \(extra) (see lobby \(command) --help)") }
            throw .usage("\(command): unexpected argument '\(extra)' (see lobby \(command) --help)")
        }
    }
}
