import LobbyCore
import LobbyStore
import LobbyText
import LobbyPlatform
import LobbyPrinting
import LobbyServices

struct Replay: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "replay", abstract: "Rebuild a day from its opening order and events; check it and the chain against the record.",
        discussion: """
            Exit 0 when the chain of events is whole and the rebuilt final order and tallies equal \
            what was stored; exit 1 naming the first broken event (seq, day, kind) or the first \
            difference otherwise. lobby verify checks every day.
            """,
        options: [date])

    static let date = Option.date("--date", help: "the business day (default today)")

    let date: String?

    init(_ arguments: Arguments) throws(LobbyError) {
        date = try arguments.value(Self.date)
    }

    func run(_ context: Context) throws {
        let store = try context.store
        let report = try RecordCheck.chain(store)
        let (key, day) = try DayLoader.load(date: date, context: context)
        try RecordCheck.day(key, day, store: store)
        let events = try store.eventCount(key.date)
        Output.line("replay \(key.date): \(events) events; final order and tallies match the record; the chain of \(report.events) events is whole")
        Output.line("order: " + day.closingOrder.map(\.rawValue).joined(separator: ", "))
    }
}
