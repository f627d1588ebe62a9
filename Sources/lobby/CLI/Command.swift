import LobbyCore
import LobbyText
import LobbyPlatform
import LobbyPrinting
import LobbyServices

/// The shape of every subcommand, after swift-argument-parser: a type with its name, its
/// one-line abstract, its help and its options declared once beside it; parsing yields a
/// value; `run` delegates.
protocol LobbyCommand: SendableMetatype {
    static var configuration: CommandConfiguration { get }
    init(_ arguments: Arguments) throws(LobbyError)
    func run(_ context: Context) throws
    /// What the rules call this command when staff run it, so that who may run it (R6) is
    /// decided in the core; nil for a command anyone may run.
    func staffAction(_ context: Context) throws -> StaffAction?
}

extension LobbyCommand {
    func staffAction(_ context: Context) throws -> StaffAction? { nil }
}

extension Context {
    /// Refuses unless the actor may do what `command` does: a supervisor's PIN for a supervisor
    /// action (R6), the actor's own for any other staff action.
    func require(_ command: some LobbyCommand) throws {
        guard let action = try command.staffAction(self) else { return }
        try require(action, as: type(of: command).configuration.name)
    }

    func require(_ action: StaffAction, as name: String) throws {
        if action.needsSupervisor {
            try requireSupervisor(for: name)
        } else {
            try requireStaff(for: name)
        }
    }
}

/// A command's name, help and the forms its command line takes. The parser, the help page and
/// the usage line are all made from these declarations, so they cannot drift apart.
struct CommandConfiguration: Sendable {
    var name: String
    var abstract: String
    var discussion: String = ""
    var forms: [Form]

    /// A command with one form.
    init(name: String, abstract: String, discussion: String = "", arguments: [Argument] = [], options: [any OptionDeclaration] = []) {
        self.init(name: name, abstract: abstract, discussion: discussion, forms: [Form(arguments: arguments, options: options)])
    }

    /// A command whose first word chooses what it does (`rep add`, `kiosk pause`).
    init(name: String, abstract: String, discussion: String = "", forms: [Form]) {
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        self.forms = forms
    }

    var usage: String {
        forms.map { $0.usage(name) }.joined(separator: " · ")
    }

    /// Every option of every form, each once, in the order declared.
    var options: [any OptionDeclaration] {
        var seen = Set<String>()
        return forms.flatMap(\.options).filter { seen.insert($0.name).inserted }
    }

    var arguments: [Argument] {
        var seen = Set<String>()
        return forms.flatMap(\.arguments).filter { seen.insert($0.name).inserted }
    }
}

/// One way of calling a command: its first word (nil for the command alone), its positional
/// arguments and its options.
struct Form: Sendable {
    var word: String?
    var arguments: [Argument] = []
    var options: [any OptionDeclaration] = []

    func usage(_ command: String) -> String {
        var parts = ["lobby", command]
        if let word { parts.append(word) }
        parts += arguments.map(\.usage)
        parts += options.map(\.usage)
        return parts.joined(separator: " ")
    }
}

/// A positional argument: TICKET, NAME…, on|off.
struct Argument: Sendable {
    var name: String
    var help: String?
    var optional = false
    /// Takes every remaining word (roster NAME…).
    var repeating = false
    /// The only words it accepts, when it is one of a few.
    var choices: [String]?

    init(_ name: String, help: String? = nil, optional: Bool = false, repeating: Bool = false, choices: [String]? = nil) {
        self.name = name
        self.help = help
        self.optional = optional
        self.repeating = repeating
        self.choices = choices
    }

    var usage: String {
        let shown = name + (repeating ? "…" : "")
        return optional ? "[\(shown)]" : shown
    }

    static let ticket = Argument("TICKET", help: "a ticket number or the text of its QR code")
    static let rep = Argument("NAME", help: "a rep on the staff list")
}

/// Why a value is not accepted; completes "--option 'value': …".
struct BadValue: Error {
    let reason: String
    /// Its text in kiosk-assets/texts.json (`usage.KEY`), with values, for the desk's language.
    var key: String = "badValue"
    var values: [String: String] = [:]
}

