// The wait estimate corrects itself from the site's own record of quoted against real waits.
import Foundation
import Testing

@Suite("Calibrated quotes")
struct CalibrationTests {
    /// The site's record as the test keeps it: the simulation's quantiles stored at check-in,
    /// and the wait the test itself imposed.
    struct Past {
        var issued: Date
        var raw50: Double
        var raw80: Double
        var real: Double
    }

    /// The correction the README describes, worked out here: weights halving every 2 days, the
    /// smallest p80 scale whose rounded quotes cover 0.822 of the weight plus one visitor's, the
    /// p50 scale of least absolute error if it lowers that by 10 %, both drawn toward 1 by a
    /// prior of 20 records.
    func expected(_ past: [Past], at fit: Date) -> (p50: Double, p80: Double) {
        let used = past.filter { $0.raw80 >= 1 }
        let weights = used.map { pow(2, -fit.timeIntervalSince($0.issued) / 86_400 / 2) }
        let total = weights.reduce(0, +)
        let pull = { (scale: Double) in min(3, max(0.5, (total * scale + 20) / (total + 20))) }
        let thresholds = zip(used, weights).map { ((ceil($0.real) - 0.5) / $0.raw80, $1) }.sorted { $0.0 < $1.0 }
        var sum = 0.0
        var p80 = 3.0
        for (scale, weight) in thresholds {
            sum += weight
            if sum >= 0.822 * (total + 1) { p80 = scale; break }
        }
        let ratios = zip(used, weights).map { ($0.real / $0.raw50, $1 * $0.raw50) }.sorted { $0.0 < $1.0 }
        let half = ratios.map(\.1).reduce(0, +) / 2
        var median = 1.0
        sum = 0
        for (ratio, weight) in ratios {
            sum += weight
            if sum >= half { median = ratio; break }
        }
        let error = { (scale: Double) in zip(used, weights).map { $1 * abs($0.real - ($0.raw50 * scale).rounded()) }.reduce(0, +) }
        let p50 = error(pull(median)) < 0.9 * error(1) ? pull(median) : 1
        return (p50, pull(p80))
    }

    @Test("a site whose quotes ran short is told a larger p80 the next day than its simulation says")
    func underCoveringHistory() throws {
        let lobby = try Lobby()
        // The simulation believes 10-minute receptions; this site's take 20.
        try lobby.useSite(["defaultServiceMinutes": 10])
        try lobby.bootstrap(reps: ["Wang"])
        lobby.at("10:00")
        _ = try lobby.checkin()
        _ = try lobby.call()
        for minute in 1...8 {
            lobby.at(String(format: "10:%02d", minute))
            _ = try lobby.checkin()
        }
        var called: [String: String] = [:]
        for k in 1...8 {
            let at = String(format: "%02d:%02d", 10 + (20 * k) / 60, (20 * k) % 60)
            lobby.at(at)
            try lobby.ok(["finish", String(format: "A%03d", k)])
            let next = try #require(try lobby.call().str("ticket"))
            called[next] = at
        }
        let iso = ISO8601DateFormatter()
        var past: [Past] = []
        for row in try lobby.rows("SELECT id, raw_p50, raw_p80 FROM tickets WHERE day = '2026-11-23' ORDER BY seq") {
            let parts = row.split(separator: "|").map(String.init)
            let ticket = parts[0]
            let sequence = try #require(Int(ticket.dropFirst()))
            let issued = try #require(iso.date(from: String(format: "2026-11-23T10:%02d:00+08:00", sequence - 1)))
            let call = try #require(iso.date(from: "2026-11-23T\(called[ticket] ?? "10:00"):00+08:00"))
            past.append(Past(issued: issued, raw50: try #require(Double(parts[1])), raw80: try #require(Double(parts[2])),
                             real: call.timeIntervalSince(issued) / 60))
        }
        #expect(past.count == 9)
        let short = past.filter { $0.raw80 >= 1 && $0.real > $0.raw80.rounded() }.count
        #expect(short >= 6, "the day's quotes ran short: \(past)")

        // The next day's first write fits the correction; its check-ins apply it.
        lobby.date = "2026-11-24"
        lobby.at("10:00")
        _ = try lobby.checkin()
        _ = try lobby.call()
        lobby.at("10:01")
        let told = try #require(try lobby.checkin().obj("wait"))
        let stored = try #require(try lobby.rows("SELECT raw_p50, raw_p80 FROM tickets WHERE day = '2026-11-24' AND id = 'A002'").first)
        let raw = stored.split(separator: "|").compactMap { Double(String($0)) }
        try #require(raw.count == 2)
        let scales = expected(past, at: try #require(iso.date(from: "2026-11-24T10:00:00+08:00")))
        #expect(scales.p80 > 1)
        let p50 = Int((raw[0] * scales.p50).rounded())
        let p80 = max(p50, Int((raw[1] * scales.p80).rounded()))
        #expect(told["p50"] as? Int == p50, "told \(told), raw \(raw), scales \(scales)")
        #expect(told["p80"] as? Int == p80, "told \(told), raw \(raw), scales \(scales)")
        #expect(p80 > Int(raw[1].rounded()), "the p80 told is larger than the simulation's own")
        // The quote kept for the report is the one told; the staff's view of the line agrees.
        #expect(try lobby.rows("SELECT quoted_p50, quoted_p80 FROM tickets WHERE day = '2026-11-24' AND id = 'A002'") == ["\(p50)|\(p80)"])
        let waiting = try lobby.status().waiting.first { $0.str("ticket") == "A002" }
        #expect(waiting?.obj("wait")?["p80"] as? Int == p80, "\(String(describing: waiting))")
        // The day's real waits were kept when it closed, as the test imposed them.
        let kept = try lobby.rows("SELECT id, waited FROM tickets WHERE day = '2026-11-23' ORDER BY seq").map {
            Double($0.split(separator: "|").last.map(String.init) ?? "") ?? -1
        }
        #expect(kept == past.map(\.real))
    }
}
