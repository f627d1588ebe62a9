import LobbyPlatform
import LobbyServices

/// The site's events for a head office: NDJSON, one event a line, keys in a fixed order, so
/// the same range always gives the same bytes (kiosk-assets/hq loads them into PostgreSQL).
struct Export: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "export", abstract: "Supervisor: the site's events as NDJSON for a head office.",
        discussion: """
            One line an event, oldest first: site, seq, day, at (the site's time), actor, kind, \
            ticket, rep, detail, number, flags, reception (ticket, rep, kind, counted, rule as the rules \
            decided at that event), undoes (the seq an undo took back), cancels (the calls a \
            no-show took away), closedAt (when a closed day's waits end), prev and hash (the \
            chain). Never a person id or free text: a note's detail, every why and outcome are \
            left out. --since SEQ gives the events after SEQ, so a head office asks for what it \
            has not got; the same range always gives the same bytes. --out writes FILE (0600) \
            whole or not at all.
            """,
        options: [since, out])

    static let since = Option.wholeNumber("--since", "SEQ", in: 0...Int.max, help: "only the events after seq SEQ (default 0: all)")
    static let out = Option.text("--out", "FILE", help: "write to FILE (replaced whole, 0600) instead of standard output")

    let since: Int
    let out: String?

    init(_ arguments: Arguments) throws(LobbyError) {
        since = try arguments.value(Self.since) ?? 0
        out = try arguments.value(Self.out)
    }

    func run(_ context: Context) throws {
        // Operational data without personal data, but the whole record of the site: a supervisor's.
        try context.requireSupervisor(for: "export")
        let text = try SiteExport.ndjson(try context.store, settings: try context.site.rules, since: Int64(since))
        guard let out else {
            Output.write(text)
            return
        }
        try SiteExport.write(text, to: out)
    }
}
