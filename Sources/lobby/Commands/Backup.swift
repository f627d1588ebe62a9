import LobbyCore
import LobbyStore
import LobbyText
import LobbyPlatform
import LobbyPrinting
import LobbyServices

struct Backup: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "backup", abstract: "Copy the site's database to a new file, safely while kiosks run.",
        discussion: """
            Uses SQLite's online backup API: the copy is the database as it was when the backup
            began, consistent even while kiosks and desks write (never copy a WAL database with
            cp). The file is readable by its owner only (0600) and is never overwritten: give a
            new name each time. Needs no PIN; keep the backups as safe as the database.
            """,
        arguments: [fileArgument])

    static let fileArgument = Argument("FILE", help: "the new backup file")

    let file: String

    init(_ arguments: Arguments) throws(LobbyError) {
        file = try arguments.required(Self.fileArgument)
    }

    func run(_ context: Context) throws {
        _ = try context.store  // refuses a missing database before any file is made
        do {
            try LobbyStore.Backup.copy(from: context.databasePath, to: file)
        } catch {
            throw error.refused ? LobbyError.refused(error.description) : LobbyError.store(error.description)
        }
        Output.line("Backed up \(context.databasePath) to \(file).")
    }
}
