#if canImport(Glibc)
import Glibc
#endif
import LobbyCore
import LobbyText
import LobbyPlatform
import LobbyPrinting
import LobbyServices

/// The visitor's check-in terminal, line by line, so it works on a terminal and piped; and the
/// supervisor's switch that pauses it.
struct Kiosk: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "kiosk", abstract: "The check-in terminal for visitors (line mode; works piped); pause and resume it.",
        discussion: """
            Serves one visitor after another until standard input ends. Type en or 中文 at any prompt
            to switch language; an empty answer skips a question. A visitor who stops answering is
            forgotten after the site's kioskIdleSeconds. While check-in is paused or outside the
            site's checkinHours the kiosk says so and issues nothing, and lobby checkin refuses.
            At a terminal the screen and its scrollback are cleared between visitors, and Ctrl-C,
            Ctrl-\\, Ctrl-Z and Ctrl-D do not stop it: SIGTERM does. A busy or full database is
            retried for 30 s, then the visitor is sent to the front desk. Without texts.json it
            does not start (exit 3). pause and resume are supervisor actions.
            """,
        forms: [
            Form(options: [language, printer]),
            Form(word: "pause", options: [why]),
            Form(word: "resume"),
        ])

    static let language = Option<Texts.Language>.choice("--lang", help: "the language to greet in (default zh)")
    static let printer = Option.text("--printer", "PATH", help: "the receipt printer's device file (default site.json printer.device)")
    static let why = Option.text("--why", "TEXT", help: "pause: the reason, shown to visitors and recorded")

    enum Mode {
        case serve(Texts.Language, printer: String?)
        case pause(why: String?)
        case resume
    }

    let mode: Mode

    init(_ arguments: Arguments) throws(LobbyError) {
        switch arguments.form.word {
        case "pause":
            let why = try arguments.value(Self.why)
            if let why { _ = try CheckinService.Check.text("why", why, limit: Limits.text).mapError(\.error).get() }
            mode = .pause(why: why?.trimmingSpaces.isEmpty == false ? why?.trimmingSpaces : nil)
        case "resume":
            mode = .resume
        default:
            mode = .serve(try arguments.value(Self.language) ?? .zh, printer: try arguments.value(Self.printer))
        }
    }

    func staffAction(_ context: Context) -> StaffAction? {
        switch mode {
        case .serve: return nil
        case .pause: return .pauseCheckin
        case .resume: return .resumeCheckin
        }
    }

    func run(_ context: Context) throws {
        switch mode {
        case let .serve(language, printer):
            let texts = try Texts.load(required: KioskDialogue.textKeys)
            let terminal = KioskTerminal.take()
            defer { KioskTerminal.release() }
            var dialogue = KioskDialogue(context: context, language: language, texts: texts, terminal: terminal)
            dialogue.printer = TicketPrinter.forKiosk(path: printer, site: try context.site)
            while true {
                do {
                    guard try dialogue.serveOneVisitor() else { break }
                } catch {
                    // Between visitors (reading whether check-in is open, today's roster): a busy,
                    // full or damaged database is for the staff; the kiosk keeps its place.
                    let error = LobbyError.from(error)
                    guard error.exitCode == .database else { throw error }
                    Output.error("lobby: kiosk: \(error); trying again")
                    sleep(1)
                }
            }
        case let .pause(why):
            try context.require(.pauseCheckin, as: "kiosk pause")
            let key = try context.dayKey()
            let value = JSON.object([
                ("why", why.map(JSON.string) ?? .null), ("by", .string(context.actor)),
                ("at", .string(context.iso8601(context.now, key: key))),
            ])
            try context.write(key) { store in
                try store.setSiteValue(CheckinService.pauseKey, value.text)
                try store.appendNote(.kioskPause, key: key, at: context.now, actor: context.actor, why: why, clock: context.clock)
            }
            Output.line(StaffLanguage.say("done.pause"))
        case .resume:
            try context.require(.resumeCheckin, as: "kiosk resume")
            let key = try context.dayKey()
            let paused = try context.write(key) { store in
                guard let value = try store.siteValue(CheckinService.pauseKey), !value.isEmpty else { return false }
                try store.setSiteValue(CheckinService.pauseKey, "")
                try store.appendNote(.kioskResume, key: key, at: context.now, actor: context.actor, clock: context.clock)
                return true
            }
            Output.line(StaffLanguage.say(paused ? "done.resume" : "done.notPaused"))
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
    let texts: Texts
    var printer: TicketPrinter?
    /// On a terminal the screen is cleared between visitors and the ticket waits to be read;
    /// piped, the dialogue is plain lines.
    let terminal: Bool
    private var input = LineInput()
    /// Whether this visitor has typed anything: only then does waiting mean they walked away.
    private var started = false
    /// The site's kioskIdleSeconds.
    private var idleSeconds = 90
    /// Said to the next visitor after the screen is cleared (why the last check-in was cancelled).
    private var notice: String?

    enum Interrupt: Error {
        case end
        case idle
        case closed
        /// A departing visitor typed or scanned their ticket at the first question (KioskFeedback).
        case departing(String)
    }

    /// How often a kiosk nobody uses looks again whether check-in was paused or closed.
    private static let recheckSeconds = 30
    /// How long a check-in waits for a busy or full database before sending the visitor to the desk.
    static let busySeconds: Int64 = 30

    /// The texts the kiosk cannot do without.
    static let textKeys = [
        "welcome", "welcomeHelp", "purpose", "purposeDefault", "visitedBefore", "visitedWho", "party", "consent",
        "service.buy", "service.rent", "name", "phone", "project", "budget", "source", "retry", "skipped", "bye", "idle",
        "deskHelp", "busy", "busyWait", "nextVisitor", "badLine", "badControl", "paused", "pausedWhy", "closedHours",
        "ticketTitle", "category", "category.new", "category.named", "category.returning", "category.other",
        "nextWait", "nextWaitOne", "nextWaitNow", "nextWaitOneNow", "nextCoverNow", "nextNow", "nextNamed", "nextNamedWait",
        "nextNoRep", "nextOther", "nextOtherDesk",
        "time", "thanks", "printed", "printFailed", "welcomeBooking", "bookingWelcome", "bookingUnknown",
    ] + feedbackTextKeys

    init(context: Context, language: Texts.Language, texts: Texts, terminal: Bool) {
        self.context = context
        self.greeting = language
        self.language = language
        self.texts = texts
        self.terminal = terminal
    }

    /// Returns false when input has ended.
    mutating func serveOneVisitor() throws -> Bool {
        context.refreshClock()
        started = false
        clearScreen()
        if let notice {
            say(notice)
            self.notice = nil
        }
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
        say(texts.text("welcomeFeedback", language, ["example": site.ticketPrefix + "007"]))
        say(texts.text("welcomeBooking", language))
        let answered: CheckinRequest?
        do {
            answered = try answers(site: site)
        } catch .end {
            say(texts.text("bye", language))
            return false
        } catch .idle {
            notice = texts.text("idle", language)
            return true
        } catch .closed, .departing {
            return true
        }
        // A departing visitor gave their feedback: no ticket, the next visitor.
        guard let request = answered else { return try nextVisitor() }
        context.refreshClock()
        // Closed while they answered: the next round says so, once.
        if try CheckinService.closed(context: context) != nil { return true }
        guard let ticket = issue(request) else { return try nextVisitor() }
        clearScreen()
        if let code = ticket.booking { say(texts.text("bookingWelcome", language, ["code": code])) }
        say(try TicketPrinter.show(
            ticket, printer: printer, texts: texts, language: language, context: context,
            screenWidth: terminal ? Self.terminalColumns() : nil))
        return try nextVisitor()
    }

    /// The check-in, waiting up to `busySeconds` for a database that is busy or full; nil (the
    /// visitor sent to the desk, in their language) when it cannot be had.
    private func issue(_ request: CheckinRequest) -> IssuedTicket? {
        let start = MonotonicClock.milliseconds()
        var waited = false
        while true {
            do {
                return try CheckinService.issue(request, context: context)
            } catch {
                let error = LobbyError.from(error)
                if error.exitCode == .database, MonotonicClock.milliseconds() - start < Self.busySeconds * 1000 {
                    if !waited {
                        Output.error("lobby: kiosk: \(error); trying again for up to \(Self.busySeconds) s")
                        say(texts.text("busyWait", language))
                        waited = true
                    }
                    sleep(1)
                    continue
                }
                // A refusal now (paused this very moment, a rep just removed) or a database that
                // stayed unusable: the front desk checks them in, and the kiosk serves the next one.
                Output.error("lobby: kiosk: no ticket issued: \(error)")
                if request.booking != nil, error.exitCode == .notFound || error.exitCode == .refused {
                    // An unknown code, another day's or one no longer open: the desk looks it up.
                    say(texts.text("bookingUnknown", language))
                }
                say(texts.text(error.exitCode == .database ? "busy" : "deskHelp", language))
                return nil
            }
        }
    }

    /// On a terminal, the ticket stays until the next visitor presses Enter (or the idle time
    /// passes); piped, the next visitor's answers follow at once. False when input has ended.
    private mutating func nextVisitor() throws -> Bool {
        guard terminal else { return true }
        say(texts.text("nextVisitor", language))
        if case .end = input.next(timeout: idleSeconds) {
            say(texts.text("bye", language))
            return false
        }
        return true
    }

    /// A visitor's check-in answers, or nil for a departing visitor whose feedback was taken.
    private mutating func answers(site: Site) throws(Interrupt) -> CheckinRequest? {
        do {
            return try questions(site: site)
        } catch let .departing(code) {
            try feedback(code)
            return nil
        }
    }

    private mutating func questions(site: Site) throws(Interrupt) -> CheckinRequest {
        var request = CheckinRequest()
        // A departing visitor answers the first question with their ticket: the satisfaction question.
        // A visitor with an appointment answers it with their booking code or its QR: checked in
        // for the booked rep at once, with the booking's party and consent.
        let first = try ask("purpose", skippable: false, giveUp: "purposeDefault") { answer in
            if Self.isTicketCode(answer, site: site) { return .success(FirstAnswer.departing(answer)) }
            if BookingService.looksLikeCode(answer) { return .success(FirstAnswer.booked(answer.trimmingSpaces)) }
            return CheckinService.Check.purpose(answer).map { .purpose($0) }
        }
        if case let .departing(code) = first { throw .departing(code) }
        if case let .booked(code) = first {
            request.booking = code
            request.partyStated = false
            return request
        }
        if case let .purpose(purpose) = first { request.purpose = purpose } else { request.purpose = .buy }
        if request.purpose != .other {
            let visited = try ask("visitedBefore", after: "skipped.visited") { CheckinService.Check.yesNo("visited", $0) }
            if let visited {
                request.firstVisit = !visited
                let roster = (try? context.today().day.reps.map(\.name)) ?? []
                if visited, !roster.isEmpty {
                    let store = try? context.store
                    var latin: [RepName: String] = [:]
                    for rep in roster { latin[rep] = (try? store?.staff(rep.rawValue))??.latin }
                    let list = roster.enumerated().map { index, rep in
                        "\(index + 1) \(language == .en ? latin[rep] ?? rep.rawValue : rep.rawValue)"
                    }.joined(separator: "  ")
                    request.rep = try ask("visitedWho", values: ["reps": list], after: "skipped.rep") {
                        CheckinService.Check.rep($0, roster: roster, latin: latin)
                    }
                }
            }
        }
        request.party = try ask("party", after: "skipped.party", CheckinService.Check.party) ?? 1
        guard request.purpose != .other else { return request }
        // PIPL: nothing that identifies the visitor is asked before they agree to it being kept,
        // and the question says what for: a renter is not told it is for buying.
        let service = texts.text(request.purpose == .rent ? "service.rent" : "service.buy", language)
        request.consent = try ask("consent", values: ["days": String(site.retentionDays), "service": service], after: "skipped.consent") {
            CheckinService.Check.yesNo("consent", $0)
        } ?? false
        guard request.consent else { return request }
        request.name = try ask("name") { CheckinService.Check.text("name", $0, limit: Limits.name) }
        request.phone = try ask("phone") { CheckinService.Check.phone($0, pattern: site.phonePattern) }
        request.project = try ask("project") { CheckinService.Check.text("project", $0, limit: Limits.text) }
        request.budget = try ask("budget") { CheckinService.Check.text("budget", $0, limit: Limits.text) }
        request.source = try ask("source") { CheckinService.Check.text("source", $0, limit: Limits.text) }
        return request
    }

    /// While check-in is paused or outside its hours, says so and when it opens, and waits.
    /// False when input ended meanwhile.
    private mutating func waitUntilOpen() throws -> Bool {
        var shown: String?
        while let closed = try CheckinService.closed(context: context) {
            let text = closed.text(texts, language)
            if text != shown {
                clearScreen()
                say(text)
            }
            shown = text
            switch input.next(timeout: Self.recheckSeconds) {
            case .end: return false
            case .timedOut: break
            case let .line(answer):
                // Whatever is typed, the screen says the same once; in the language asked for.
                if let switched = Self.languageSwitch(answer) {
                    language = switched
                } else if terminal {
                    shown = nil
                }
            case .rejected: if terminal { shown = nil }
            }
            context.refreshClock()
        }
        language = greeting
        return true
    }

    private static func languageSwitch(_ answer: String) -> Texts.Language? {
        switch CheckinService.Check.squeezed(answer) {
        case "en", "english": return .en
        case "中文", "zh", "cn": return .zh
        default: return nil
        }
    }

    /// Asks until a valid answer, an empty answer (a skip) or three failures, each failure told
    /// with its reason; after the third, the skip is told (`giveUp`) and what it means (`after`).
    /// The purpose is the one question that cannot be skipped.
    mutating func ask<T>(
        _ key: String, values: [String: String] = [:], skippable: Bool = true, giveUp: String = "skipped",
        after: String? = nil, _ parse: (String) -> Result<T, FieldProblem>
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
                var line = raw
                if terminal {
                    // Arrow keys, Ctrl-C and the like are keys pressed, not an answer.
                    let typed = KioskTerminal.typed(raw)
                    if typed.droppedKeys && typed.text.trimmingSpaces.isEmpty {
                        say(texts.text(key, language, values))
                        continue
                    }
                    line = typed.text
                }
                let answer = line.trimmingSpaces
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
                if let after { say(texts.text(after, language)) }
                return nil
            }
            say(texts.text("retry", language, ["reason": problem]))
            say(texts.text(key, language, values))
        }
    }

    private func clearScreen() {
        if terminal { KioskTerminal.clear() }
    }

    /// The terminal's width, 80 when it does not say.
    private static func terminalColumns() -> Int {
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    func say(_ text: String) {
        Output.line(text)
        Output.flush()
    }
}
