import LobbyCore
import LobbyStore
import LobbyText
import LobbyPlatform
import LobbyServices

/// What each `privacy` subcommand is: its form of the command line, parsed into a value that runs.
protocol PrivacySubcommand: Sendable {
    static var form: Form { get }
    init(_ arguments: Arguments) throws(LobbyError)
    func run(_ context: Context) throws
}

/// `lobby privacy export|erase|purge|log`: the customer's rights (PIPL), a supervisor's actions.
/// Each subcommand is its own type beside this file; this one declares the group and checks the
/// supervisor's PIN before any of them runs.
struct Privacy: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "privacy", abstract: "The customer's rights: export or erase their data, purge by age, the access log (supervisor).",
        discussion: """
            Supervisor actions, each recorded in the access log with who, when and why. \
            export PHONE prints, as one JSON object, everything stored about that customer: their \
            details, visits (tickets), receptions, follow-ups, waiting changes, appointments, \
            satisfaction answers, complaints, the free texts anywhere that mention their phone or \
            name, and the access-log entries about them. \
            erase PHONE --why TEXT removes their name, phone and every free text about them, \
            everywhere (also texts linked to no one that mention their phone or name); tickets, \
            scores and the times of complaints and appointments stay, anonymous, so report, replay \
            and verify count the same. The chained events hold only a random person id and are not \
            touched. purge erases the personal data of everyone not seen for consentRetentionDays \
            (what the first write of each day does by itself). log lists every view, export, \
            erasure and purge.
            """,
        forms: [PrivacyExport.form, PrivacyErase.form, PrivacyPurge.form, PrivacyLog.form])

    static let phone = Argument("PHONE", help: "export, erase: the customer's mobile number")
    static let json = Option.flag("--json", help: """
        export: the JSON object (printed either way); log: {"entries":[{"id","at","actor","action","customer","what","why"}]}
        """)

    let word: String
    let subcommand: any PrivacySubcommand

    init(_ arguments: Arguments) throws(LobbyError) {
        word = arguments.form.word ?? ""
        switch word {
        case "export": subcommand = try PrivacyExport(arguments)
        case "erase": subcommand = try PrivacyErase(arguments)
        case "purge": subcommand = try PrivacyPurge(arguments)
        default: subcommand = try PrivacyLog(arguments)
        }
    }

    func staffAction(_ context: Context) -> StaffAction? { .privacy }

    func run(_ context: Context) throws {
        try context.require(.privacy, as: "privacy \(word)")
        try subcommand.run(context)
    }
}
