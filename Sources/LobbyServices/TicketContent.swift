import LobbyCore
import LobbyText
import LobbyPlatform
import LobbyPrinting

/// What a ticket says, in one language, for the slip, the screen and reprints.
package struct TicketContent {
    package var language: Texts.Language
    package var site: String
    package var title: String
    package var number: String
    package var category: String
    package var next: String
    package var time: String
    package var qr: String
    package var thanks: String

    package init(language: Texts.Language, site: String, title: String, number: String, category: String, next: String,
         time: String, qr: String, thanks: String) {
        (self.language, self.site, self.title, self.number, self.category) = (language, site, title, number, category)
        (self.next, self.time, self.qr, self.thanks) = (next, time, qr, thanks)
    }

    package init(_ ticket: IssuedTicket, site: String, texts: Texts, language: Texts.Language) {
        self.language = language
        self.site = site
        title = texts.text("ticketTitle", language)
        number = ticket.record.id.rawValue
        category = texts.text("category", language) + ": " + texts.text("category." + ticket.category.rawValue, language)
        let wait = ["ahead": String(ticket.ahead), "p50": String(ticket.wait.p50), "p80": String(ticket.wait.p80)]
        // English readers are told the Latin name a rep has one.
        let rep = ticket.rep.map { language == .en ? ticket.repLatin ?? $0.rawValue : $0.rawValue }
        if ticket.category == .other {
            // R15: the tail rep comes to the desk; a sales wait means nothing to a courier.
            next = rep.map { texts.text("nextOther", language, ["rep": $0]) } ?? texts.text("nextOtherDesk", language)
        } else if !ticket.repsOnDuty {
            // Nobody to receive them: an estimate of 0–0 minutes would be a promise nobody keeps.
            next = texts.text("nextNoRep", language)
        } else if let rep, ticket.category != .new {
            let key = ticket.wait.p50 == 0 ? "nextNamed" : "nextNamedWait"
            next = texts.text(key, language, wait.merging(["rep": rep]) { a, _ in a })
            // R10: a visitor who would rather not wait for their own rep can be covered sooner.
            if let cover = ticket.coverWait, Wait.offersCover(cover, over: ticket.wait) {
                // A cover that could start now is said so, never as "0–0 minutes".
                next += "\n" + (cover.p80 == 0 ? texts.text("nextCoverNow", language)
                    : texts.text("nextCoverOffer", language, ["p50": String(cover.p50), "p80": String(cover.p80)]))
            }
        } else if ticket.ahead == 0 && ticket.wait.p50 == 0 {
            next = texts.text("nextNow", language)
        } else if ticket.wait.p80 == 0 {
            // Groups ahead, and reps free for them all: their turn, without a promise of "0–0 minutes".
            next = texts.text(ticket.ahead == 1 ? "nextWaitOneNow" : "nextWaitNow", language, wait)
        } else {
            next = texts.text(ticket.ahead == 1 ? "nextWaitOne" : "nextWait", language, wait)
        }
        time = texts.text("time", language) + ": " + String(ticket.issuedAt.prefix(16)).replacingOccurrences(of: "T", with: " ")
        qr = ticket.qr
        thanks = texts.text("thanks", language)
    }
}

/// The ticket as text, for the kiosk screen and reprints.
package enum TicketText {
    package static func render(_ ticket: IssuedTicket, texts: Texts, language: Texts.Language, context: Context) -> String {
        render(TicketContent(ticket, site: (try? context.site.name) ?? "", texts: texts, language: language))
    }

    package static func render(_ ticket: TicketContent) -> String {
        [
            "", "==============================", "  \(ticket.title):  \(ticket.number)", "==============================",
            ticket.category, ticket.next, ticket.time, QRText.halfBlocks(ticket.qr) ?? ticket.qr,
            // Again below the code, which is taller than some screens: the number is what matters.
            "  \(ticket.title):  \(ticket.number)", ticket.next, ticket.thanks,
        ].joined(separator: "\n")
    }

    /// The kiosk's screen: the code on the left and the words beside it, so that the whole ticket
    /// fits an 80×24 terminal; on a narrower one, `render` (the number repeated below the code).
    package static func screen(_ ticket: TicketContent, width: Int) -> String {
        guard let code = QRText.halfBlocks(ticket.qr, quiet: 2) else { return render(ticket) }
        let rows = code.split(separator: "\n").map(String.init)
        let codeWidth = rows.first.map(DisplayWidth.of) ?? 0
        let columns = width - codeWidth - 3
        guard columns >= 24 else { return render(ticket) }
        var words = ["\(ticket.title):  \(ticket.number)", ""]
        for part in [ticket.category] + ticket.next.split(separator: "\n").map(String.init) + [ticket.time, ticket.thanks] {
            words += Columns.wrap(part, columns: columns)
        }
        var lines: [String] = []
        for index in 0..<max(rows.count, words.count) {
            let left = index < rows.count ? rows[index] : String(repeating: " ", count: codeWidth)
            let right = index < words.count ? words[index] : ""
            lines.append(right.isEmpty ? left : left + "   " + right)
        }
        return lines.joined(separator: "\n")
    }
}
