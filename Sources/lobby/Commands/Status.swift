import LobbyCore
import LobbyStore
import LobbyText
import LobbyPlatform
import LobbyPrinting
import LobbyServices

struct Status: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "status", abstract: "The staff view: rotation, serving, waiting, phone duty.",
        options: [json, StaffWords.languageOption])

    static let json = Option.flag("--json", help: "print the view as JSON (interface.md)")

    let json: Bool
    let language: Texts.Language?

    init(_ arguments: Arguments) throws(LobbyError) {
        json = arguments.flag(Self.json)
        language = try arguments.value(StaffWords.languageOption)
    }

    func run(_ context: Context) throws {
        let (key, day) = try context.today()
        let model = try context.serviceModel()
        let estimates = WaitEstimator.estimateAll(day: day, now: context.now, model: model, calibration: try context.waitCalibration(key))
        let waits = day.waiting.map { estimates[$0.id] ?? .zero }
        let printed = try context.store.printed(day: key.date)
        let closed = try CheckinClosedView.current(context)
        let store = try context.store
        let bookings = try store.read { try BookingService.today(store, key: key, context: context) }
        let settings = try context.site.rules
        let today = bookings.map { TodaysBooking($0, day: day, now: context.now, settings: settings, key: key, context: context) }
        if json {
            var view = StatusView(day: day, waits: waits, printed: printed, key: key, context: context)
            view.checkin = closed
            view.bookings = today
            Output.line(view.json.text)
            return
        }
        let words = StaffWords(language: try language ?? context.site.language)
        Output.line(StatusText.render(day: day, waits: waits, printed: printed, key: key, now: context.now,
                                      simulatedClock: context.clockIsSimulated, words: words, closed: closed,
                                      printerDevice: try context.site.printer?.device, bookings: today).joined(separator: "\n"))
    }
}

/// The staff view of `status --json` (interface.md): the rotation with places and states, the
/// waiting tickets with their estimates, the receptions being served, up and phone duty.
struct StatusView {
    struct Place {
        var rep: RepName
        var state: RepState
        var place: Int
        /// Kept free for a booked visitor: ready, keeping the place, not given rotation visitors.
        var held: Bool
    }

    struct Waiting {
        var ticket: TicketID
        var category: Category
        var since: String
        var rep: RepName?
        var ahead: Int
        var wait: Wait
        /// Nil when the kiosk had no printer for it.
        var printed: Bool?
    }

    struct Serving {
        var ticket: TicketID
        var rep: RepName
        var kind: ReceptionKind
        var since: String
    }

    var day: String
    var rotation: [Place]
    var waiting: [Waiting]
    var serving: [Serving]
    var up: RepName?
    var phoneDuty: RepName?
    var eventMode: Bool
    /// "system" or "simulated": whether this site runs on the system clock.
    var clock: String
    /// Why check-in issues no tickets now; nil while it is open.
    var checkin: CheckinClosedView?
    /// Today's appointments: code, time, rep, status; never who booked.
    var bookings: [TodaysBooking] = []

    init(day: Day, waits: [Wait], printed: [TicketID: Bool], key: DayKey, context: Context) {
        self.day = key.date
        rotation = day.rotation.enumerated().map { Place(rep: $1.name, state: $1.state, place: $0 + 1, held: day.isHeld($1.name)) }
        waiting = zip(day.waiting, waits).map { ticket, wait in
            Waiting(
                ticket: ticket.id, category: ticket.info.category, since: context.iso8601(ticket.issuedAt, key: key),
                rep: ticket.info.rep, ahead: day.ahead(of: ticket.id), wait: wait, printed: printed[ticket.id])
        }
        serving = day.openReceptions.map {
            Serving(ticket: $0.ticket, rep: $0.rep, kind: $0.kind, since: context.iso8601($0.calledAt, key: key))
        }
        up = day.up
        phoneDuty = day.phoneDuty
        eventMode = day.eventMode
        clock = context.clockIsSimulated ? "simulated" : "system"
    }

    /// The view's one JSON form.
    var json: JSON {
        .object([
            ("day", .string(day)),
            ("rotation", .array(rotation.map {
                .object([("rep", .string($0.rep)), ("state", .string($0.state.rawValue)), ("place", .int($0.place)), ("held", .bool($0.held))])
            })),
            ("waiting", .array(waiting.map { ticket in
                .object([
                    ("ticket", .string(ticket.ticket)), ("category", .string(ticket.category.rawValue)),
                    ("since", .string(ticket.since)), ("rep", .string(ticket.rep)), ("ahead", .int(ticket.ahead)),
                    ("wait", ticket.wait.json), ("printed", ticket.printed.map { .bool($0) } ?? .null),
                ])
            })),
            ("serving", .array(serving.map { reception in
                .object([
                    ("ticket", .string(reception.ticket)), ("rep", .string(reception.rep)),
                    ("kind", .string(reception.kind.rawValue)), ("since", .string(reception.since)),
                ])
            })),
            ("up", .string(up)),
            ("phoneDuty", .string(phoneDuty)),
            ("eventMode", .bool(eventMode)),
            ("clock", .string(clock)),
            ("checkin", checkin?.json ?? .object([("open", .bool(true))])),
            ("bookings", .array(bookings.map(\.json))),
        ])
    }
}

/// One of today's appointments as the staff's views show it (status, the desk): no one's details.
struct TodaysBooking {
    var code: String
    var at: Instant
    /// "14:00" in the site's zone.
    var time: String
    var iso: String
    var rep: RepName
    var party: Int
    /// The effective status (an open booking past its grace is a no-show, BookingRules).
    var status: BookingStatus
    var ticket: TicketID?
    /// Whether the booking holds its rep now.
    var holds: Bool

    init(_ booking: StoredBooking, day: Day, now: Instant, settings: Settings, key: DayKey, context: Context) {
        code = booking.code
        at = booking.at
        iso = context.iso8601(booking.at, key: key)
        time = String(iso.dropFirst(11).prefix(5))
        rep = booking.rep
        party = booking.party
        status = BookingRules.status(of: booking.slot, at: now, settings: settings)
        ticket = booking.ticket
        holds = day.hold(of: booking.rep)?.code == booking.code
    }

    var json: JSON {
        .object([
            ("code", .string(code)), ("at", .string(iso)), ("rep", .string(rep)), ("party", .int(party)),
            ("status", .string(status.rawValue)), ("ticket", .string(ticket)), ("holds", .bool(holds)),
        ])
    }
}
