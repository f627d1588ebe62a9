#if canImport(Glibc)
import Glibc
#endif
import LobbyCore
import LobbyStore

/// The site's events for a head office: NDJSON, one event a line, keys in a fixed order, so
/// the same range always gives the same bytes (kiosk-assets/hq loads them into PostgreSQL).
struct Export: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "export", abstract: "Supervisor: the site's events as NDJSON for a head office.",
        discussion: """
            One line an event, oldest first: site, seq, day, at (the site's time), actor, kind, \
            ticket, rep, detail, number, flags, reception (ticket, rep, kind, counted, rule as the rules \
            decided at that event), undoes (the seq an undo took back), prev and hash (the \
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
        let store = try context.store
        let settings = try context.site.rules
        let (site, events) = try store.read { (try store.siteValue("id") ?? "", try store.exportEvents(since: Int64(since), settings: settings)) }
        var text = ""
        for event in events { text += Self.line(event, site: site) + "\n" }
        guard let out else {
            Output.write(text)
            return
        }
        try Self.writeWhole(text, to: out)
    }

    static func line(_ e: ExportedEvent, site: String) -> String {
        let reception: JSON = e.reception.map { r in
            .object([("ticket", .string(r.ticket)), ("rep", .string(r.rep)), ("kind", .string(r.kind.rawValue)), ("counted", .bool(r.counted)), ("rule", .string(r.rule?.rawValue))])
        } ?? .null
        return JSON.object([
            ("site", .string(site)), ("seq", .number(Double(e.seq))), ("day", .string(e.day)),
            ("at", .string(CivilTime(e.at, offset: e.utcOffset).iso8601)), ("actor", .string(e.actor)), ("kind", .string(e.kind)),
            ("ticket", .string(e.ticket)), ("rep", .string(e.rep)), ("detail", .string(e.detail)),
            ("number", e.number.map { .int($0) } ?? .null), ("flags", .string(e.flags)), ("reception", reception),
            ("undoes", e.undoes.map { .number(Double($0)) } ?? .null), ("prev", .string(e.prev)), ("hash", .string(e.hash)),
        ]).text
    }

    /// Writes a temporary file beside `path` (0600, created new), syncs it and renames it over.
    static func writeWhole(_ text: String, to path: String) throws {
        let target = FilePath(path)
        let temporary = target.directory.appending("." + target.lastComponent + ".export-tmp")
        let file: FileDescriptor
        do {
            file = try FileDescriptor.open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, permissions: 0o600)
        } catch {
            throw LobbyError.refused("export: cannot create \(temporary.string): \(error)")
        }
        do {
            try file.writeAll(text)
            try file.sync()
            try file.close()
        } catch {
            try? file.close()
            unlink(temporary.string)
            throw LobbyError.failed("export: cannot write \(temporary.string): \(error)")
        }
        guard Glibc.rename(temporary.string, path) == 0 else {
            let errno = Errno.current
            unlink(temporary.string)
            throw LobbyError.refused("export: cannot write \(path): \(errno)")
        }
    }
}
