import LobbyCore
import LobbyStore
import LobbyText
import LobbyPlatform
import LobbyServices

/// `privacy erase PHONE --why TEXT`: the customer's data erased on request.
struct PrivacyErase: PrivacySubcommand {
    static let form = Form(word: "erase", arguments: [Privacy.phone], options: [why])

    static let why = Option.text("--why", "TEXT", help: "erase: why (the customer's request, …), kept in the access log").isRequired()

    let phone: String
    let why: String

    init(_ arguments: Arguments) throws(LobbyError) {
        phone = try arguments.required(Privacy.phone)
        why = try arguments.required(Self.why)
    }

    func run(_ context: Context) throws {
        let phone = try PrivacyService.phone(phone, context: context)
        let done = try PrivacyService.erase(phone: phone, why: try PrivacyService.why(why), context: context)
        Output.line(StaffLanguage.say("privacy.erased", PrivacyPurge.counts(done.erased).merging(["id": String(done.customer)]) { a, _ in a }))
    }
}
