#if canImport(Glibc)
import Glibc
#endif
import LobbyText
import LobbyPlatform
import LobbyPrinting
import LobbyServices

/// `lobby`: the check-in kiosk, reception rotation and lobby display of a sales center.
@main
struct Lobby {
    /// Every subcommand, in the order `lobby --help` lists them.
    static let commands: [any LobbyCommand.Type] = [
        Kiosk.self, Checkin.self, TicketCommand.self,
        Desk.self, Status.self, Call.self, Finish.self, Noshow.self, Away.self, Back.self,
        Assist.self, Transfer.self, Claim.self, Group.self, Followup.self,
        Feedback.self, Complaint.self, Complaints.self, Book.self, Bookings.self,
        RepCommand.self, Roster.self, Makeup.self, EventMode.self,
        CustomerCommand.self, Visitor.self, Customers.self, Privacy.self, Report.self, Export.self, Replay.self, Verify.self, Head.self, ServiceTimes.self, Feed.self, Board.self,
        Undo.self, Init.self, SiteCommand.self, Backup.self, Restore.self, Help.self,
    ]

    static func main() {
        let code = run(Array(CommandLine.arguments.dropFirst()))
        exit(code)
    }

    /// Runs one command line and returns its exit code; the desk calls this for every line.
    static func run(_ words: [String], context shared: Context? = nil) -> Int32 {
        do {
            try dispatch(words, context: shared)
            Output.flush()
            return ExitCode.done.rawValue
        } catch {
            let failure = LobbyError.from(error)
            Output.flush()
            Output.error("lobby: " + failure.text(StaffLanguage.current))
            return failure.exitCode.rawValue
        }
    }

    static func dispatch(_ words: [String], context shared: Context?) throws {
        var words = words
        guard let name = words.first else {
            Output.line(Help.overview())
            return
        }
        if name == "-h" || name == "--help" || name == "help" && words.count == 1 {
            Output.line(Help.overview())
            return
        }
        if name == "--version" {
            Output.line("lobby 0.1")
            return
        }
        guard let command = commands.first(where: { $0.configuration.name == name }) else {
            throw Help.unknownCommand(name)
        }
        words.removeFirst()
        if words.contains("--help") || words.contains("-h") {
            Output.line(Help.page(command))
            return
        }
        let arguments = try Arguments(words, configuration: command.configuration)
        let database = try arguments.value(GlobalOptions.database)
        let site = try arguments.value(GlobalOptions.site)
        if site != nil && name != "init" {
            // Settings are the database's once it exists; a file here would be silently ignored.
            throw LobbyError.usage("\(name): --site is for lobby init; change a site's settings with lobby site apply FILE")
        }
        let actor = try arguments.value(GlobalOptions.actor)
        let parsed = try command.init(arguments)
        let context = try shared ?? Context(databasePath: database, sitePath: site, actor: actor)
        try parsed.run(context)
        Output.flush()
    }
}
