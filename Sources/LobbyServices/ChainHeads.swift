#if canImport(Glibc)
import Glibc
#endif
import LobbyCore
import LobbyStore
import LobbyText
import LobbyPlatform
import LobbyPrinting

/// Each business day's chain head, written outside the database, so that rewriting the whole
/// chain (which anyone holding the file can do) still shows against what was published.
/// One line a head, the same in syslog and in site.json's `chainHeadsFile`:
/// `lobby chain head site=demo day=2026-11-23 seq=57 sha256=<64 hex>`.
package enum ChainHeads {
    package static let marker = "lobby chain head"

    package struct Published: Equatable {
        package let day: String
        package let seq: Int64
        package let hash: String
    }

    package static func line(_ head: ChainReport.Head, siteId: String) -> String {
        "\(marker) site=\(siteId) day=\(head.day) seq=\(head.seq) sha256=\(head.hash)"
    }

    /// The heads in `text`: every line holding the marker, wherever it starts (a syslog or
    /// journal extract has its own prefix). Other lines are ignored.
    package static func parse(_ text: String) -> [Published] {
        text.split(separator: "\n").compactMap { line in
            let words = line.split(separator: " ")
            let markerWords = marker.split(separator: " ")
            guard let start = words.indices.first(where: { words[$0...].starts(with: markerWords) }) else { return nil }
            var fields: [String: String] = [:]
            for word in words[(start + markerWords.count)...] {
                let pair = word.split(separator: "=", maxSplits: 1)
                if pair.count == 2 { fields[String(pair[0])] = String(pair[1]) }
            }
            guard let day = fields["day"], let seq = fields["seq"].flatMap({ Int64($0) }), let hash = fields["sha256"] else {
                return nil
            }
            return Published(day: day, seq: seq, hash: hash)
        }
    }

    /// On the first write of a business day: publishes the head of the latest earlier day with
    /// events, which that write has just closed. Never fails the write that called it.
    package static func publishClosed(before date: String, context: Context) {
        do {
            let store = try context.store
            guard let day = try store.read({ try store.dayWithEvents(before: date) }),
                let head = try store.read({ try store.chainHead(day) })
            else { return }
            publish(head, context: context)
        } catch {
            Output.error("lobby: could not publish the chain head: \(LobbyError.from(error).description)")
        }
    }

    /// Writes `head` to syslog (with `logger`, when it is installed) and appends it to the
    /// site's `chainHeadsFile`. Problems are reported on stderr, never thrown.
    @discardableResult
    package static func publish(_ head: ChainReport.Head, context: Context) -> String {
        let siteId = (try? context.site.siteId) ?? "?"
        let text = line(head, siteId: siteId)
        logger(text)
        if let path = try? context.site.chainHeadsFile {
            if let problem = append(text + "\n", to: path) {
                Output.error("lobby: could not append the chain head to \(path): \(problem)")
            }
        }
        return text
    }

    /// `logger -t lobby -- LINE`, waited for. A machine without logger (or without syslog)
    /// simply has no syslog copy.
    private static func logger(_ text: String) {
        _ = try? ChildProcess.spawn(["logger", "-t", "lobby", "--", text]).wait()
    }

    /// Appends one line, creating the file if needed; never follows a symlink. nil when done.
    private static func append(_ text: String, to path: String) -> String? {
        do throws(Errno) {
            let file = try FileDescriptor.open(FilePath(path), O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, permissions: 0o644)
            defer { try? file.close() }
            try file.writeAll(text)
            return nil
        } catch {
            return error.description
        }
    }
}
