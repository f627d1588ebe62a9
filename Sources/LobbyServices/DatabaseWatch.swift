#if canImport(Glibc)
import Glibc
#endif
import LobbyCore
import LobbyText
import LobbyPlatform
import LobbyPrinting

/// Watches the database for commits by other processes, cheaply: `PRAGMA data_version` changes
/// exactly then, so a poll costs one tiny query and no re-reading.
package enum DatabaseWatch {
    package static let pollMilliseconds: Int32 = 50

    /// Calls `changed` after every change, and once a minute as a heartbeat when `heartbeat` is set,
    /// until standard output closes. `everyPoll` runs on each poll, changed or not (the board's
    /// announcements are looked after there).
    package static func follow(
        _ context: Context, heartbeatSeconds: Int? = nil, everyPoll: () -> Void = {}, _ changed: (Context) throws -> Void
    ) throws {
        // What the caller printed before following is shown now, not with the first change.
        Output.flush()
        let store = try context.store
        var version = try store.database.dataVersion()
        var lastEmit: Instant = context.now
        var day = try context.dayKey().date
        while true {
            usleep(UInt32(pollMilliseconds) * 1000)
            everyPoll()
            context.refreshClock()
            let current = try store.database.dataVersion()
            let today = try context.dayKey().date
            let beat = heartbeatSeconds.map { context.now - lastEmit >= Int64($0) } ?? false
            if current != version || today != day || beat {
                version = current
                day = today
                lastEmit = context.now
                try changed(context)
                Output.flush()
                if !Output.isOpen { return }
            }
        }
    }
}
