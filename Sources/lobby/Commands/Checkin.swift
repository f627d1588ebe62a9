import LobbyCore
import LobbyText
import LobbyPlatform
import LobbyPrinting
import LobbyServices

struct Checkin: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "checkin", abstract: "Check a visitor in without the dialogue and print the ticket.",
        discussion: """
            The same check-in as the kiosk. Without --consent yes no name, phone, project, budget
            or source is stored (an anonymous ticket). A known customer's phone never changes their
            stored name: a different one waits for staff (lobby customer changes). Refused (exit 1) while check-in is paused (lobby kiosk pause) or
            outside the site's checkinHours. A phone of a customer owned by a rep routes the visitor to that rep
            (R11); --rep names a rep (R9); --purpose other goes to the tail rep (R15). A booking
            (--booking CODE or its QR text, or that day's booking of a consenting phone) routes the
            visitor to the booked rep as a named visitor (R9; R10 when that rep is away).
            --json gains "booking": the code of the booking kept, else null.
            """,
        options: [purpose, rep, party, firstVisit, consent, name, phone, project, budget, source, staff, brought, booking, json])

    // The kiosk's own checks, so a script is told exactly what a visitor would be.
    static let purpose = Option.checked(
        "--purpose", "buy|rent|other", help: "why the visitor came (default buy)", CheckinService.Check.purpose)
    static let rep = Option.rep("--rep", help: "the rep the visitor asks for (R9, R18)")
    static let party = Option.checked(
        "--party", "K", help: "people in the group, 1–30 (R24: one ticket)", CheckinService.Check.party)
    static let firstVisit = Option.yesNo("--first-visit", help: "whether this is the first visit")
    static let consent = Option.yesNo("--consent", help: "the visitor agrees that name and phone are kept")
    static let name = Option.text("--name", "N", help: "the visitor's name, kept only with --consent yes")
    static let phone = Option.text("--phone", "P", help: "the visitor's mobile number, kept only with --consent yes")
    static let project = Option.text("--project", "X", help: "the project they are interested in")
    static let budget = Option.text("--budget", "B", help: "their budget")
    static let source = Option.text("--source", "S", help: "how they heard of us")
    static let staff = Option.yesNo("--staff", help: "company or affiliate staff (R27: not counted)")
    static let brought = Option.yesNo("--brought", help: "brought by an existing customer (R18)")
    static let booking = Option.text("--booking", "CODE|QRTEXT", help: "the visitor's booking: its code or the text of its QR code (R9)")
    static let json = Option.flag("--json", help: "print the ticket as JSON")

    var request = CheckinRequest()
    let json: Bool

    init(_ arguments: Arguments) throws(LobbyError) {
        request.purpose = try arguments.value(Self.purpose) ?? .buy
        request.rep = try arguments.value(Self.rep)
        let party = try arguments.value(Self.party)
        request.party = party ?? 1
        request.partyStated = party != nil
        request.booking = try arguments.value(Self.booking)
        if request.booking != nil, request.rep != nil {
            throw .usage("checkin: --booking names the rep already; it does not go with --rep")
        }
        if request.booking != nil, try arguments.value(Self.purpose) == .other {
            throw .usage("checkin: --booking is an appointment with a rep; it does not go with --purpose other")
        }
        request.firstVisit = try arguments.value(Self.firstVisit)
        request.consent = try arguments.value(Self.consent) ?? false
        request.name = try arguments.value(Self.name)
        request.phone = try arguments.value(Self.phone)
        request.project = try arguments.value(Self.project)
        request.budget = try arguments.value(Self.budget)
        request.source = try arguments.value(Self.source)
        request.staff = try arguments.value(Self.staff) ?? false
        request.brought = try arguments.value(Self.brought) ?? false
        json = arguments.flag(Self.json)
    }

    func run(_ context: Context) throws {
        let ticket = try CheckinService.issue(request, context: context)
        if json {
            Output.line(ticket.json.text)
        } else {
            var line = "\(ticket.record.id)  \(ticket.category.rawValue)"
            if let rep = ticket.rep { line += "  → \(rep)" }
            if let booking = ticket.booking { line += "  booking \(booking)" }
            line += "  ahead \(ticket.ahead)"
            // No sales wait for other business, and none promised when nobody is on duty.
            if ticket.category == .other {
                line += ticket.rep == nil ? "  staff will come to the desk" : ""
            } else if !ticket.repsOnDuty {
                line += "  no rep on duty: no wait can be given"
            } else {
                line += "  wait " + (WaitWords.minutes(ticket.wait, .en).map { "~" + $0 } ?? "now")
            }
            Output.line(line)
            Output.line(ticket.qr)
        }
    }
}
