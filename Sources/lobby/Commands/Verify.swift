import LobbyCore
import LobbyStore
import LobbyText
import LobbyPlatform
import LobbyPrinting
import LobbyServices

/// Checks the whole record: the chain of events, every day's tallies, and optionally the
/// chain heads published outside the database.
struct Verify: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "verify", abstract: "Check the chain of events and every day's order and tallies.",
        discussion: """
            Exit 0 when every event's hash matches its content and the event before it, no event \
            is missing, and every day rebuilt from its events ends as recorded. Exit 1 naming the \
            first broken event (seq, day, kind), or the first day or published head that differs. \
            --heads reads the lines 'lobby chain head … day=… seq=… sha256=…' (site.json's \
            chainHeadsFile, or a syslog extract) and requires the record to hold each one, which a \
            chain rewritten as a whole does not.
            """,
        options: [headsFile])

    static let headsFile = Option.text("--heads", "FILE", help: "compare with the chain heads published in FILE")

    let heads: String?

    init(_ arguments: Arguments) throws(LobbyError) {
        heads = try arguments.value(Self.headsFile)
    }

    func run(_ context: Context) throws {
        let store = try context.store
        let settings = try context.site.rules
        let published = try heads.map { path in
            guard let text = System.readFile(path, limit: 64 << 20) else { throw LobbyError.refused("heads: cannot read \(path)") }
            return ChainHeads.parse(text)
        }
        let report = try RecordCheck.chain(store)
        let days = try store.read { try store.days() }
        for key in days {
            let day = try store.read { try store.day(key, settings: settings) }
            try RecordCheck.day(key, day, store: store)
        }
        var line = "verify: \(report.events) event\(report.events == 1 ? "" : "s") in \(days.count) day\(days.count == 1 ? "" : "s"); the chain is whole and every day matches its record"
        if let published, let heads {
            let matched = try RecordCheck.heads(published, report: report, source: heads)
            line += "; \(matched) published heads match"
        }
        Output.line(line)
    }
}