/// What the parser and the help page need of an option, whatever its value's type.
protocol OptionDeclaration: Sendable {
    var name: String { get }
    /// The value's placeholder (NAME, yes|no); nil for a flag, which takes no value.
    var placeholder: String? { get }
    var help: String { get }
    var required: Bool { get }
    func check(_ text: String) -> BadValue?
}

extension OptionDeclaration {
    var usage: String {
        let shown = name + (placeholder.map { " " + $0 } ?? "")
        return required ? shown : "[\(shown)]"
    }

    /// "--lang zh|en", as the help page lists it.
    var title: String { name + (placeholder.map { " " + $0 } ?? "") }
}

/// One option, declared once: its name, the placeholder of its value, the kind of value it
/// takes (made by one of the constructors below) and its help text.
struct Option<Value>: OptionDeclaration {
    let name: String
    let placeholder: String?
    let help: String
    var required = false
    let parse: @Sendable (String) -> Result<Value, BadValue>

    func check(_ text: String) -> BadValue? {
        if case let .failure(bad) = parse(text) { return bad }
        return nil
    }

    /// The same option, refused as a usage error when it is not given.
    func isRequired() -> Option {
        var copy = self
        copy.required = true
        return copy
    }
}

extension Option where Value == Bool {
    /// Present or not; takes no value.
    static func flag(_ name: String, help: String) -> Option {
        Option(name: name, placeholder: nil, help: help) { _ in .success(true) }
    }

    static func yesNo(_ name: String, help: String) -> Option {
        Option(name: name, placeholder: "yes|no", help: help) { text in
            switch text.lowercased() {
            case "yes", "y", "true", "1": return .success(true)
            case "no", "n", "false", "0": return .success(false)
            default: return .failure(BadValue(reason: "not yes or no", key: "notYesNo"))
            }
        }
    }
}

extension Option where Value == String {
    /// Any text.
    static func text(_ name: String, _ placeholder: String, help: String) -> Option {
        Option(name: name, placeholder: placeholder, help: help) { .success($0) }
    }

    /// A calendar date, YYYY-MM-DD.
    static func date(_ name: String, help: String) -> Option {
        Option(name: name, placeholder: "YYYY-MM-DD", help: help) { text in
            CivilTime.parseDate(text) == nil ? .failure(BadValue(reason: "not a date like 2026-11-22", key: "notDate")) : .success(text)
        }
    }

    /// One of a few words.
    static func oneOf(_ name: String, _ choices: [String], help: String) -> Option {
        Option(name: name, placeholder: choices.joined(separator: "|"), help: help) { text in
            choices.contains(text.lowercased())
                ? .success(text.lowercased()) : .failure(BadValue(reason: "not one of " + choices.joined(separator: "|"), key: "notChoice",
                                     values: ["choices": choices.joined(separator: "|")]))
        }
    }
}

extension Option where Value == RepName {
    /// A rep's name, as the roster spells it (whether the rep exists is the command's check).
    static func rep(_ name: String, help: String) -> Option {
        Option(name: name, placeholder: "NAME", help: help) { .success(RepName($0)) }
    }
}

extension Option where Value == Int {
    static func wholeNumber(_ name: String, _ placeholder: String, in range: ClosedRange<Int>, help: String) -> Option {
        Option(name: name, placeholder: placeholder, help: help) { text in
            guard let value = Int(text), range.contains(value) else {
                return .failure(BadValue(reason: "not a whole number from \(range.lowerBound) to \(range.upperBound)", key: "notNumber",
                                              values: ["from": String(range.lowerBound), "to": String(range.upperBound)]))
            }
            return .success(value)
        }
    }
}

extension Option where Value: CaseIterable & RawRepresentable & Sendable, Value.RawValue == String {
    /// One of an enumeration's spellings.
    static func choice(_ name: String, help: String) -> Option {
        let choices = Value.allCases.map(\.rawValue).joined(separator: "|")
        return Option(name: name, placeholder: choices, help: help) { text in
            Value(rawValue: text.lowercased()).map { .success($0) } ?? .failure(BadValue(reason: "not one of " + choices, key: "notChoice", values: ["choices": choices]))
        }
    }
}

