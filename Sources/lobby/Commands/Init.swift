import LobbyCore
import LobbyStore
import LobbyText
import LobbyPlatform
import LobbyPrinting
import LobbyServices

struct Init: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "init", abstract: "Set up a site: create its database with its settings.",
        discussion: """
            The only command that creates a database; every other one refuses a missing file
            (exit 3) and creates nothing. The settings come from --site FILE (or LOBBY_SITE),
            checked in full: an unknown key is refused, naming it (exit 1). Without a file,
            init asks for the site's name, time zone, ticket prefix and working hours at a
            terminal, and otherwise uses neutral defaults and says which. It never takes the
            demo site (kiosk-assets/site.json; scripts/kiosk-demo makes that one). The site
            runs on the system clock unless LOBBY_NOW is set (a simulated site, for tests and
            demos). Change the settings later with lobby site apply FILE.
            """)

    init(_ arguments: Arguments) throws(LobbyError) {}

    /// What a site without a settings file starts with: nothing borrowed from the demo site.
    static let neutral: [(String, JSON)] = [
        ("siteId", .string("site")), ("name", .string("Lobby")), ("timeZone", .string("Asia/Shanghai")),
        ("utcOffset", .string("+08:00")), ("ticketPrefix", .string("A")),
        ("workingHours", .object([("start", .string("09:00")), ("end", .string("18:00"))])),
    ]

    func run(_ context: Context) throws {
        let text: String
        var note: String
        if let path = context.sitePath {
            guard let given = System.readFile(path) else { throw LobbyError.refused("site settings: cannot read \(path)") }
            _ = try Site(json: given, source: path)
            text = given
            note = "with the settings of \(path)"
        } else if System.isTerminal(0) {
            text = try Self.ask()
            note = "with the settings given"
        } else {
            text = JSON.object(Self.neutral).text
            note = "with neutral defaults (no --site FILE given and no terminal to ask at): name \"Lobby\", time zone Asia/Shanghai, ticket prefix A, working hours 09:00–18:00; change them with lobby site apply FILE"
        }
        guard !System.fileExists(context.databasePath) else { throw LobbyError.from(StoreError.exists(context.databasePath)) }
        let store = try context.createStore(siteText: text)
        let site = try context.site
        let key = try context.dayKey()
        try store.write {
            try store.appendNote(.siteInit, key: key, at: context.now, actor: context.actor, detail: site.name, clock: context.clock)
        }
        if context.clockIsSimulated { note += " (a simulated site: it takes LOBBY_NOW)" }
        Output.line("Set up \(site.name) in \(context.databasePath) \(note).")
        Output.line("Next: the first supervisor, with a PIN: lobby rep add NAME --supervisor --pin")
    }

    /// The few settings every site must decide, asked at the terminal; Enter keeps the default.
    private static func ask() throws -> String {
        func prompt(_ question: String, _ fallback: String, valid: (String) -> Bool) throws -> String {
            for _ in 0..<3 {
                System.writeError("\(question) [\(fallback)]: ")
                guard let line = readLine(strippingNewline: true) else { throw LobbyError.usage("init: input ended") }
                let answer = line.trimmingSpaces
                if answer.isEmpty { return fallback }
                if valid(answer) { return answer }
                System.writeError("  not accepted.\n")
            }
            throw LobbyError.refused("init: no valid answer to \"\(question)\"")
        }
        let name = try prompt("Site name", "Lobby") { !$0.isEmpty && $0.count <= 80 }
        let zone = try prompt("Time zone", "Asia/Shanghai") { System.fileExists("/usr/share/zoneinfo/" + $0) && !$0.contains("..") }
        let prefix = try prompt("Ticket prefix (one or two capital letters)", "A") {
            (1...2).contains($0.count) && $0.allSatisfy { $0.isASCII && $0.isUppercase }
        }
        let opens = try prompt("Working hours start", "09:00") { Site.minutes($0) != nil }
        let closes = try prompt("Working hours end", "18:00") { Site.minutes($0).map { $0 > (Site.minutes(opens) ?? 0) } ?? false }
        let text = JSON.object([
            ("siteId", .string("site")), ("name", .string(name)), ("timeZone", .string(zone)), ("ticketPrefix", .string(prefix)),
            ("workingHours", .object([("start", .string(opens)), ("end", .string(closes))])),
        ]).text
        _ = try Site(json: text, source: "the answers given")
        return text
    }
}
