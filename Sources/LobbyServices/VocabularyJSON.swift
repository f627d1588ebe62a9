import LobbyCore
import LobbyText

/// The core's distinct types in the JSON contract: names and ticket ids are strings.
extension JSON {
    package static func string(_ name: RepName) -> JSON { .string(name.rawValue) }
    package static func string(_ ticket: TicketID) -> JSON { .string(ticket.rawValue) }
    package static func string(_ name: RepName?) -> JSON { name.map { .string($0.rawValue) } ?? .null }
    package static func string(_ ticket: TicketID?) -> JSON { ticket.map { .string($0.rawValue) } ?? .null }
}
