import LobbyCore
import LobbyText
import LobbyPlatform
import LobbyServices

/// The kiosk's satisfaction question (满意度) for a departing visitor, who types their ticket
/// number or scans their ticket at the first question.
extension KioskDialogue {
    /// What the first question's answer was.
    enum FirstAnswer {
        case purpose(Purpose)
        case departing(String)
        /// A booking code typed or a booking's QR scanned.
        case booked(String)
    }

    static let feedbackTextKeys = [
        "welcomeFeedback", "feedback.score", "feedback.badScore", "feedback.comment", "feedback.thanks",
        "feedback.replaced", "feedback.noTicket", "feedback.skipped", "feedback.failed",
    ]

    /// A ticket number of this site ("A007", "a7", full-width digits) or a ticket's QR text.
    static func isTicketCode(_ answer: String, site: Site) -> Bool {
        answer.trimmingSpaces.hasPrefix(TicketCodes.scheme + "|")
            || TicketNumber.parse(CheckinService.Check.squeezed(answer), prefix: site.ticketPrefix) != nil
    }

    /// The answer as TicketCodes reads it: a QR text as scanned (its token is case-sensitive), a
    /// typed number squeezed (full-width digits, spaces).
    static func ticketCode(_ answer: String) -> String {
        let trimmed = answer.trimmingSpaces
        return trimmed.hasPrefix(TicketCodes.scheme + "|") ? trimmed : CheckinService.Check.squeezed(answer)
    }

    /// 1…5, as a visitor types it: "4", "４", "4分", "4星".
    static func score(_ answer: String) -> Result<Int, FieldProblem> {
        var digits = CheckinService.Check.squeezed(answer)
        if let last = digits.last, "分星颗".contains(last) { digits.removeLast() }
        guard let score = Int(digits), SatisfactionScore.range.contains(score) else {
            return .failure(FieldProblem("score", "feedback.badScore", answer))
        }
        return .success(score)
    }

    /// Asks how the visit was and for a comment, and records the answer. A ticket not issued
    /// today is told so; nothing is recorded without a score.
    mutating func feedback(_ code: String) throws(Interrupt) {
        let id: TicketID
        do {
            id = try TicketCodes.resolve(Self.ticketCode(code), context: context)
            let store = try context.store
            let day = try context.dayKey().date
            guard try store.read({ try store.ticketCustomer(day: day, id: id) }) != nil else {
                return say(texts.text("feedback.noTicket", language))
            }
        } catch {
            return say(texts.text("feedback.noTicket", language))
        }
        guard let score = try ask("feedback.score", values: ["ticket": id.rawValue], giveUp: "feedback.badScore", Self.score) else {
            return say(texts.text("feedback.skipped", language))
        }
        let days = (try? context.site.retentionDays).map(String.init) ?? "180"
        let comment = try ask("feedback.comment", values: ["days": days], FeedbackService.comment) ?? nil
        context.refreshClock()
        do {
            let answer = try FeedbackService.record(id, score: score, comment: comment, context: context)
            say(texts.text(answer.replaced ? "feedback.replaced" : "feedback.thanks", language))
        } catch {
            Output.error("lobby: kiosk: feedback for \(id) not recorded: \(LobbyError.from(error))")
            say(texts.text("feedback.failed", language))
        }
    }
}
