import LobbyCore
import LobbyStore
import LobbyText
import LobbyPlatform
import LobbyPrinting
import LobbyServices

/// The staff console: the one-shot commands typed without the word `lobby`, a scanned ticket,
/// and after each command what changed in the rotation.
struct Desk: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "desk", abstract: "The interactive staff console (receptionist / supervisor).",
        discussion: """
            Asks who is at the desk and their PIN (without echo at a terminal), unless LOBBY_ACTOR
            (or --as) and LOBBY_PIN say; only staff with a PIN (reps, receptionists, supervisors)
            may work it. Then type any command without the word lobby (call,
            finish A007, away Li --reason business, status …), a ticket number or a scanned ticket
            code (the desk asks: call, finish or no-show), who, help, quit.
            A supervisor action (roster, makeup, event, rep add, another's rep pin) by someone who
            is not a supervisor asks for a supervisor's name and PIN first.
            Piped (no terminal), the answers are the next lines of input: the name when
            LOBBY_ACTOR is unset, the PIN when LOBBY_PIN is unset, a
            supervisor's name and PIN; each line is echoed after its prompt (never a PIN), so
            the output reads as the session did.
            A refused command prints its message and the desk goes on; it ends at quit, exit or
            the end of input, with exit 0 (exit 1 when the login is refused).
            """,
        options: [StaffWords.languageOption])

    let language: Texts.Language?

    init(_ arguments: Arguments) throws(LobbyError) {
        language = try arguments.value(StaffWords.languageOption)
    }

    /// Commands that read standard input or never end: they would take over the desk.
    static let notAtDesk: Set<String> = ["desk", "kiosk", "board"]

    /// `kiosk pause` and `kiosk resume` are one-shot: they run at the desk like any command.
    static func atDesk(_ typed: [String]) -> Bool {
        typed.first == "kiosk" && typed.count > 1 && ["pause", "resume"].contains(typed[1])
    }

    func run(_ context: Context) throws {
        let words = StaffWords(language: try language ?? context.site.language)
        // Every command run at the desk confirms and refuses in the desk's language.
        StaffLanguage.current = words.language
        let input = DeskInput()
        let session = try login(context, words: words, input: input)
        Output.line(words.text("deskWelcome", ["name": session.actor]))
        if let line = try Self.overdueComplaints(session, words: words) { Output.line(line) }
        if let line = try Self.todaysBookings(session, words: words) { Output.line(line) }
        while let line = input.ask("desk> ") {
            let typed = Words.split(line)
            guard let first = typed.first else { continue }
            if first == "quit" || first == "exit" { return }
            session.refreshClock()
            do {
                try perform(typed, session: session, words: words, input: input)
            } catch {
                Output.flush()
                Output.error("lobby: " + LobbyError.from(error).text(words.language))
            }
            Output.flush()
        }
    }

    /// Who is at the desk, with their PIN checked once (a wrong one counts toward the lockout).
    private func login(_ context: Context, words: StaffWords, input: DeskInput) throws -> Context {
        var name = context.actor
        if !context.actorIsGiven {
            guard let given = input.ask(words.text("deskWho"))?.trimmingSpaces, !given.isEmpty else {
                throw LobbyError.usage("desk.noName", [:], "desk: nobody gave a name (set LOBBY_ACTOR or type it)")
            }
            name = given
        }
        let session = try Context(databasePath: context.databasePath, sitePath: context.sitePath, actor: name)
        // Only staff with a PIN work the desk: anyone else is refused here, and recorded.
        guard let member = try session.store.staff(name), member.hasPin else {
            try session.requireStaff(for: "desk")
            throw LobbyError.refused("desk.notAllowed", ["name": name], "refused: \(name) may not work the desk")
        }
        let fromEnvironment = System.environment("LOBBY_PIN")
        for attempt in 1...3 {
            let pin = fromEnvironment ?? input.secret(words.text("deskPin", ["name": name]))
            session.pins[name] = pin ?? ""
            do {
                try session.checkPin(try session.store.staff(name) ?? member, action: "desk")
                return session
            } catch let error as LobbyError where fromEnvironment == nil && input.terminal && attempt < 3 {
                Output.error("lobby: " + error.text(words.language))
            }
        }
        throw LobbyError.refused("refusal.pinWrong", ["name": name], "pin: wrong PIN for \(name)")
    }

    private func perform(_ typed: [String], session: Context, words: StaffWords, input: DeskInput) throws {
        let first = typed[0]
        if typed.count == 1, try isTicket(first, session: session) {
            return try ticket(first, session: session, words: words, input: input)
        }
        switch first {
        case "help" where typed.count == 1:
            Output.line(help(words))
        case "help" where typed.count == 2 && words.language != .en:
            guard let command = Lobby.commands.first(where: { $0.configuration.name == typed[1] }) else {
                throw Help.unknownCommand(typed[1])
            }
            Output.line(Self.page(command.configuration, words: words))
        case "who":
            Output.line(Self.who(try session.today().day, now: session.now, words: words).joined(separator: "\n"))
            if let line = try Self.overdueComplaints(session, words: words) { Output.line(line) }
            if let line = try Self.todaysBookings(session, words: words) { Output.line(line) }
        case _ where Self.notAtDesk.contains(first) && !Self.atDesk(typed) || first == "feed" && typed.contains("--follow"):
            throw LobbyError.refused(words.text("deskNotHere", ["command": first]))
        case _ where typed.contains(where: { ["--as", "--db", "--site"].contains($0.split(separator: "=").first ?? "") }):
            // The desk acts for the person logged in, on its own database.
            throw LobbyError.usage("desk.noGlobals", [:], "desk: --as, --db and --site are set when the desk starts, not per command")
        default:
            var command = typed
            if first == "status" && !typed.contains("--lang") { command += ["--lang", words.language.rawValue] }
            try execute(command, session: session, words: words, input: input)
        }
    }

    /// Runs one command as the person at the desk (or as the supervisor who confirmed it), then
    /// tells what it changed in the rotation.
    private func execute(_ command: [String], session: Context, words: StaffWords, input: DeskInput) throws {
        var acting = session
        if try needsSupervisor(command, session: session) {
            guard let name = input.ask(words.text("deskSupervisorName", ["command": command[0]]))?.trimmingSpaces,
                !name.isEmpty
            else { return Output.line(words.text("deskCancelled")) }
            acting = try Context(databasePath: session.databasePath, sitePath: session.sitePath, actor: name)
            acting.pins[name] = input.secret(words.text("deskPin", ["name": name])) ?? ""
        }
        let before = try session.today().day
        guard Lobby.run(command, context: acting) == ExitCode.done.rawValue else { return }
        let after = try session.today().day
        let lines = RotationChange.describe(before: before, after: after, words: words)
        if !lines.isEmpty || Self.movesRotation.contains(command[0]) {
            Output.line((lines.isEmpty ? [words.text("deskUnchanged")] : lines).map { "  ↳ " + $0 }.joined(separator: "\n"))
        }
        if command[0] == "call" { try Self.showVisitors(before: before, after: after, session: session, words: words) }
    }

    static let movesRotation: Set<String> = [
        "call", "finish", "noshow", "away", "back", "assist", "transfer", "claim", "group", "makeup", "event", "roster",
    ]

    /// Supervisor actions (R6, decided in the core), unless the person at the desk is a
    /// supervisor. A line that does not parse is left for the command to refuse.
    private func needsSupervisor(_ command: [String], session: Context) throws -> Bool {
        let store = try session.store
        if try store.staff(session.actor)?.supervisor == true { return false }
        guard let type = Lobby.commands.first(where: { $0.configuration.name == command[0] }),
            let arguments = try? Arguments(Array(command.dropFirst()), configuration: type.configuration),
            let parsed = try? type.init(arguments)
        else { return false }
        return try parsed.staffAction(session)?.needsSupervisor ?? false
    }

    /// A bare line that is a ticket number or a scanned code rather than a command.
    private func isTicket(_ word: String, session: Context) throws -> Bool {
        if word.hasPrefix(TicketCodes.scheme + "|") { return true }
        guard !Lobby.commands.contains(where: { $0.configuration.name == word }) else { return false }
        return TicketNumber.parse(word, prefix: try session.site.ticketPrefix) != nil
    }

    private func ticket(_ text: String, session: Context, words: StaffWords, input: DeskInput) throws {
        let id = try TicketCodes.resolve(text, context: session)
        guard let ticket = try session.today().day.ticket(id) else {
            throw LobbyError.notFound("refusal.noTicket", ["ticket": "\(id)"], "ticket: no ticket \(id) today")
        }
        let answer = input.ask(words.text("deskTicketAsk", ["ticket": id.rawValue, "status": words.status(ticket.status)]) + " ")
        switch answer?.trimmingSpaces.lowercased() ?? "" {
        case "1", "call": try execute(["call", id.rawValue], session: session, words: words, input: input)
        case "2", "finish": try execute(["finish", id.rawValue], session: session, words: words, input: input)
        case "3", "noshow", "no-show": try execute(["noshow", id.rawValue], session: session, words: words, input: input)
        case "": Output.line(words.text("deskCancelled"))
        default: Output.line(words.text("deskBadChoice") + " " + words.text("deskCancelled"))
        }
    }

    private func help(_ words: StaffWords) -> String {
        let commands = Lobby.commands.map { $0.configuration }.filter { !Self.notAtDesk.contains($0.name) }
        let width = commands.map { DisplayWidth.of($0.name) }.max() ?? 0
        var lines = [words.text("deskHelpTitle")]
        // The abstracts in the desk's language; English from the commands' own declarations.
        lines += commands.map { command in
            let abstract = words.language == .en ? command.abstract : words.text("help." + command.name)
            return "  " + DisplayWidth.pad(command.name, to: width + 2) + abstract
        }
        lines += words.text("deskHelpExtras").split(separator: "\n").map { "  " + $0 }
        return lines.joined(separator: "\n")
    }

    /// A command's page in the desk's language: what it does and how it is typed. The option
    /// descriptions are written once, in English, on the command's declaration; the page says
    /// where to read them.
    static func page(_ command: CommandConfiguration, words: StaffWords) -> String {
        var lines = ["\(command.name) — " + words.text("help." + command.name), words.text("deskHelpUsage")]
        lines += command.forms.map { "  " + $0.usage(command.name) }
        lines.append(words.text("deskHelpMore", ["command": command.name]))
        return lines.joined(separator: "\n")
    }

    /// The rotation at a glance: the places on one line; receptions, queue, up and phone on the next.
    static func who(_ day: Day, now: Instant, words: StaffWords) -> [String] {
        let places = day.rotation.enumerated().map { index, rep in
            "\(words.place(index + 1)) \(rep.name)" + (rep.state == .ready ? "" : " (\(words.state(rep.state)))")
        }
        var status = day.reps.filter { $0.state == .serving }.compactMap { rep in
            day.openReception(of: rep.name).map { "\(rep.name) → \($0.ticket) \(words.minutes((now - $0.calledAt) / 60))" }
        }
        status.append(words.text("deskWaiting", ["n": String(day.waiting.count)]))
        let nobody = words.text("statusNobodyReady")
        status.append("\(words.text("statusUp")): \(day.up?.rawValue ?? nobody)")
        status.append("\(words.text("boardPhone")): \(day.phoneDuty?.rawValue ?? nobody)")
        if day.eventMode { status.append(words.text("statusEventMode")) }
        return [places.isEmpty ? words.text("statusNoReps") : places.joined(separator: " · "), status.joined(separator: " · ")]
    }
}

