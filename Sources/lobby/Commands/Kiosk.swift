import LobbyCore

/// The visitor's check-in terminal, line by line, so it works on a terminal and piped; and the
/// supervisor's switch that pauses it.
struct Kiosk: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "kiosk", abstract: "The check-in terminal for visitors (line mode; works piped); pause and resume it.",
        usage: "lobby kiosk [--lang zh|en] [--printer PATH] | lobby kiosk pause [--why TEXT] | lobby kiosk resume",
        discussion: """
            Serves one visitor after another until standard input ends. Type en or 中文 at any prompt
            to switch language; an empty answer skips a question. A visitor who stops answering is
            forgotten after the site's kioskIdleSeconds. While check-in is paused or outside the
            site's checkinHours the kiosk says so and issues nothing, and lobby checkin refuses.
            pause and resume are supervisor actions.
            """,
        options: [
            OptionHelp(name: "--lang zh|en", help: "the language to greet in (default zh)"),
            OptionHelp(name: "--printer PATH", help: "the receipt printer's device file (default site.json printer.device)"),
            OptionHelp(name: "--why TEXT", help: "pause: the reason, shown to visitors and recorded"),
        ])

    enum Mode {
        case serve(Texts.Language, printer: String?)
        case pause(why: String?)
        case resume
    }

    let mode: Mode

    init(_ arguments: inout Arguments) throws(LobbyError) {
        let lang = try arguments.option("--lang")
        let why = try arguments.option("--why")
        let printer = try arguments.option("--printer")
        switch try arguments.positional("pause|resume", required: false) {
        case nil:
            guard let language = Texts.Language(rawValue: lang ?? "zh") else { throw .invalid("lang", "'\(lang ?? "")' is not zh or en") }
            guard why == nil else { throw .usage("kiosk: --why goes with pause") }
            mode = .serve(language, printer: printer)
        case "pause":
            guard lang == nil, printer == nil else { throw .usage("kiosk: --lang and --printer go with the dialogue, not pause") }
            if let why { _ = try CheckinService.Check.text("why", why, limit: Limits.text).mapError(\.error).get() }
            mode = .pause(why: why?.trimmingSpaces.isEmpty == false ? why?.trimmingSpaces : nil)
        case "resume":
            guard lang == nil, why == nil, printer == nil else { throw .usage("kiosk: resume takes no options") }
            mode = .resume
        case let other:
            throw .usage("kiosk: '\(other ?? "")' is not pause or resume")
        }
    }

    func run(_ context: Context) throws {
        switch mode {
        case let .serve(language, printer):
            var dialogue = KioskDialogue(context: context, language: language)
            dialogue.printer = TicketPrinter.forKiosk(path: printer, site: try context.site)
            while try dialogue.serveOneVisitor() {}
        case let .pause(why):
            try context.requireSupervisor(for: "kiosk pause")
            let key = try context.dayKey()
            let value = JSON.object([
                ("why", why.map(JSON.string) ?? .null), ("by", .string(context.actor)),
                ("at", .string(context.iso8601(context.now, key: key))),
            ])
            try context.write(key) { store in
                try store.setSiteValue(CheckinService.pauseKey, value.text)
                try store.appendNote(.kioskPause, key: key, at: context.now, actor: context.actor, why: why, clock: context.clock)
            }
            Output.line("Check-in paused: the kiosk and lobby checkin issue no tickets until: lobby kiosk resume")
        case .resume:
            try context.requireSupervisor(for: "kiosk resume")
            let key = try context.dayKey()
            let paused = try context.write(key) { store in
                guard let value = try store.siteValue(CheckinService.pauseKey), !value.isEmpty else { return false }
                try store.setSiteValue(CheckinService.pauseKey, "")
                try store.appendNote(.kioskResume, key: key, at: context.now, actor: context.actor, clock: context.clock)
                return true
            }
            Output.line(paused ? "Check-in resumed." : "Check-in was not paused.")
        }
    }
}

/// One visitor's questions and answers. Nothing is stored until the last answer: EOF, an idle
/// visitor or a closed kiosk leave no ticket and no customer behind.
struct KioskDialogue {
    let context: Context
    /// The language each visitor is greeted in; a visitor's own switch lasts for their dialogue.
    let greeting: Texts.Language
    var language: Texts.Language
    let texts = Texts()
    var printer: TicketPrinter?
    private var input = LineInput()
    /// Whether this visitor has typed anything: only then does waiting mean they walked away.
    private var started = false
    /// The site's kioskIdleSeconds.
    private var idleSeconds = 90

    private enum Interrupt: Error {
        case end
        case idle
        case closed
    }

    /// How often a kiosk nobody uses looks again whether check-in was paused or closed.
    private static let recheckSeconds = 30

    init(context: Context, language: Texts.Language) {
        self.context = context
        self.greeting = language
        self.language = language
    }

