import LobbyCore
import LobbyStore
import LobbyText
import LobbyPlatform
import LobbyPrinting
import LobbyServices

struct Restore: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "restore", abstract: "Supervisor: put a backup of this site back in place.",
        discussion: """
            Refuses a file that fails PRAGMA integrity_check, that is not a Lobby database, or
            that belongs to another site (each site gets its own id at lobby init). The database
            being replaced is first kept beside it, as DB.replaced-YYYYMMDDTHHMMSS (0600). The
            restore goes through SQLite, so kiosks and desks that have the database open see
            the restored content at their next command.
            """,
        arguments: [fileArgument], options: [whyOption])

    static let fileArgument = Argument("FILE", help: "a backup of this site")
    static let whyOption = Option.text("--why", "TEXT", help: "recorded with the restore")

    let file: String
    let why: String?

    init(_ arguments: Arguments) throws(LobbyError) {
        why = try arguments.value(Self.whyOption)
        file = try arguments.required(Self.fileArgument)
    }

    func run(_ context: Context) throws {
        try context.require(.restore, as: "restore")
        let store = try context.store
        guard System.fileExists(file) else { throw LobbyError.notFound("restore: no file \(file)") }
        let found = LobbyStore.Backup.inspect(file)
        if let problem = found.problem { throw LobbyError.refused("restore: \(file) \(problem); nothing was changed") }
        let ours = try store.siteValue("id")
        guard let ours, found.siteId == ours else {
            throw LobbyError.refused("restore: \(file) is another site's database (site id \(found.siteId ?? "-"), this site is \(ours ?? "-")); nothing was changed")
        }
        let key = try context.dayKey()
        let stamp = CivilTime(context.now, offset: key.utcOffset).iso8601.prefix(19).filter { $0 != "-" && $0 != ":" }
        let kept = context.databasePath + ".replaced-" + stamp
        do {
            try LobbyStore.Backup.copy(from: context.databasePath, to: kept)
            try LobbyStore.Backup.replace(context.databasePath, with: file)
        } catch {
            throw error.refused ? LobbyError.refused(error.description) : LobbyError.store(error.description)
        }
        // Recorded in the restored database, which is the site's record from now on.
        let restored = try Store(path: context.databasePath) { "{}" }
        try restored.write {
            try restored.appendNote(.restore, key: key, at: context.now, actor: context.actor, detail: file, why: why, clock: context.clock)
        }
        Output.line("Restored \(file); the database it replaced is kept as \(kept).")
    }
}
