import LobbyCore
import LobbyText
import LobbyPlatform
import LobbyServices

/// A visitor's satisfaction answer (满意度) without the kiosk's dialogue.
struct Feedback: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "feedback", abstract: "Record how a visitor rated their visit (1–5, an optional comment).",
        discussion: """
            The kiosk's satisfaction question without the dialogue: a departing visitor's score for \
            today's TICKET, attributed to the rep who received them (the first reception of the \
            ticket; under a transfer the first rep's, R14). One answer per ticket: a second replaces \
            the first and says so. The comment is personal free text: sealed with the site's key \
            and shown only in the report.
            """,
        arguments: [.ticket], options: [score, comment, json])

    static let score = Option.wholeNumber("--score", "1..5", in: SatisfactionScore.range, help: "how the visit was, 1 (poor) to 5 (very good)")
        .isRequired()
    static let comment = Option.text("--comment", "TEXT", help: "what the visitor wants to say (at most 500 characters)")
    static let json = Option.flag("--json", help: "print {\"ticket\",\"score\",\"rep\",\"replaced\"}")

    let ticket: String
    let score: Int
    let comment: String?
    let json: Bool

    init(_ arguments: Arguments) throws(LobbyError) {
        ticket = try arguments.required(Argument.ticket)
        score = try arguments.required(Self.score)
        comment = try FeedbackService.comment(try arguments.value(Self.comment)).mapError(\.error).get()
        json = arguments.flag(Self.json)
    }

    func run(_ context: Context) throws {
        let id = try TicketCodes.resolve(ticket, context: context)
        let answer = try FeedbackService.record(id, score: score, comment: comment, context: context)
        if json {
            Output.line(JSON.object([
                ("ticket", .string(answer.ticket.rawValue)), ("score", .int(answer.score)),
                ("rep", .string(answer.rep?.rawValue)), ("replaced", .bool(answer.replaced)),
            ]).text)
        } else {
            let whose = answer.rep.map { " for \($0)" } ?? ""
            Output.line(answer.replaced
                ? "Feedback for \(answer.ticket) replaced: the earlier answer is gone; score \(answer.score)\(whose)."
                : "Feedback for \(answer.ticket) recorded: score \(answer.score)\(whose).")
        }
    }
}
