import LobbyCore
import LobbyStore
import LobbyText
import LobbyPlatform
import LobbyServices

/// The appointments of a day or a period: the front desk's reminder list.
struct Bookings: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "bookings", abstract: "List appointments (预约) of a day or period: the reminder calls to make.",
        discussion: """
            Staff action. The bookings whose time falls on --date (default today; today and tomorrow \
            are accepted) or from --from to --to (whole business days), for one rep or all, in time \
            order, with their status (an open booking past bookingGraceMinutes is a noshow). The \
            visitor's name, phone and the note are shown to supervisors, the front desk and the \
            booked rep (each booking shown so is written to the access log); others see null. \
            --csv writes the list for a spreadsheet (UTF-8 with BOM, CRLF, RFC 4180), e.g. \
            lobby bookings --date tomorrow --csv for the calls to make.
            """,
        options: [date, from, to, rep, json, csv, StaffWords.languageOption])

    static let date = Option<String>(name: "--date", placeholder: "YYYY-MM-DD|today|tomorrow", help: "one business day (default today)") { text in
        ["today", "tomorrow"].contains(text.lowercased()) || CivilTime.parseDate(text) != nil
            ? .success(text.lowercased()) : .failure(BadValue(reason: "not a date like 2026-11-24, today or tomorrow", key: "notDate"))
    }
    static let from = Option.date("--from", help: "the first day of the period (with --to)")
    static let to = Option.date("--to", help: "the last day of the period (with --from)")
    static let rep = Option.rep("--rep", help: "only this rep's bookings")
    static let json = Option.flag("--json", help: """
        print {"from","to","bookings":[{"code","at","rep","party","status","ticket","name","phone","note"}]}
        """)
    static let csv = Option.flag("--csv", help: "print the list as CSV: date,time,rep,code,status,party,name,phone,note")

    let date: String?
    let from: String?
    let to: String?
    let rep: RepName?
    let json: Bool
    let csv: Bool
    let language: Texts.Language?

    init(_ arguments: Arguments) throws(LobbyError) {
        date = try arguments.value(Self.date)
        from = try arguments.value(Self.from)
        to = try arguments.value(Self.to)
        rep = try arguments.value(Self.rep)
        json = arguments.flag(Self.json)
        csv = arguments.flag(Self.csv)
        language = try arguments.value(StaffWords.languageOption)
        if json && csv { throw .usage("bookings: choose one of --json, --csv") }
        if date != nil && (from != nil || to != nil) { throw .usage("bookings: choose one of --date, --from/--to") }
        if (from == nil) != (to == nil) { throw .usage("bookings: --from and --to go together") }
        if let from, let to, from > to { throw .usage("bookings: --from \(from) is after --to \(to)") }
    }

    func staffAction(_ context: Context) -> StaffAction? { .book }

    func run(_ context: Context) throws {
        try context.require(.book, as: "bookings")
        let today = try context.dayKey().date
        let first: String
        let last: String
        switch date {
        case nil where from != nil:
            (first, last) = (from ?? today, to ?? today)
        case "tomorrow"?:
            let tomorrow = try BookingService.bounds(today, context: context).end
            let date = try context.dayKey(at: tomorrow).date
            (first, last) = (date, date)
        case let given?:
            let date = given == "today" ? today : given
            (first, last) = (date, date)
        case nil:
            (first, last) = (today, today)
        }
        let start = try BookingService.bounds(first, context: context).start
        let end = try BookingService.bounds(last, context: context).end
        let lines = try BookingService.list(from: start, before: end, rep: rep, context: context)
        if json {
            Output.line(JSON.object([
                ("from", .string(first)), ("to", .string(last)),
                ("bookings", .array(try lines.map { line in
                    .object([
                        ("code", .string(line.booking.code)),
                        ("at", .string(context.iso8601(line.booking.at, key: try context.dayKey(at: line.booking.at)))),
                        ("rep", .string(line.booking.rep)), ("party", .int(line.booking.party)),
                        ("status", .string(line.status.rawValue)), ("ticket", .string(line.booking.ticket)),
                        ("name", .string(line.name)), ("phone", .string(line.phone)), ("note", .string(line.note)),
                    ])
                })),
            ]).text)
        } else if csv {
            let header = ["date", "time", "rep", "code", "status", "party", "name", "phone", "note"]
            let rows = try lines.map { line -> [String] in
                let time = try Book.localTime(line.booking.at, context: context)
                return [String(time.prefix(10)), String(time.suffix(5)), line.booking.rep.rawValue, line.booking.code,
                        line.status.rawValue, String(line.booking.party), line.name ?? "", line.phone ?? "", line.note ?? ""]
            }
            Output.file(ReportTables.csv(rows: [header] + rows))
        } else {
            let words = StaffWords(language: try language ?? context.site.language)
            guard !lines.isEmpty else { return Output.line(words.text("bookingsNone", ["from": first, "to": last])) }
            var rows = [["bookingsWhen", "statusRep", "bookingsCode", "bookingsStatus", "bookingsParty", "bookingsWho", "bookingsPhone", "bookingsNote"]
                .map { words.text($0) }]
            for line in lines {
                rows.append([
                    try Book.localTime(line.booking.at, context: context), line.booking.rep.rawValue, line.booking.code,
                    words.text("booking." + line.status.rawValue), String(line.booking.party),
                    TerminalText.value(line.name ?? "-"), line.phone ?? "-", TerminalText.value(line.note ?? "-"),
                ])
            }
            for row in DisplayWidth.table(rows) { Output.line(row) }
        }
    }
}