    /// Returns false when input has ended.
    mutating func serveOneVisitor() throws -> Bool {
        context.refreshClock()
        started = false
        // Tells a visitor who has just answered, in their language, why no ticket came; then greets
        // the next one in the kiosk's.
        guard try waitUntilOpen() else {
            say(texts.text("bye", language))
            return false
        }
        let site = try context.site
        idleSeconds = site.kioskIdleSeconds
        say(texts.text("welcome", language, ["site": site.name]))
        say(texts.text("welcomeHelp", language))
        let request: CheckinRequest
        do {
            request = try questions(site: site)
        } catch .end {
            say(texts.text("bye", language))
            return false
        } catch .idle {
            say(texts.text("idle", language))
            return true
        } catch .closed {
            return true
        }
        context.refreshClock()
        if try CheckinService.closed(context: context) != nil { return true }
        do {
            try showTicket(try CheckinService.issue(request, context: context))
        } catch let error as LobbyError where error.exitCode == 1 || error.exitCode == 4 {
            // The answers passed the same checks; a refusal now (paused this very moment, a rep
            // just removed) is for the front desk, not a reason to stop serving the next visitor.
            say(texts.text("deskHelp", language))
        }
        return true
    }

    private mutating func questions(site: Site) throws(Interrupt) -> CheckinRequest {
        var request = CheckinRequest()
        request.purpose = try ask("purpose", skippable: false, giveUp: "purposeDefault", CheckinService.Check.purpose) ?? .buy
        if request.purpose != .other {
            if let visited = try ask("visitedBefore", { CheckinService.Check.yesNo("visited", $0) }) {
                request.firstVisit = !visited
                let roster = (try? context.today().day.reps.map(\.name)) ?? []
                if visited, !roster.isEmpty {
                    let list = roster.enumerated().map { "\($0 + 1) \($1)" }.joined(separator: "  ")
                    request.rep = try ask("visitedWho", values: ["reps": list]) { CheckinService.Check.rep($0, roster: roster) }
                }
            }
        }
        request.party = try ask("party", CheckinService.Check.party) ?? 1
        guard request.purpose != .other else { return request }
        // PIPL: nothing that identifies the visitor is asked before they agree to it being kept.
        request.consent = try ask("consent", values: ["days": String(site.retentionDays)]) { CheckinService.Check.yesNo("consent", $0) } ?? false
        guard request.consent else { return request }
        request.name = try ask("name") { CheckinService.Check.text("name", $0, limit: Limits.name) }
        request.phone = try ask("phone") { CheckinService.Check.phone($0, pattern: site.phonePattern) }
        request.project = try ask("project") { CheckinService.Check.text("project", $0, limit: Limits.text) }
        request.budget = try ask("budget") { CheckinService.Check.text("budget", $0, limit: Limits.text) }
        request.source = try ask("source") { CheckinService.Check.text("source", $0, limit: Limits.text) }
        return request
    }

    /// The end of a visitor's dialogue: the one place their ticket is shown.
    private func showTicket(_ ticket: IssuedTicket) throws {
        say(try TicketPrinter.show(ticket, printer: printer, texts: texts, language: language, context: context))
    }

    /// While check-in is paused or outside its hours, says so and when it opens, and waits.
    /// False when input ended meanwhile.
    private mutating func waitUntilOpen() throws -> Bool {
        var shown: String?
        while let closed = try CheckinService.closed(context: context) {
            let text = closed.text(texts, language)
            if text != shown { say(text) }
            shown = text
            switch input.next(timeout: Self.recheckSeconds) {
            case .end: return false
            case .timedOut: break
            case let .line(answer):
                if let switched = Self.languageSwitch(answer) { language = switched }
                shown = nil
            case .rejected: shown = nil
            }
            context.refreshClock()
        }
        language = greeting
        return true
    }

    private static func languageSwitch(_ answer: String) -> Texts.Language? {
        switch answer.trimmingSpaces.lowercased() {
        case "en", "english": return .en
        case "中文", "zh", "cn": return .zh
        default: return nil
        }
    }

    /// Asks until a valid answer, an empty answer (a skip) or three failures, each failure told
    /// with its reason. The purpose is the one question that cannot be skipped.
    private mutating func ask<T>(
        _ key: String, values: [String: String] = [:], skippable: Bool = true, giveUp: String = "skipped",
        _ parse: (String) -> Result<T, FieldProblem>
    ) throws(Interrupt) -> T? {
        var failures = 0
        say(texts.text(key, language, values))
        while true {
            let problem: String
            switch input.next(timeout: started ? idleSeconds : Self.recheckSeconds) {
            case .end: throw .end
            case .timedOut:
                if started { throw .idle }
                context.refreshClock()
                if (try? CheckinService.closed(context: context)) != nil { throw .closed }
                continue
            case .rejected:
                started = true
                problem = texts.text("badLine", language)
            case let .line(raw):
                let answer = raw.trimmingSpaces
                if answer.isEmpty && !skippable {
                    say(texts.text(key, language, values))
                    continue
                }
                started = true
                if let switched = Self.languageSwitch(answer) {
                    language = switched
                    say(texts.text(key, language, values))
                    continue
                }
                if answer.isEmpty { return nil }
                if answer.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                    problem = texts.text("badControl", language)
                } else {
                    switch parse(answer) {
                    case let .success(value): return value
                    case let .failure(failure): problem = failure.text(texts, language)
                    }
                }
            }
            failures += 1
            if failures >= 3 {
                say(texts.text(giveUp, language))
                return nil
            }
            say(texts.text("retry", language, ["reason": problem]))
            say(texts.text(key, language, values))
        }
    }

    private func say(_ text: String) {
        Output.line(text)
        Output.flush()
    }
}
