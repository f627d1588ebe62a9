import LobbyCore
import LobbyText

/// `lobby report --csv --table NAME`: one table a file, for a spreadsheet: UTF-8 with a BOM
/// (so that Excel reads the Chinese), CRLF line ends, RFC 4180 quoting.
package enum ReportTables {
    package static let names = ["summary", "days", "visitors", "reps", "waits", "satisfaction", "complaints", "bookings", "actions", "receptions"]

    package static func csv(_ data: ReportData, table: String) -> String {
        csv(rows: rows(data, table: table))
    }

    /// Any table as the report writes it (the bookings' reminder list too).
    package static func csv(rows: [[String]]) -> String {
        "\u{FEFF}" + rows.map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }

    /// A field as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break.
    static func field(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    static func number(_ value: Double) -> String { ReportJSON.minutes(value) }
    static func share(_ value: Double) -> String { String(ReportMath.thousandth(value)) }

    static func rows(_ data: ReportData, table: String) -> [[String]] {
        let p = data.period
        switch table {
        case "days":
            return [["date", "groups", "people", "served", "noshows", "stillWaiting", "notReceived", "waitMean", "waitP50",
                     "waitP90", "waitLongest", "withinServiceLevel", "estimatesN", "estimatesMAE", "p80Coverage",
                     "satisfactionN", "satisfactionMean", "complaintsOpened", "complaintsResolved", "bookingsMade",
                     "bookingsKept", "bookingsNoshows", "registrationComplete"]]
                + data.days.map { part in
                    let f = part.figures
                    return [part.key.date, "\(f.visitors.groups)", "\(f.visitors.people)", "\(part.day.figures.served)",
                            "\(part.day.figures.noshows)", "\(f.waits.stillWaiting)", "\(f.waits.notReceived)",
                            number(f.waits.mean), number(f.waits.p50), number(f.waits.p90), number(f.waits.longest),
                            share(f.waits.withinServiceLevel), "\(f.estimates.n)", number(f.estimates.mae),
                            share(f.estimates.p80Coverage), "\(f.satisfaction.n)", number(f.satisfaction.mean),
                            "\(f.complaints.opened)", "\(f.complaints.resolved)", "\(f.bookings.made)", "\(f.bookings.kept)",
                            "\(f.bookings.noshows)", share(f.registrationCompleteness)]
                }
        case "visitors":
            return [["date", "ticket", "hour", "purpose", "source", "visit", "party", "budget", "budgetBucket"]]
                + data.input.visitors.map { v in
                    [v.day, v.ticket.rawValue, "\(v.hour)", v.purpose, v.source ?? "", v.visit, "\(v.party)", v.budget ?? "",
                     ReportMath.budgetBucket(v.budget)]
                }
        case "waits":
            return [["date", "ticket", "wait", "outcome", "quotedP50", "quotedP80"]]
                + data.input.visitors.map { v in
                    [v.day, v.ticket.rawValue, number(v.wait), v.outcome.rawValue, v.quotedP50.map { "\($0)" } ?? "", v.quotedP80.map { "\($0)" } ?? ""]
                }
        case "reps":
            let header = ["date", "rep", "counted", "uncounted", "uncountedBy", "assists", "covers", "receptionMean",
                          "receptionMedian", "noshows", "satisfactionN", "satisfactionMean"]
            func lines(_ label: String, _ f: ReportFigures) -> [[String]] {
                f.reps.map { r in
                    [label, r.rep.rawValue, "\(r.counted)", "\(r.uncounted)", r.uncountedBy.map { "\($0.key)×\($0.count)" }.joined(separator: " "),
                     "\(r.assists)", "\(r.covers)", number(r.receptionMean), number(r.receptionMedian), "\(r.noshows)",
                     "\(r.satisfactionN)", number(r.satisfactionMean)]
                }
            }
            return [header] + lines("all", p) + data.days.flatMap { lines($0.key.date, $0.figures) }
        case "satisfaction":
            return [["date", "ticket", "rep", "score", "comment"]]
                + data.input.feedback.map { [$0.day, $0.ticket.rawValue, $0.rep?.rawValue ?? "", "\($0.score)", $0.comment ?? ""] }
        case "complaints":
            return [["date", "opened", "resolved", "handlingMinutes"]]
                + data.input.complaints.map { c in
                    [c.day, "\(c.openedAt.seconds)", c.resolvedAt.map { "\($0.seconds)" } ?? "",
                     c.resolvedAt.map { number(Double($0 - c.openedAt) / 60) } ?? ""]
                }
        case "bookings":
            return [["date", "status"]] + data.input.bookings.map { [$0.day, $0.status] }
        case "actions":
            return [["date", "at", "kind", "by", "what", "why"]]
                + data.input.actions.map { [$0.day, $0.at, $0.kind, $0.by, $0.what ?? "", $0.why ?? ""] }
        case "receptions":
            return [["date", "ticket", "rep", "kind", "called_at", "finished_at", "counted", "rule"]]
                + data.days.flatMap { part in
                    part.day.receptions.map { r in
                        [part.key.date, r.ticket.rawValue, r.rep.rawValue, r.kind.rawValue, "\(r.calledAt.seconds)", r.finishedAt.map { "\($0.seconds)" } ?? "",
                         r.counted ? "yes" : "no", r.rule?.rawValue ?? ""]
                    }
                }
        default:
            var rows: [[String]] = [["figure", "value"],
                ["from", data.from], ["to", data.to], ["days", "\(data.days.count)"],
                ["visitors.groups", "\(p.visitors.groups)"], ["visitors.people", "\(p.visitors.people)"],
                ["visitors.first", "\(p.visitors.first)"], ["visitors.returning", "\(p.visitors.returning)"],
                ["visitors.booked", "\(p.visitors.booked)"],
                ["wait.n", "\(p.waits.n)"], ["wait.mean", number(p.waits.mean)], ["wait.p50", number(p.waits.p50)],
                ["wait.p90", number(p.waits.p90)], ["wait.longest", number(p.waits.longest)],
                ["wait.withinServiceLevel", share(p.waits.withinServiceLevel)],
                ["wait.serviceLevelMinutes", "\(p.waits.serviceLevelMinutes)"],
                ["stillWaiting", "\(p.waits.stillWaiting)"], ["notReceived", "\(p.waits.notReceived)"],
                ["estimates.n", "\(p.estimates.n)"], ["estimates.mae", number(p.estimates.mae)],
                ["estimates.p80Coverage", share(p.estimates.p80Coverage)],
                ["satisfaction.n", "\(p.satisfaction.n)"], ["satisfaction.mean", number(p.satisfaction.mean)],
                ["complaints.opened", "\(p.complaints.opened)"], ["complaints.resolved", "\(p.complaints.resolved)"],
                ["complaints.stillOpen", "\(p.complaints.stillOpen)"],
                ["complaints.handlingMedian", number(p.complaints.handlingMedian)],
                ["complaints.handlingLongest", number(p.complaints.handlingLongest)],
                ["bookings.made", "\(p.bookings.made)"], ["bookings.kept", "\(p.bookings.kept)"],
                ["bookings.noshows", "\(p.bookings.noshows)"],
                ["registration.consenting", "\(p.consenting)"], ["registration.complete", share(p.registrationCompleteness)],
            ]
            for r in p.reps {
                rows.append(["reps.\(r.rep).counted", "\(r.counted)"])
                rows.append(["reps.\(r.rep).uncounted", "\(r.uncounted)"])
            }
            for a in p.actionCounts { rows.append(["actions.\(a.key)", "\(a.count)"]) }
            return rows
        }
    }
}
