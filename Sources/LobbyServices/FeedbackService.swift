import LobbyCore
import LobbyStore
import LobbyText

/// Satisfaction (满意度): a departing visitor's answer for their ticket, from the kiosk or from
/// `lobby feedback`, attributed to the rep who received them.
package enum FeedbackService {
    /// What was recorded.
    package struct Answer {
        package let ticket: TicketID
        package let rep: RepName?
        package let score: Int
        /// An earlier answer for this ticket was replaced.
        package let replaced: Bool
    }

    /// How long a comment may be, in characters.
    package static let commentLimit = 500

    /// The comment as kept: trimmed, no control characters, at most `commentLimit`; nil when empty.
    package static func comment(_ text: String?) -> Result<String?, FieldProblem> {
        guard let text else { return .success(nil) }
        return CheckinService.Check.text("comment", text, limit: commentLimit).map { $0.isEmpty ? nil : $0 }
    }

    /// Records `score` (1…5) for today's ticket `id`, replacing an earlier answer. Exit 4 when
    /// no such ticket was issued today.
    package static func record(_ id: TicketID, score: Int, comment: String?, context: Context) throws -> Answer {
        guard SatisfactionScore.range.contains(score) else {
            throw LobbyError.invalid("score", "\(score) is not a whole number from 1 to 5")
        }
        let key = try context.dayKey()
        let settings = try context.site.rules
        return try context.write(key) { store in
            guard try store.ticketCustomer(day: key.date, id: id) != nil else {
                throw LobbyError.notFound("ticket: no ticket \(id) today")
            }
            let day = try store.day(key, settings: settings)
            let rep = day.receivingRep(of: id)
            let replaced = try store.recordFeedback(day: key.date, ticket: id, rep: rep, score: score, comment: comment, at: context.now)
            return Answer(ticket: id, rep: rep, score: score, replaced: replaced)
        }
    }
}
