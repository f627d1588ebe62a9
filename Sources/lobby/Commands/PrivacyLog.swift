import LobbyCore
import LobbyStore
import LobbyText
import LobbyPlatform
import LobbyServices

/// `privacy log`: every view, export, erasure and purge of personal data, oldest first.
struct PrivacyLog: PrivacySubcommand {
    static let form = Form(word: "log", options: [Privacy.json])

    let json: Bool

    init(_ arguments: Arguments) throws(LobbyError) {
        json = arguments.flag(Privacy.json)
    }

    func run(_ context: Context) throws {
        let entries = try PrivacyService.log(context: context)
        let key = try context.dayKey()
        if json {
            Output.line(JSON.object([("entries", .array(entries.map { PrivacyService.json($0, offset: key.utcOffset) }))]).text)
            return
        }
        guard !entries.isEmpty else { return Output.line(StaffLanguage.say("privacy.logEmpty")) }
        for entry in entries {
            var line = "\(entry.id)  \(context.iso8601(entry.at, key: key))  \(TerminalText.value(entry.actor))  "
                + StaffLanguage.say("privacy.action.\(entry.action.rawValue)") + "  " + TerminalText.escaped(entry.what)
            if let why = entry.why { line += "  — " + TerminalText.escaped(why) }
            Output.line(line)
        }
    }
}