extension Option {
    /// A value read by one of the kiosk's field checks, refused with the kiosk's own reason, so
    /// that a script is told what a visitor would be.
    static func checked(
        _ name: String, _ placeholder: String, help: String, _ check: @escaping @Sendable (String) -> Result<Value, FieldProblem>
    ) -> Option {
        Option(name: name, placeholder: placeholder, help: help) { text in
            check(text).mapError { BadValue(reason: $0.text(Texts.shared, .en), key: "field", values: ["field": $0.text(Texts.shared, StaffLanguage.spoken)]) }
        }
    }
}

/// Options every command takes, handled before the command sees its arguments.
enum GlobalOptions {
    static let database = Option.text("--db", "PATH", help: "the database file (default $LOBBY_DB, else ./lobby.sqlite)")
    static let site = Option.text("--site", "FILE", help: "lobby init only: the new site's settings (default $LOBBY_SITE)")
    static let actor = Option.text("--as", "NAME", help: "the staff member acting (default $LOBBY_ACTOR, else the OS user)")
    static let all: [any OptionDeclaration] = [database, site, actor]
    /// Shown on every help page; --help itself is answered before parsing.
    static let helpLine = (title: "-h, --help", help: "show this help")
}

/// A command line parsed against its command's declarations: every option known and its value
/// of the declared kind, the form chosen, the positional arguments counted. Anything else is a
/// usage error (exit 2), so a mistyped option never passes silently.
struct Arguments {
    let command: String
    let form: Form
    private var values: [String: String] = [:]
    private var positionals: [String] = []

    init(_ words: [String], configuration: CommandConfiguration) throws(LobbyError) {
        let command = configuration.name
        self.command = command
        let declared = configuration.options + GlobalOptions.all
        var values: [String: String] = [:]
        var positionals: [String] = []
        var index = 0
        var literal = false
        while index < words.count {
            let word = words[index]
            index += 1
            if literal || !word.hasPrefix("--") {
                positionals.append(word)
                continue
            }
            if word == "--" {
                literal = true
                continue
            }
            let name = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
            guard let option = declared.first(where: { $0.name == name }) else {
                throw .usage("usage.unknownOption", ["command": command, "option": Self.shown(name)],
                             "\(command): unknown option \(Self.shown(name)) (see lobby \(command) --help)")
            }
            let given: String?
            if word.count > name.count {
                given = String(word.dropFirst(name.count + 1))
            } else if option.placeholder != nil {
                guard index < words.count else { throw .usage("usage.needsValue", ["command": command, "option": name], "\(command): \(name) needs a value") }
                given = words[index]
                index += 1
            } else {
                given = nil
            }
            if option.placeholder == nil {
                if given != nil { throw .usage("usage.takesNoValue", ["command": command, "option": name], "\(command): \(name) takes no value") }
                values[name] = ""
                continue
            }
            let text = given ?? ""
            if let bad = option.check(text) { throw Self.bad(command, name, text, bad) }
            // The last one given wins.
            values[name] = text
        }

        // The first word chooses the form, when the command has several.
        var chosen = configuration.forms[0]
        if configuration.forms.count > 1 || chosen.word != nil {
            let words = configuration.forms.compactMap(\.word)
            let fallback = configuration.forms.first { $0.word == nil }
            if let first = positionals.first, let form = configuration.forms.first(where: { $0.word == first }) {
                chosen = form
                positionals.removeFirst()
            } else if let fallback, positionals.isEmpty || !fallback.arguments.isEmpty {
                chosen = fallback
            } else if let first = positionals.first {
                throw Self.bad(command, nil, first, BadValue(reason: "not one of " + words.joined(separator: "|"), key: "notChoice",
                                                             values: ["choices": words.joined(separator: "|")]))
            } else {
                throw .usage("usage.missing", ["command": command, "what": words.joined(separator: "|")],
                             "\(command): missing \(words.joined(separator: "|"))")
            }
        }
        for name in values.keys.sorted() where !(chosen.options + GlobalOptions.all).contains(where: { $0.name == name }) {
            let owners = configuration.forms.filter { $0.options.contains { $0.name == name } }
                .map { "lobby \(command)" + ($0.word.map { " " + $0 } ?? "") }
            throw .usage("usage.goesWith", ["command": command, "option": name, "owners": owners.joined(separator: ", ")],
                         "\(command): \(name) goes with: \(owners.joined(separator: ", "))")
        }
        for option in chosen.options where option.required && values[option.name] == nil {
            throw .usage("usage.required", ["command": command, "option": option.title], "\(command): \(option.title) is required")
        }

        var remaining = positionals[...]
        for argument in chosen.arguments {
            guard !remaining.isEmpty else {
                if argument.optional { break }
                throw .usage("usage.missing", ["command": command, "what": argument.name], "\(command): missing \(argument.name)")
            }
            let taken = argument.repeating ? Array(remaining) : [remaining.removeFirst()]
            if argument.repeating { remaining = [] }
            if let choices = argument.choices {
                for word in taken where !choices.contains(word) {
                    throw Self.bad(command, nil, word, BadValue(reason: "not one of " + choices.joined(separator: "|"), key: "notChoice",
                                                                values: ["choices": choices.joined(separator: "|")]))
                }
            }
        }
        if let extra = remaining.first {
            throw .usage("usage.unexpected", ["command": command, "word": Self.shown(extra)],
                         "\(command): unexpected argument '\(Self.shown(extra))' (see lobby \(command) --help)")
        }
        form = chosen
        self.values = values
        self.positionals = positionals
    }

