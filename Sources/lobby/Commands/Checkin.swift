import LobbyCore

struct Checkin: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "checkin", abstract: "Check a visitor in without the dialogue and print the ticket.",
        usage: "lobby checkin [--purpose buy|rent|other] [--rep NAME] [--party K] [--name N] [--phone P] [--consent yes|no] [--json]",
        discussion: """
            The same check-in as the kiosk. Without --consent yes no name, phone, project, budget
            or source is stored (an anonymous ticket). A known customer's phone never changes their
            stored name: a different one waits for staff (lobby customer changes). Refused (exit 1) while check-in is paused (lobby kiosk pause) or
            outside the site's checkinHours. A phone of a customer owned by a rep routes the visitor to that rep
            (R11); --rep names a rep (R9); --purpose other goes to the tail rep (R15).
            """,
        options: [
            OptionHelp(name: "--purpose buy|rent|other", help: "why the visitor came (default buy)"),
            OptionHelp(name: "--rep NAME", help: "the rep the visitor asks for (R9, R18)"),
            OptionHelp(name: "--party K", help: "people in the group, 1–30 (R24: one ticket)"),
            OptionHelp(name: "--first-visit yes|no", help: "whether this is the first visit"),
            OptionHelp(name: "--consent yes|no", help: "the visitor agrees that name and phone are kept"),
            OptionHelp(name: "--name N, --phone P", help: "kept only with --consent yes"),
            OptionHelp(name: "--project X, --budget B, --source S", help: "interest, budget, how they heard of us"),
            OptionHelp(name: "--staff yes|no", help: "company or affiliate staff (R27: not counted)"),
            OptionHelp(name: "--brought yes|no", help: "brought by an existing customer (R18)"),
            OptionHelp(name: "--json", help: "print the ticket as JSON"),
        ])

    var request = CheckinRequest()
    let json: Bool

    init(_ arguments: inout Arguments) throws(LobbyError) {
        // The kiosk's own checks, so a script is told exactly what a visitor would be.
        if let purpose = try arguments.option("--purpose") { request.purpose = try CheckinService.Check.purpose(purpose).mapError(\.error).get() }
        request.rep = try arguments.option("--rep")
        if let party = try arguments.option("--party") { request.party = try CheckinService.Check.party(party).mapError(\.error).get() }
        request.firstVisit = try arguments.yesNo("--first-visit")
        request.consent = try arguments.yesNo("--consent") ?? false
        request.name = try arguments.option("--name")
        request.phone = try arguments.option("--phone")
        request.project = try arguments.option("--project")
        request.budget = try arguments.option("--budget")
        request.source = try arguments.option("--source")
        request.staff = try arguments.yesNo("--staff") ?? false
        request.brought = try arguments.yesNo("--brought") ?? false
        json = arguments.flag("--json")
    }

    func run(_ context: Context) throws {
        let ticket = try CheckinService.issue(request, context: context)
        if json {
            Output.line(ticket.json.text)
        } else {
            var line = "\(ticket.record.id)  \(ticket.category.rawValue)"
            if let rep = ticket.rep { line += "  → \(rep)" }
            line += "  ahead \(ticket.ahead)  wait ~\(ticket.wait.p50)–\(ticket.wait.p80) min"
            Output.line(line)
            Output.line(ticket.qr)
        }
    }
}
