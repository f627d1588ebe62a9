import LobbyCore

/// Whether each ticket's slip came out of the kiosk printer: 1 printed, 0 the print failed
/// (the visitor holds no slip), NULL no printer was asked.
extension Store {
    public func setPrinted(day: String, id: TicketID, _ printed: Bool) throws {
        try database.prepare("UPDATE tickets SET printed = ? WHERE day = ? AND id = ?")
            .run([.integer(printed ? 1 : 0), .text(day), .text(id)])
    }

    /// The tickets of `day` that a printer was asked to print, and whether it did.
    public func printed(day: String) throws -> [TicketID: Bool] {
        var result: [TicketID: Bool] = [:]
        for row in try database.prepare("SELECT id, printed FROM tickets WHERE day = ? AND printed IS NOT NULL").rows([.text(day)]) {
            if let id = row.text(0), let printed = row.optionalInt64(1) { result[id] = printed != 0 }
        }
        return result
    }
}
