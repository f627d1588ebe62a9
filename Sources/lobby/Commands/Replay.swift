import LobbyCore
import LobbyStore

struct Replay: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "replay", abstract: "Rebuild a day from its opening order and events; check it against the record.",
        discussion: "Exit 0 when the rebuilt final order and tallies equal what was stored; exit 1 with the first difference otherwise.",
        options: [date])

    static let date = Option.date("--date", help: "the business day (default today)")

    let date: String?

    init(_ arguments: Arguments) throws(LobbyError) {
        date = try arguments.value(Self.date)
    }

    func run(_ context: Context) throws {
        let store = try context.store
        let (key, day) = try DayLoader.load(date: date, context: context)
        guard let stored = try store.read({ try store.storedSnapshot(key.date) }) else {
            throw LobbyError.notFound("date: no record of \(key.date)")
        }
        let events = try store.eventCount(key.date)
        if day.closingOrder != stored.order {
            throw LobbyError.refused("replay \(key.date): final order differs: rebuilt \(day.closingOrder.joined(separator: ",")), stored \(stored.order.joined(separator: ","))")
        }
        let rebuilt = day.tallies
        for name in Set(rebuilt.keys).union(stored.tallies.keys).sorted() where rebuilt[name] != stored.tallies[name] {
            let r = rebuilt[name] ?? Day.Tally(), s = stored.tallies[name] ?? Day.Tally()
            throw LobbyError.refused("replay \(key.date): tally of \(name) differs: rebuilt \(r.counted)/\(r.uncounted), stored \(s.counted)/\(s.uncounted) (counted/uncounted)")
        }
        Output.line("replay \(key.date): \(events) events; final order and tallies match the record")
        Output.line("order: " + day.closingOrder.joined(separator: ", "))
    }
}
