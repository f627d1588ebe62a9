import LobbyCore
import LobbyStore
import LobbyText

/// `lobby report` without a format: the lines a person reads, in the staff's language, every
/// word from texts.json.
package enum ReportText {
    package static func lines(_ data: ReportData, language: Texts.Language) -> [String] {
        let t = { (key: String, values: [String: String]) in Texts.shared.text("report.\(key)", language, values) }
        let p = data.period
        let period = data.from == data.to ? data.from : "\(data.from) – \(data.to)"
        var lines = [t("line", [
            "period": period, "visitors": "\(p.visitors.groups)", "mean": ReportJSON.minutes(p.waits.mean),
            "p90": ReportJSON.minutes(p.waits.p90), "still": "\(p.waits.stillWaiting)", "unreceived": "\(p.waits.notReceived)",
        ])]
        for rep in p.reps {
            let rules = rep.uncountedBy.map { "\($0.key)×\($0.count)" }.joined(separator: " ")
            lines.append(t("repLine", [
                "rep": rep.rep.rawValue, "counted": "\(rep.counted)", "uncounted": "\(rep.uncounted)",
                "rules": rules.isEmpty ? "" : t("repRules", ["rules": rules]),
            ]))
        }
        let unreceived = data.days.flatMap { part in part.unreceived.map { data.days.count > 1 ? "\(part.key.date) \($0.rawValue)" : $0.rawValue } }
        if !unreceived.isEmpty {
            lines.append(t("notReceivedLine", ["tickets": unreceived.joined(separator: " ")]))
        }
        for part in data.days {
            for action in part.figures.actions where action.kind == EventKind.undo.rawValue {
                lines.append(t("correctionLine", [
                    "time": String(action.at.dropFirst(11).prefix(5)), "by": action.by, "what": action.what ?? "?",
                    "why": action.why.map { t("correctionWhy", ["why": $0]) } ?? "",
                ]))
            }
        }
        return lines
    }
}
