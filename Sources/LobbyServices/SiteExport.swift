#if canImport(Glibc)
import Glibc
#endif
import LobbyCore
import LobbyStore
import LobbyText
import LobbyPlatform

/// The site's events for a head office (kiosk-assets/hq): NDJSON, one event a line, keys in a
/// fixed order, so the same range always gives the same bytes. No person id, no free text and
/// nothing sealed: only the columns `ExportedEvent` carries.
package enum SiteExport {
    /// The events after `since`, one line each, each ending in "\n".
    package static func ndjson(_ store: Store, settings: Settings, since: Int64) throws -> String {
        let (site, events) = try store.read { (try store.siteValue("id") ?? "", try store.exportEvents(since: since, settings: settings)) }
        var text = ""
        for event in events { text += line(event, site: site) + "\n" }
        return text
    }

    package static func line(_ e: ExportedEvent, site: String) -> String {
        let reception: JSON = e.reception.map { r in
            .object([
                ("ticket", .string(r.ticket)), ("rep", .string(r.rep)), ("kind", .string(r.kind.rawValue)),
                ("counted", .bool(r.counted)), ("rule", .string(r.rule?.rawValue)),
            ])
        } ?? .null
        return JSON.object([
            ("site", .string(site)), ("seq", .number(Double(e.seq))), ("day", .string(e.day)),
            ("at", .string(CivilTime(e.at, offset: e.utcOffset).iso8601)), ("actor", .string(e.actor)), ("kind", .string(e.kind)),
            ("ticket", .string(e.ticket)), ("rep", .string(e.rep)), ("detail", .string(e.detail)),
            ("number", e.number.map { .int($0) } ?? .null), ("flags", .string(e.flags)), ("reception", reception),
            ("undoes", e.undoes.map { .number(Double($0)) } ?? .null),
            ("cancels", e.cancels.isEmpty ? .null : .array(e.cancels.map { .number(Double($0)) })),
            ("closedAt", .string(e.closedAt.map { CivilTime($0, offset: e.utcOffset).iso8601 })), ("prev", .string(e.prev)), ("hash", .string(e.hash)),
        ]).text
    }

    /// Writes a temporary file beside `path` (0600, created new), syncs it and renames it over,
    /// so `path` holds the whole export or is left as it was.
    package static func write(_ text: String, to path: String) throws {
        let target = FilePath(path)
        let temporary = target.directory.appending("." + target.lastComponent + ".export-tmp")
        let file: FileDescriptor
        do {
            file = try FileDescriptor.open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, permissions: 0o600)
        } catch {
            throw LobbyError.refused("export: cannot create \(TerminalText.path(temporary.string)): \(error)")
        }
        do {
            try file.writeAll(text)
            try file.sync()
            try file.close()
        } catch {
            try? file.close()
            unlink(temporary.string)
            throw LobbyError.failed("export: cannot write \(TerminalText.path(temporary.string)): \(error)")
        }
        guard rename(temporary.string, path) == 0 else {
            let errno = Errno.current
            unlink(temporary.string)
            throw LobbyError.refused("export: cannot write \(TerminalText.path(path)): \(errno)")
        }
    }
}
