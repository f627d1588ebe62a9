import LobbyCore
import LobbyText

/// `lobby report --json`: the fields of interface.md for the whole period (a single day's
/// report is the period of one day), the new figures beside them, and the same per day.
package enum ReportJSON {
    package static func object(_ data: ReportData, corrections: [JSON], context: Context) -> JSON {
        let p = data.period
        var fields: [(String, JSON)] = [
            ("date", .string(data.from)), ("from", .string(data.from)), ("to", .string(data.to)),
        ]
        fields += figures(p, days: data.days)
        fields.append(("receptions", .array(data.days.flatMap { part in
            part.day.receptions.map { r in
                JSON.object([
                    ("date", .string(part.key.date)),
                    ("ticket", .string(r.ticket)), ("rep", .string(r.rep)), ("kind", .string(r.kind.rawValue)),
                    ("counted", .bool(r.counted)), ("rule", .string(r.rule?.rawValue)),
                    ("calledAt", .string(context.iso8601(r.calledAt, key: part.key))),
                    ("finishedAt", .string(r.finishedAt.map { context.iso8601($0, key: part.key) })),
                ])
            }
        })))
        // Closed at the end of the business day while still waiting; never counted.
        let many = data.days.count > 1
        fields.append(("notReceived", .array(data.days.flatMap { part in
            part.unreceived.map { JSON.string(many ? "\(part.key.date) \($0)" : $0) }
        })))
        fields.append(("corrections", .array(corrections)))
        fields.append(("days", .array(data.days.map { part in
            .object([("date", .string(part.key.date))] + figures(part.figures, days: [part])
                + [("notReceived", .array(part.unreceived.map { .string($0) }))])
        })))
        return .object(fields)
    }

    /// The figures of a period or a day, in the order the report gives them.
    static func figures(_ f: ReportFigures, days: [ReportData.DayPart]) -> [(String, JSON)] {
        let served = days.reduce(0) { $0 + $1.day.figures.served }
        let noshows = days.reduce(0) { $0 + $1.day.figures.noshows }
        return [
            ("reps", .array(f.reps.map { rep in
                .object([
                    ("rep", .string(rep.rep)), ("counted", .int(rep.counted)), ("uncounted", .int(rep.uncounted)),
                    ("uncountedBy", counts(rep.uncountedBy)),
                    ("assists", .int(rep.assists)), ("covers", .int(rep.covers)),
                    ("receptionMean", .number(ReportMath.tenth(rep.receptionMean))),
                    ("receptionMedian", .number(ReportMath.tenth(rep.receptionMedian))),
                    ("noshows", .int(rep.noshows)),
                    ("satisfaction", .object([("n", .int(rep.satisfactionN)), ("mean", .number(ReportMath.tenth(rep.satisfactionMean)))])),
                ])
            })),
            ("visitors", .int(f.visitors.groups)),
            ("people", .int(f.visitors.people)),
            ("served", .int(served)),
            ("noshows", .int(noshows)),
            ("stillWaiting", .int(f.waits.stillWaiting)),
            ("flow", .object([
                ("groups", .int(f.visitors.groups)), ("people", .int(f.visitors.people)),
                ("byHour", counts(f.visitors.byHour)), ("byPurpose", counts(f.visitors.byPurpose)),
                ("bySource", counts(f.visitors.bySource)),
                ("first", .int(f.visitors.first)), ("returning", .int(f.visitors.returning)), ("booked", .int(f.visitors.booked)),
                ("partySizes", counts(f.visitors.partySizes)), ("budgets", counts(f.visitors.budgets)),
            ])),
            ("wait", .object([
                ("mean", .number(ReportMath.tenth(f.waits.mean))), ("p90", .number(ReportMath.tenth(f.waits.p90))),
                ("p50", .number(ReportMath.tenth(f.waits.p50))), ("longest", .number(ReportMath.tenth(f.waits.longest))),
                ("n", .int(f.waits.n)),
                ("withinServiceLevel", .number(ReportMath.thousandth(f.waits.withinServiceLevel))),
                ("serviceLevelMinutes", .int(f.waits.serviceLevelMinutes)),
                ("stillWaiting", .int(f.waits.stillWaiting)), ("notReceived", .int(f.waits.notReceived)),
            ])),
            ("estimates", .object([
                ("n", .int(f.estimates.n)), ("mae", .number(ReportMath.tenth(f.estimates.mae))),
                ("p80Coverage", .number(ReportMath.thousandth(f.estimates.p80Coverage))),
            ])),
            ("satisfaction", .object([
                ("n", .int(f.satisfaction.n)), ("mean", .number(ReportMath.tenth(f.satisfaction.mean))),
                ("distribution", .object(f.satisfaction.distribution.enumerated().map { ("\($0.offset + 1)", JSON.int($0.element)) })),
                ("comments", .array(f.satisfaction.comments.map { c in
                    .object([("date", .string(c.day)), ("ticket", .string(c.ticket)), ("score", .int(c.score)), ("comment", .string(c.comment))])
                })),
            ])),
            ("complaints", .object([
                ("opened", .int(f.complaints.opened)), ("resolved", .int(f.complaints.resolved)),
                ("stillOpen", .int(f.complaints.stillOpen)),
                ("handlingMedian", .number(ReportMath.tenth(f.complaints.handlingMedian))),
                ("handlingLongest", .number(ReportMath.tenth(f.complaints.handlingLongest))),
            ])),
            ("bookings", .object([
                ("made", .int(f.bookings.made)), ("kept", .int(f.bookings.kept)), ("noshows", .int(f.bookings.noshows)),
                ("cancelled", .int(f.bookings.cancelled)),
            ])),
            ("registration", .object([
                ("consenting", .int(f.consenting)),
                ("complete", .number(ReportMath.thousandth(f.registrationCompleteness))),
            ])),
            ("actions", .array(f.actions.map { a in
                .object([("date", .string(a.day)), ("at", .string(a.at)), ("kind", .string(a.kind)), ("by", .string(a.by)),
                         ("what", .string(a.what)), ("why", .string(a.why))])
            })),
        ]
    }

    static func counts(_ pairs: [(key: String, count: Int)]) -> JSON {
        .object(pairs.map { ($0.key, JSON.int($0.count)) })
    }

    package static func minutes(_ value: Double) -> String {
        let tenth = ReportMath.tenth(value)
        return tenth == tenth.rounded() ? String(Int(tenth)) : String(tenth)
    }
}
