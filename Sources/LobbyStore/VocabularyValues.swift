import LobbyCore

/// The core's distinct types as SQLite values: names and ticket ids are text, instants integers.
extension SQLValue {
    public init(_ value: RepName?) { self = value.map { .text($0.rawValue) } ?? .null }
    public init(_ value: TicketID?) { self = value.map { .text($0.rawValue) } ?? .null }
    public init(_ value: Instant?) { self = value.map { .integer($0.seconds) } ?? .null }

    public static func text(_ name: RepName) -> SQLValue { .text(name.rawValue) }
    public static func text(_ ticket: TicketID) -> SQLValue { .text(ticket.rawValue) }
    public static func integer(_ instant: Instant) -> SQLValue { .integer(instant.seconds) }
}

extension TableRow {
    public func instant(_ column: String) throws(StoreError) -> Instant { Instant(try int64(column)) }

    public func optionalInstant(_ column: String) throws(StoreError) -> Instant? {
        try optionalInt64(column).map { Instant($0) }
    }

    public func rep(_ column: String) throws(StoreError) -> RepName { RepName(try text(column)) }
    public func optionalRep(_ column: String) throws(StoreError) -> RepName? { try optionalText(column).map { RepName($0) } }
    /// A list of names kept one a line (opening and closing orders, rosters).
    public func reps(_ column: String) throws(StoreError) -> [RepName] { try lines(column).map { RepName($0) } }

    public func ticket(_ column: String) throws(StoreError) -> TicketID { TicketID(try text(column)) }
    public func optionalTicket(_ column: String) throws(StoreError) -> TicketID? {
        try optionalText(column).map { TicketID($0) }
    }
}
