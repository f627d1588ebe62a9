#if canImport(Glibc)
import Glibc
#endif
import LobbyCore
import LobbyText
import LobbyPlatform

/// `lobby report --html FILE`: one self-contained XHTML page (inline CSS and SVG, no scripts,
/// no fonts fetched) that prints on A4.
package enum ReportPage {
    package static func html(_ data: ReportData, language: Texts.Language) -> String {
        let t = { (key: String) in escape(Texts.shared.text("report.\(key)", language)) }
        let p = data.period
        let period = data.from == data.to ? data.from : "\(data.from) – \(data.to)"
        var out = """
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml" lang="\(language == .zh ? "zh-CN" : "en")">
            <head><meta charset="utf-8"/><title>\(t("title")) \(escape(period))</title>
            <style>
            @page { size: A4; margin: 14mm; }
            body { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; color: #222; max-width: 182mm; margin: 0 auto; font-size: 10pt; }
            h1 { font-size: 16pt; margin: 0 0 2mm; } h2 { font-size: 12pt; margin: 5mm 0 2mm; border-bottom: 1px solid #999; }
            table { border-collapse: collapse; width: 100%; margin-bottom: 2mm; }
            th, td { border: 1px solid #ccc; padding: 1mm 2mm; text-align: right; } th:first-child, td:first-child { text-align: left; }
            .kpis { display: flex; flex-wrap: wrap; gap: 3mm; } .kpi { border: 1px solid #bbb; padding: 2mm 3mm; min-width: 38mm; }
            .kpi b { display: block; font-size: 14pt; } .charts { display: flex; flex-wrap: wrap; gap: 4mm; }
            figure { margin: 0; break-inside: avoid; } figcaption { font-weight: bold; margin-bottom: 1mm; }
            section { break-inside: avoid; }
            </style></head>
            <body>
            <h1>\(t("title")) \(escape(period))</h1>
            <div class="kpis">
            \(kpi(t("visitors"), "\(p.visitors.groups) / \(p.visitors.people)"))
            \(kpi(t("waitMean"), ReportJSON.minutes(p.waits.mean)))
            \(kpi(t("waitP90"), ReportJSON.minutes(p.waits.p90)))
            \(kpi(t("serviceLevel") + " ≤\(p.waits.serviceLevelMinutes)", percent(p.waits.withinServiceLevel)))
            \(kpi(t("stillWaiting"), "\(p.waits.stillWaiting)"))
            \(kpi(t("notReceived"), "\(p.waits.notReceived)"))
            \(kpi(t("satisfaction"), p.satisfaction.n == 0 ? "–" : ReportJSON.minutes(p.satisfaction.mean)))
            \(kpi(t("complaints"), "\(p.complaints.opened) / \(p.complaints.stillOpen)"))
            \(kpi(t("registration"), percent(p.registrationCompleteness)))
            \(kpi(t("estimates"), "MAE \(ReportJSON.minutes(p.estimates.mae)) · p80 \(percent(p.estimates.p80Coverage))"))
            </div>
            <h2>\(t("charts"))</h2>
            <div class="charts">

            """
        out += chart("arrivals", t("arrivals"), p.visitors.byHour.map { ($0.key + ":00", Double($0.count)) })
        out += chart("waits", t("waits"), waitBuckets(data.input.visitors.map(\.wait)))
        out += chart("receptions", t("receptions"), p.reps.map { ($0.rep.rawValue, Double($0.counted)) })
        out += chart("satisfaction", t("satisfaction"), p.satisfaction.distribution.enumerated().map { ("\($0.offset + 1)★", Double($0.element)) })
        out += "</div>\n<section><h2>\(t("reps"))</h2>\n"
        out += table([t("rep"), t("counted"), t("uncounted"), t("assists"), t("covers"), t("receptionMean"), t("receptionMedian"), t("noshows"), t("satisfaction")],
                     p.reps.map { r in
                         [r.rep.rawValue, "\(r.counted)", "\(r.uncounted)" + (r.uncountedBy.isEmpty ? "" : " (" + r.uncountedBy.map { "\($0.key)×\($0.count)" }.joined(separator: " ") + ")"),
                          "\(r.assists)", "\(r.covers)", ReportJSON.minutes(r.receptionMean), ReportJSON.minutes(r.receptionMedian),
                          "\(r.noshows)", r.satisfactionN == 0 ? "–" : ReportJSON.minutes(r.satisfactionMean)]
                     })
        out += "</section>\n<section><h2>\(t("days"))</h2>\n"
        out += table([t("date"), t("visitors"), t("waitMean"), t("waitP90"), t("stillWaiting"), t("notReceived"), t("served"), t("noshows")],
                     data.days.map { d in
                         [d.key.date, "\(d.figures.visitors.groups)", ReportJSON.minutes(d.figures.waits.mean), ReportJSON.minutes(d.figures.waits.p90),
                          "\(d.figures.waits.stillWaiting)", "\(d.figures.waits.notReceived)", "\(d.day.figures.served)", "\(d.day.figures.noshows)"]
                     })
        out += "</section>\n<section><h2>\(t("flow"))</h2>\n"
        out += table([t("figure"), t("count")],
                     p.visitors.byPurpose.map { ["\(t("purpose")): \($0.key)", "\($0.count)"] }
                        + p.visitors.bySource.map { ["\(t("source")): \($0.key)", "\($0.count)"] }
                        + p.visitors.partySizes.map { ["\(t("party")): \($0.key)", "\($0.count)"] }
                        + p.visitors.budgets.map { ["\(t("budget")): \($0.key)", "\($0.count)"] }
                        + [["\(t("first"))", "\(p.visitors.first)"], ["\(t("returning"))", "\(p.visitors.returning)"],
                           ["\(t("booked"))", "\(p.visitors.booked)"],
                           ["\(t("bookings"))", "\(p.bookings.made) / \(p.bookings.kept) / \(p.bookings.noshows)"]], escaped: true)
        if !p.satisfaction.comments.isEmpty {
            out += "</section>\n<section><h2>\(t("comments"))</h2>\n"
            out += table([t("date"), t("score"), t("comment")], p.satisfaction.comments.map { [$0.day, "\($0.score)", $0.comment] })
        }
        if !p.actions.isEmpty {
            out += "</section>\n<section><h2>\(t("actions"))</h2>\n"
            out += table([t("time"), t("action"), t("by"), t("what"), t("why")], p.actions.map { [$0.at, Texts.shared.text("report.kind.\($0.kind)", language), $0.by, $0.what ?? "", $0.why ?? ""] })
        }
        out += "</section>\n</body>\n</html>\n"
        return out
    }

    package static func write(_ text: String, to path: String) throws {
        do {
            let file = try FileDescriptor.open(FilePath(path), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, permissions: 0o644)
            try file.writeAll(text)
            try file.close()
        } catch {
            throw LobbyError.failed("report: cannot write \(path): \(error)")
        }
    }

    static func escape(_ text: String) -> String { HTML.escape(text) }

    static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

    static func kpi(_ label: String, _ value: String) -> String {
        "<div class=\"kpi\">\(label)<b>\(escape(value))</b></div>"
    }

    static func table(_ header: [String], _ rows: [[String]], escaped: Bool = false) -> String {
        "<table><thead><tr>" + header.map { "<th>\($0)</th>" }.joined() + "</tr></thead><tbody>\n"
            + rows.map { "<tr>" + $0.map { "<td>\(escaped ? $0 : escape($0))</td>" }.joined() + "</tr>\n" }.joined()
            + "</tbody></table>\n"
    }

    /// Waits in five-minute bins, the last one open-ended.
    static func waitBuckets(_ waits: [Double]) -> [(String, Double)] {
        let edges = [0, 5, 10, 15, 20, 30]
        return edges.enumerated().map { index, lower in
            let upper = index + 1 < edges.count ? edges[index + 1] : nil
            let n = waits.filter { wait in wait >= Double(lower) && (upper.map { wait < Double($0) } ?? true) }.count
            return (upper.map { "\(lower)–\($0)" } ?? "\(lower)+", Double(n))
        }
    }

    /// A bar chart as inline SVG, one bar a label, with its value above it.
    static func chart(_ id: String, _ title: String, _ bars: [(String, Double)]) -> String {
        let width = 340.0, height = 170.0, top = 16.0, bottom = 28.0, left = 8.0
        let peak = max(bars.map(\.1).max() ?? 0, 1)
        let step = (width - 2 * left) / Double(max(bars.count, 1))
        var svg = "<figure><figcaption>\(title)</figcaption>"
        svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"chart-\(id)\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\">"
        svg += "<line x1=\"\(left)\" y1=\"\(height - bottom)\" x2=\"\(width - left)\" y2=\"\(height - bottom)\" stroke=\"#555\"/>"
        for (index, bar) in bars.enumerated() {
            let h = (height - top - bottom) * bar.1 / peak
            let x = left + Double(index) * step + step * 0.15
            let w = step * 0.7
            let y = height - bottom - h
            svg += "<rect class=\"bar\" x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(w))\" height=\"\(f(h))\" fill=\"#3b6ea5\"/>"
            svg += "<text x=\"\(f(x + w / 2))\" y=\"\(f(y - 3))\" font-size=\"10\" text-anchor=\"middle\">\(ReportJSON.minutes(bar.1))</text>"
            svg += "<text x=\"\(f(x + w / 2))\" y=\"\(f(height - bottom + 12))\" font-size=\"9\" text-anchor=\"middle\">\(escape(bar.0))</text>"
        }
        return svg + "</svg></figure>\n"
    }

    static func f(_ value: Double) -> String { String((value * 10).rounded() / 10) }
}
