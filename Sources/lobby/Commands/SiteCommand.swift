import LobbyCore
import LobbyStore
import LobbyText
import LobbyPlatform
import LobbyPrinting
import LobbyServices

struct SiteCommand: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "site", abstract: "Show the site's settings, or apply new ones (supervisor).",
        discussion: """
            The settings live in the database, so that every kiosk, desk and board of the site
            agrees on them. `site show --json` prints them as stored, ready to edit and apply
            again. `site apply FILE` checks the whole file as lobby init does (an unknown key is
            refused, naming it; exit 1), stores it and records who applied it and when. It takes
            effect from the next command; a kiosk or board already running keeps the settings it
            started with until it is restarted.
            """,
        forms: [
            Form(word: "show", options: [json]),
            Form(word: "apply", arguments: [fileArgument], options: [whyOption]),
        ])

    static let json = Option.flag("--json", help: "the settings as stored, one JSON object")
    static let fileArgument = Argument("FILE", help: "the new settings")
    static let whyOption = Option.text("--why", "TEXT", help: "recorded with the change")

    enum Action { case show(json: Bool), apply(String, why: String?) }
    let action: Action

    init(_ arguments: Arguments) throws(LobbyError) {
        switch arguments.form.word {
        case "apply": action = .apply(try arguments.required(Self.fileArgument), why: try arguments.value(Self.whyOption))
        default: action = .show(json: arguments.flag(Self.json))
        }
    }

    func run(_ context: Context) throws {
        let store = try context.store
        switch action {
        case let .show(json):
            let text = try store.siteValue("site.json") ?? "{}"
            if json {
                Output.line(text)
                return
            }
            let site = try context.site
            let zone = site.timeZone ?? site.fixedOffset.map { "UTC" + String($0 / 3600) } ?? "-"
            Output.line("\(site.name)  (site id \(try store.siteValue("id") ?? "-"), \(context.clockIsSimulated ? "simulated" : "system") clock)")
            Output.line("time zone \(zone) · ticket prefix \(site.ticketPrefix) · working hours \(Site.clock(site.rules.workingHoursStart))–\(Site.clock(site.rules.workingHoursEnd))"
                + (site.checkinHours.map { " · check-in \(Site.clock($0.start))–\(Site.clock($0.end))" } ?? ""))
            Output.line("printer \(site.printer?.device ?? "none") · language \(site.language.rawValue) · PINs of \(site.pinMinLength)+ digits")
            if let change = try store.lastNote(kind: NoteKind.siteApply.stored) {
                Output.line("last changed \(context.iso8601(change.at, key: try context.dayKey(at: change.at))) by \(change.actor)")
            }
            Output.line("All settings: lobby site show --json")
        case let .apply(path, why):
            try context.require(.applySettings, as: "site apply")
            guard let text = System.readFile(path) else { throw LobbyError.refused("site settings: cannot read \(path)") }
            let site = try Site(json: text, source: path)
            let previous = try context.site
            let key = try context.dayKey()
            try store.write {
                try store.setSiteValue("site.json", text)
                try store.appendNote(.siteApply, key: key, at: context.now, actor: context.actor, detail: site.name, why: why, clock: context.clock)
            }
            var changes: [String] = []
            if site.name != previous.name { changes.append("name \(site.name)") }
            if site.ticketPrefix != previous.ticketPrefix { changes.append("ticket prefix \(site.ticketPrefix) from the next ticket") }
            Output.line("Applied \(path) for \(site.name)" + (changes.isEmpty ? "" : ": " + changes.joined(separator: ", ")) + ". In effect from the next command; restart running kiosks and boards.")
        }
    }
}
