import LobbyCore
import LobbyStore
import LobbyText
import LobbyPlatform
import LobbyServices

/// `privacy export PHONE`: the customer's copy of everything kept about them.
struct PrivacyExport: PrivacySubcommand {
    static let form = Form(word: "export", arguments: [Privacy.phone], options: [Privacy.json])

    let phone: String

    init(_ arguments: Arguments) throws(LobbyError) {
        phone = try arguments.required(Privacy.phone)
    }

    func run(_ context: Context) throws {
        let phone = try PrivacyService.phone(phone, context: context)
        Output.line(try PrivacyService.export(phone: phone, context: context).text)
    }
}