/// What one command changed in the rotation, in one or two lines: who took which ticket, who
/// moved or changed state; then a new order, who is up, who has the phone.
enum RotationChange {
    static func describe(before: Day, after: Day, words: StaffWords) -> [String] {
        var reps: [String] = []
        let opened = after.openReceptions.filter { new in
            !before.openReceptions.contains { $0.ticket == new.ticket && $0.rep == new.rep && $0.kind == new.kind }
        }
        for reception in opened {
            reps.append(words.text("deskServes", [
                "rep": reception.rep.rawValue, "state": words.state(after.state(of: reception.rep)), "ticket": reception.ticket.rawValue,
            ]))
        }
        let busy = Set(opened.map(\.rep))
        let placesBefore = Dictionary(before.rotation.enumerated().map { ($1.name, ($0, $1.state)) }) { a, _ in a }
        let placesAfter = Dictionary(after.rotation.enumerated().map { ($1.name, $0) }) { a, _ in a }
        for (index, rep) in after.rotation.enumerated() where !busy.contains(rep.name) {
            let place = words.place(index + 1)
            if let (_, state) = placesBefore[rep.name] {
                if state != rep.state {
                    reps.append(words.text("deskStateChange", ["rep": rep.name.rawValue, "state": words.state(rep.state), "place": place]))
                }
            } else {
                reps.append(words.text("deskJoins", ["rep": rep.name.rawValue, "place": place]))
            }
        }
        for rep in before.rotation where placesAfter[rep.name] == nil && !busy.contains(rep.name) {
            reps.append(words.text("deskLeaves", ["rep": rep.name.rawValue]))
        }

        var order: [String] = []
        let kept = after.rotation.map(\.name).filter { placesBefore[$0] != nil }
        if kept != before.rotation.map(\.name).filter({ placesAfter[$0] != nil }) {
            let names = after.rotation.enumerated().map { "\(words.place($0 + 1)) \($1.name)" }
            order.append(words.text("deskOrder", ["order": names.joined(separator: " · ")]))
        }
        if after.up != before.up {
            if let up = after.up, let index = placesAfter[up] {
                order.append(words.text("deskUpNow", ["rep": up.rawValue, "place": words.place(index + 1)]))
            } else {
                order.append(words.text("deskNobodyUp"))
            }
        }
        if after.phoneDuty != before.phoneDuty {
            order.append(words.text("deskPhone", ["rep": after.phoneDuty?.rawValue ?? words.text("statusNobodyReady")]))
        }
        return [reps, order].filter { !$0.isEmpty }.map { $0.joined(separator: "; ") }
    }
}

/// Lines from standard input. At a terminal the prompt waits on the same line; piped, the
/// prompt and the answer are echoed as a line, so a transcript reads like the session did.
struct DeskInput {
    let terminal = System.isTerminal(0)

    func ask(_ prompt: String) -> String? {
        if terminal {
            Output.write(prompt)
            Output.flush()
            let line = readLine(strippingNewline: true)
            if line == nil { Output.line("") }
            return line
        }
        guard let line = readLine(strippingNewline: true) else { return nil }
        Output.line(prompt + line)
        Output.flush()
        return line
    }

    /// A PIN: without echo at a terminal; piped, the next line, never repeated.
    func secret(_ prompt: String) -> String? {
        if terminal { return System.readSecret(prompt: prompt) }
        Output.line(prompt)
        Output.flush()
        return readLine(strippingNewline: true)
    }
}

/// Splits a typed line into words, honouring "double" and 'single' quotes.
enum Words {
    static func split(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var inWord = false
        for c in line {
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
            } else if c == "\"" || c == "'" {
                quote = c
                inWord = true
            } else if c.isWhitespace {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(c)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
