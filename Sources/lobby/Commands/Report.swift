import LobbyCore
import LobbyStore
import LobbyText
import LobbyPlatform
import LobbyPrinting
import LobbyServices

struct Report: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "report", abstract: "The figures of a day or a period: visitors, receptions per rep, waits, KPIs.",
        discussion: """
            Receptions per rep, counted and not counted with the rule that said so (R20–R27); waits of \
            everyone who waited, those still waiting and those never received included; the estimate's \
            accuracy; satisfaction, complaints, bookings, registration completeness and supervisor actions. \
            --csv writes one table (UTF-8 with BOM, CRLF), --html one printable page with charts.
            """,
        options: [date, from, to, month, json, csv, table, html, StaffWords.languageOption])

    static let date = Option.date("--date", help: "the business day (default today)")
    static let from = Option.date("--from", help: "the first day of the period (with --to)")
    static let to = Option.date("--to", help: "the last day of the period (with --from)")
    static let month = Option<String>(name: "--month", placeholder: "YYYY-MM", help: "a calendar month", parse: { text in
        CivilTime.parseDate(text + "-01") == nil || text.count != 7
            ? .failure(BadValue(reason: "not a month like 2026-11")) : .success(text)
    })
    static let json = Option.flag("--json", help: "print JSON")
    static let csv = Option.flag("--csv", help: "print one table as CSV for a spreadsheet (not with --json)")
    static let table = Option.oneOf("--table", ReportTables.names, help: "with --csv: the table (default summary)")
    static let html = Option.text("--html", "FILE", help: "write a printable page with charts to FILE")

    let from: String?
    let to: String?
    let single: Bool
    let json: Bool
    let csv: Bool
    let table: String
    let html: String?
    let language: Texts.Language?

    init(_ arguments: Arguments) throws(LobbyError) {
        let date = try arguments.value(Self.date)
        let from = try arguments.value(Self.from)
        let to = try arguments.value(Self.to)
        let month = try arguments.value(Self.month)
        json = arguments.flag(Self.json)
        csv = arguments.flag(Self.csv)
        html = try arguments.value(Self.html)
        language = try arguments.value(StaffWords.languageOption)
        let table = try arguments.value(Self.table)
        if [json, csv, html != nil].filter({ $0 }).count > 1 { throw .usage("report: choose one of --json, --csv, --html") }
        if table != nil && !csv { throw .usage("report: --table goes with --csv") }
        self.table = table ?? "summary"
        let forms = [date != nil, from != nil || to != nil, month != nil].filter { $0 }.count
        if forms > 1 { throw .usage("report: choose one of --date, --from/--to, --month") }
        if (from == nil) != (to == nil) { throw .usage("report: --from and --to go together") }
        if let from, let to, from > to { throw .usage("report: --from \(from) is after --to \(to)") }
        if let month {
            (self.from, self.to, single) = (month + "-01", month + "-31", false)
        } else if let from, let to {
            (self.from, self.to, single) = (from, to, from == to)
        } else {
            (self.from, self.to, single) = (date, date, true)
        }
    }

    func run(_ context: Context) throws {
        try context.requireStaff(for: "report")
        let today = try context.dayKey().date
        let data = try ReportData.load(from: from ?? today, to: to ?? today, single: single, context: context)
        var corrections: [JSON] = []
        for part in data.days {
            for note in try context.store.notes(day: part.key.date, kind: "undo") {
                corrections.append(.object([
                    ("at", .string(context.iso8601(note.at, key: part.key))), ("by", .string(note.actor)),
                    ("undid", .string(note.outcome)), ("why", .string(note.why)),
                ]))
            }
        }
        let language = try self.language ?? context.site.language
        if json {
            Output.line(ReportJSON.object(data, corrections: corrections, context: context).text)
        } else if csv {
            Output.file(ReportTables.csv(data, table: table))
        } else if let html {
            try ReportPage.write(ReportPage.html(data, language: language), to: html)
            Output.line(Texts.shared.text("report.written", language, ["file": html]))
        } else {
            for line in ReportText.lines(data, language: language) { Output.line(line) }
        }
    }
}

/// A past or present day, rebuilt from its events.
enum DayLoader {
    static func load(date: String?, context: Context) throws -> (DayKey, Day) {
        let today = try context.dayKey()
        guard let date, date != today.date else { return try context.today() }
        let store = try context.store
        let settings = try context.site.rules
        return try store.read {
            guard let offset = try store.dayOffset(date) else {
                throw LobbyError.notFound("date: no record of \(date)")
            }
            let key = DayKey(date: date, utcOffset: offset)
            return (key, try store.day(key, settings: settings))
        }
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