    /// The one message for a value an option or argument does not take (exit 2).
    static func bad(_ command: String, _ option: String?, _ text: String, _ bad: BadValue) -> LobbyError {
        let english = "\(command): " + (option.map { $0 + " " } ?? "") + "'\(shown(text))': \(bad.reason)"
        let values = bad.values.merging(["command": command, "option": option.map { $0 + " " } ?? "", "value": shown(text)]) { a, _ in a }
        return .said(StaffMessage(.usage, "usage.badValueGiven", values, terms: ["reason": "usage." + bad.key], english: english))
    }

    /// A value as a message repeats it: short, on one line.
    private static func shown(_ text: String) -> String {
        TerminalText.value(text)
    }

    /// Whether a flag was given.
    func flag(_ option: Option<Bool>) -> Bool {
        values[option.name] != nil
    }

    /// The value of an option, of its declared type; nil when it was not given.
    func value<Value>(_ option: Option<Value>) throws(LobbyError) -> Value? {
        guard let text = values[option.name] else { return nil }
        switch option.parse(text) {
        case let .success(value): return value
        case let .failure(bad): throw Self.bad(command, option.name, text, bad)
        }
    }

    /// A required option's value (the parser has refused its absence already).
    func required<Value>(_ option: Option<Value>) throws(LobbyError) -> Value {
        guard let value = try value(option) else { throw .usage("\(command): \(option.title) is required") }
        return value
    }

    /// The words given for `argument` of the chosen form: one, or all the rest for a repeating one.
    func words(_ argument: Argument) -> [String] {
        guard let position = form.arguments.firstIndex(where: { $0.name == argument.name }),
            position < positionals.count
        else { return [] }
        return form.arguments[position].repeating ? Array(positionals[position...]) : [positionals[position]]
    }

    func argument(_ argument: Argument) -> String? {
        words(argument).first
    }

    /// A required argument's word (the parser has refused its absence already).
    func required(_ argument: Argument) throws(LobbyError) -> String {
        guard let word = words(argument).first else { throw .usage("\(command): missing \(argument.name)") }
        return word
    }

    /// A required argument that names a rep.
    func rep(_ argument: Argument) throws(LobbyError) -> RepName { RepName(try required(argument)) }

    /// A repeating argument's names of reps (roster NAME…).
    func reps(_ argument: Argument) -> [RepName] { words(argument).map { RepName($0) } }
}
