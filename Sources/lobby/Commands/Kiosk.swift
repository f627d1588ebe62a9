import LobbyCore

/// The visitor's check-in terminal, line by line, so it works on a terminal and piped.
struct Kiosk: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "kiosk", abstract: "The check-in terminal for visitors (line mode; works piped).",
        usage: "lobby kiosk [--lang zh|en] [--printer PATH]",
        discussion: "Serves one visitor after another until standard input ends. Type en or 中文 at any prompt to switch language.",
        options: [
            OptionHelp(name: "--lang zh|en", help: "the language to greet in (default zh)"),
            OptionHelp(name: "--printer PATH", help: "the receipt printer's device file (default site.json printer.device)"),
        ])

    let language: Texts.Language
    let printer: String?

    init(_ arguments: inout Arguments) throws(LobbyError) {
        let lang = try arguments.option("--lang") ?? "zh"
        guard let language = Texts.Language(rawValue: lang) else { throw .invalid("lang", "'\(lang)' is not zh or en") }
        self.language = language
        printer = try arguments.option("--printer")
    }

    func run(_ context: Context) throws {
        var dialogue = KioskDialogue(context: context, language: language)
        dialogue.printer = TicketPrinter.forKiosk(path: printer, site: try context.site)
        while try dialogue.serveOneVisitor() {}
    }
}

/// One visitor's questions and answers. EOF ends the session and leaves no ticket behind.
struct KioskDialogue {
    let context: Context
    /// The language each visitor is greeted in; a visitor's own switch lasts for their dialogue.
    let greeting: Texts.Language
    var language: Texts.Language
    let texts = Texts()
    var printer: TicketPrinter?

    private struct EndOfInput: Error {}

    init(context: Context, language: Texts.Language) {
        self.context = context
        self.greeting = language
        self.language = language
    }

    /// Returns false when input has ended.
    mutating func serveOneVisitor() throws -> Bool {
        context.refreshClock()
        language = greeting
        let site = try context.site
        say(texts.text("welcome", language, ["site": site.name]))
        do {
            var request = CheckinRequest()
            request.purpose = try ask("purpose", required: true) { answer, _ in
                switch answer.lowercased() {
                case "1", "buy", "买房", "购房": return .success(.buy)
                case "2", "rent", "租房": return .success(.rent)
                case "3", "other", "其他": return .success(.other)
                default: return .failure("badPurpose")
                }
            } ?? .buy
            let roster = try context.today().day.reps.map(\.name)
            if request.purpose != .other, !roster.isEmpty {
                say(texts.text("reps", language) + " " + roster.enumerated().map { "\($0 + 1) \($1)" }.joined(separator: "  "))
                request.rep = try ask("visited") { answer, _ in
                    if let n = Int(answer), roster.indices.contains(n - 1) { return .success(roster[n - 1]) }
                    if roster.contains(answer) { return .success(answer) }
                    return .failure("badRep")
                }
            }
            request.party = try ask("party") { answer, _ in
                CheckinService.Check.party(answer).mapError { .reason($0.description) }
            } ?? 1
            let days = String(site.retentionDays)
            request.consent = try ask("consent", ["days": days]) { answer, texts in
                switch answer.lowercased() {
                case "y", "yes", "是", "1", texts.text("yes", .zh), texts.text("yes", .en): return .success(true)
                case "n", "no", "否", "0", texts.text("no", .zh), texts.text("no", .en): return .success(false)
                default: return .failure("badYesNo")
                }
            } ?? false
            if request.consent {
                request.name = try ask("name") { answer, _ in CheckinService.Check.text("name", answer, limit: 40).mapError { .reason($0.description) } }
                request.phone = try ask("phone") { answer, _ in CheckinService.Check.phone(answer).mapError { .reason($0.description) } }
                request.project = try ask("project") { answer, _ in CheckinService.Check.text("project", answer, limit: 100).mapError { .reason($0.description) } }
                request.budget = try ask("budget") { answer, _ in CheckinService.Check.text("budget", answer, limit: 100).mapError { .reason($0.description) } }
                request.source = try ask("source") { answer, _ in CheckinService.Check.text("source", answer, limit: 100).mapError { .reason($0.description) } }
            }
            let ticket = try CheckinService.issue(request, context: context)
            say(try TicketPrinter.show(ticket, printer: printer, texts: texts, language: language, context: context))
            return true
        } catch is EndOfInput {
            say(texts.text("bye", language))
            return false
        }
    }

    enum Problem: Error {
        case key(String)
        case reason(String)
    }

    /// Asks until a valid answer, an empty answer (skip, unless required) or three failures.
    private mutating func ask<T>(
        _ key: String, _ values: [String: String] = [:], required: Bool = false,
        _ parse: (String, Texts) -> Result<T, Problem>
    ) throws -> T? {
        var failures = 0
        while true {
            say(texts.text(key, language, values))
            guard let raw = readLine(strippingNewline: true) else { throw EndOfInput() }
            // Very long lines and invalid bytes are cut down before anything looks at them.
            let answer = String(raw.prefix(300)).trimmingSpaces
            if answer.lowercased() == "en" { language = .en; continue }
            if answer == "中文" || answer.lowercased() == "zh" { language = .zh; continue }
            if answer.isEmpty && !required { return nil }
            switch parse(answer, texts) {
            case let .success(value): return value
            case let .failure(problem):
                failures += 1
                if failures >= 3 {
                    say(texts.text("skipped", language))
                    return nil
                }
                let reason: String
                switch problem {
                case let .key(k): reason = texts.text(k, language)
                case let .reason(text): reason = text
                }
                say(texts.text("retry", language, ["reason": reason]))
            }
        }
    }

    private func say(_ text: String) {
        Output.line(text)
        Output.flush()
    }
}

extension Result where Failure == KioskDialogue.Problem {
    static func failure(_ key: String) -> Result { .failure(.key(key)) }
}
