import LobbyCore
import LobbyStore
import LobbyText
import LobbyPlatform
import LobbyPrinting
import LobbyServices

/// A day's chain head, printed and, on demand, published (the first write of each business
/// day publishes the previous day's by itself).
struct Head: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "head", abstract: "Print a day's chain head; --publish also writes it to syslog and chainHeadsFile.",
        discussion: """
            The head is the hash of the day's last event. The first write of each business day \
            publishes the previous day's head by itself; --publish is for a day's head now (at \
            closing time, or before a backup). A head of a day still open changes with its next event.
            """,
        options: [date, publishOption])

    static let date = Option.date("--date", help: "the business day (default today)")
    static let publishOption = Option.flag("--publish", help: "also log it with logger and append it to site.json's chainHeadsFile")

    let day: String?
    let publish: Bool

    init(_ arguments: Arguments) throws(LobbyError) {
        day = try arguments.value(Self.date)
        publish = arguments.flag(Self.publishOption)
    }

    func run(_ context: Context) throws {
        let store = try context.store
        let date = try day ?? context.dayKey().date
        guard let head = try store.read({ try store.chainHead(date) }) else {
            throw LobbyError.notFound("date: no events recorded on \(date)")
        }
        if publish {
            Output.line(ChainHeads.publish(head, context: context))
        } else {
            Output.line(ChainHeads.line(head, siteId: try context.site.siteId))
        }
    }
}
