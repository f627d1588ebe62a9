import LobbyCore
import LobbyStore
import LobbyText
import LobbyPlatform
import LobbyServices

/// An appointment (预约): made, cancelled or moved by staff.
struct Book: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "book", abstract: "Make an appointment (预约) for a visitor with a rep; cancel or move one.",
        discussion: """
            Staff action. book makes a booking for a consenting visitor (--consent yes: their name \
            and phone are kept, sealed with the site's key, in their customer record) and prints \
            its six-digit code and the text of its QR code. At the kiosk or with lobby checkin \
            (--booking CODE, or the visitor's phone that day) the visitor is routed to the booked \
            rep as a named visitor (R9; covered by the rep who is up when that rep is away, R10). \
            From bookingHoldMinutes (default 10) before the time the rep is given no rotation \
            visitors and keeps their place; a booking not kept bookingGraceMinutes (default 15) \
            after its time is a no-show. --at takes an ISO 8601 time with an offset, or without \
            one in the site's zone (2026-11-24T14:00). cancel CODE and move CODE --at TIME change \
            an open booking. Exit 4 for an unknown code; exit 1 for a time already past or a \
            booking that is not open.
            """,
        forms: [
            Form(options: [phone, name, rep, at, party, note, consent, json]),
            Form(word: "cancel", arguments: [code], options: [json]),
            Form(word: "move", arguments: [code], options: [at, json]),
        ])

    static let phone = Option.text("--phone", "P", help: "the visitor's mobile number").isRequired()
    static let name = Option.text("--name", "N", help: "the visitor's name").isRequired()
    static let rep = Option.rep("--rep", help: "the rep the visitor is booked with").isRequired()
    static let at = Option<String>(
        name: "--at", placeholder: "ISO", help: "when: 2026-11-24T14:00 (the site's zone) or with an offset, 2026-11-24T14:00+08:00"
    ) { text in
        BookingService.Time.parse(text) == nil
            ? .failure(BadValue(reason: "not a time like 2026-11-24T14:00 or 2026-11-24T14:00+08:00", key: "notTime")) : .success(text)
    }.isRequired()
    static let party = Option.checked(
        "--party", "K", help: "people expected, 1–30 (default 1)", CheckinService.Check.party)
    static let note = Option.text("--note", "TEXT", help: "what the visit is about (sealed; at most 500 characters)")
    static let consent = Option.yesNo("--consent", help: "the visitor agrees that name and phone are kept (required: yes)").isRequired()
    static let code = Argument("CODE", help: "the booking's code (six digits) or the text of its QR code")
    static let json = Option.flag("--json", help: "print {\"code\",\"qr\",\"at\",\"rep\",\"party\",\"status\"}")

    enum Action {
        case make(BookingService.Request)
        case cancel(String)
        case move(String, to: String)
    }

    let action: Action
    let json: Bool

    init(_ arguments: Arguments) throws(LobbyError) {
        json = arguments.flag(Self.json)
        switch arguments.form.word {
        case "cancel":
            action = .cancel(try arguments.required(Self.code))
        case "move":
            action = .move(try arguments.required(Self.code), to: try arguments.required(Self.at))
        default:
            // PIPL: a booking keeps who the visitor is, so it is made only with their consent.
            guard try arguments.required(Self.consent) else {
                throw .refused("refusal.bookingConsent", [:],
                               "consent: a booking keeps the visitor's name and phone; it needs their consent (--consent yes)")
            }
            action = .make(BookingService.Request(
                phone: try arguments.required(Self.phone), name: try arguments.required(Self.name),
                rep: try arguments.required(Self.rep), at: try arguments.required(Self.at),
                party: try arguments.value(Self.party) ?? 1, note: try arguments.value(Self.note)))
        }
    }

    func staffAction(_ context: Context) -> StaffAction? { .book }

    func run(_ context: Context) throws {
        let form: String
        switch action {
        case .make: form = "book"
        case .cancel: form = "book cancel"
        case .move: form = "book move"
        }
        try context.require(.book, as: form)
        let site = try context.site
        switch action {
        case let .make(request):
            let booking = try BookingService.book(request, context: context)
            let qr = BookingService.qrText(site: site, code: booking.code)
            if json {
                Output.line(try Self.json(booking, qr: qr, context: context).text)
            } else {
                Output.line(StaffLanguage.say("done.book", try Self.values(booking, context: context)))
                Output.line(qr)
            }
        case let .cancel(code):
            let booking = try BookingService.cancel(code, context: context)
            if json {
                Output.line(try Self.json(booking, qr: BookingService.qrText(site: site, code: booking.code), context: context).text)
            } else {
                Output.line(StaffLanguage.say("done.bookCancel", try Self.values(booking, context: context)))
            }
        case let .move(code, time):
            let (before, after) = try BookingService.move(code, to: time, context: context)
            if json {
                Output.line(try Self.json(after, qr: BookingService.qrText(site: site, code: after.code), context: context).text)
            } else {
                var values = try Self.values(after, context: context)
                values["from"] = try Self.localTime(before.at, context: context)
                Output.line(StaffLanguage.say("done.bookMove", values))
            }
        }
    }

    /// "2026-11-24 14:00" in the site's zone at that time.
    static func localTime(_ at: Instant, context: Context) throws -> String {
        let iso = context.iso8601(at, key: try context.dayKey(at: at))
        return String(iso.prefix(10)) + " " + String(iso.dropFirst(11).prefix(5))
    }

    private static func values(_ booking: StoredBooking, context: Context) throws -> [String: String] {
        ["code": booking.code, "rep": booking.rep.rawValue, "at": try localTime(booking.at, context: context), "n": String(booking.party)]
    }

    private static func json(_ booking: StoredBooking, qr: String, context: Context) throws -> JSON {
        .object([
            ("code", .string(booking.code)), ("qr", .string(qr)),
            ("at", .string(context.iso8601(booking.at, key: try context.dayKey(at: booking.at)))),
            ("rep", .string(booking.rep)), ("party", .int(booking.party)), ("status", .string(booking.status.rawValue)),
        ])
    }
}
