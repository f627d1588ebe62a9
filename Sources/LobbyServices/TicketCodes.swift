import LobbyCore
import LobbyStore
import LobbyText
import LobbyPlatform
import LobbyPrinting

/// Ticket references as staff type or scan them: "A007", "a7", or the text of the ticket's QR code.
package enum TicketCodes {
    package static let scheme = "LOBBY1"

    package static func qrText(site: Site, record: TicketRecord) -> String {
        [scheme, site.siteId, record.day, record.id.rawValue, record.token].joined(separator: "|")
    }

    /// The ticket id today that `text` names. A QR text of another site or day, or with a
    /// token that does not match, is refused as not found: never guessed.
    package static func resolve(_ text: String, context: Context) throws -> TicketID {
        let site = try context.site
        let key = try context.dayKey()
        let trimmed = text.trimmingSpaces
        if trimmed.hasPrefix(scheme + "|") {
            let fields = trimmed.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 5, fields[1] == site.siteId, fields[2] == key.date else {
                throw LobbyError.notFound("refusal.codeOtherSite", [:], "ticket code: this QR code was not issued by this site today")
            }
            let store = try context.store
            guard let record = try store.ticket(day: key.date, id: TicketID(fields[3])), record.token == fields[4] else {
                throw LobbyError.notFound("refusal.codeNoMatch", [:], "ticket code: this QR code does not match a ticket issued today")
            }
            return record.id
        }
        guard let sequence = TicketNumber.parse(trimmed, prefix: site.ticketPrefix) else {
            throw LobbyError.notFound("refusal.noTicketLike", ["ticket": TerminalText.value(trimmed), "example": site.ticketPrefix + "007"],
                                "ticket: no ticket '\(TerminalText.value(trimmed))' today (tickets look like \(site.ticketPrefix)007)")
        }
        return TicketNumber.format(prefix: site.ticketPrefix, sequence: sequence)
    }
}
