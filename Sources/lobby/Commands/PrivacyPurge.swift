import LobbyCore
import LobbyStore
import LobbyText
import LobbyPlatform
import LobbyServices

/// `privacy purge`: the retention of consentRetentionDays applied now.
struct PrivacyPurge: PrivacySubcommand {
    static let form = Form(word: "purge")

    init(_ arguments: Arguments) throws(LobbyError) {}

    func run(_ context: Context) throws {
        let done = try PrivacyService.purge(context: context)
        let key = try context.dayKey()
        Output.line(StaffLanguage.say("privacy.purged", Self.counts(done.erased).merging([
            "days": String(done.days), "before": context.iso8601(done.cutoff, key: key),
        ]) { a, _ in a }))
    }

    /// The counts an erasure's confirmation names.
    static func counts(_ erased: Erased) -> [String: String] {
        ["customers": String(erased.customers), "tickets": String(erased.tickets), "followups": String(erased.followUps),
         "changes": String(erased.changes), "comments": String(erased.comments), "complaints": String(erased.complaints),
         "bookings": String(erased.bookings)]
    }
}
