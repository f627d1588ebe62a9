#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import LobbyCore

@Suite("Wait calibration")
struct WaitCalibrationTests {
    typealias Record = WaitCalibration.Record

    /// The fit without the prior's pull, so that its arithmetic is the records' alone.
    var bare: WaitCalibration.Fitting {
        var fitting = WaitCalibration.Fitting()
        fitting.target = 0.8
        fitting.p50Gain = 0.01
        fitting.priorWeight = 0
        fitting.scales = 0.1...10
        return fitting
    }

    func record(_ p50: Double, _ p80: Double, real: Double, age: Double = 0) -> Record {
        Record(age: age, raw: WaitQuantiles(p50: p50, p80: p80), real: real)
    }

    /// The reference the fit must agree with, by brute force: the smallest scale on a fine grid
    /// at which the decayed weight of waits at most the rounded, scaled p80 reaches `target` of
    /// the total weight plus one.
    func gridScale(_ records: [Record], halfLife: Double, target: Double = 0.8) -> Double {
        let weights = records.map { exp2(-$0.age / halfLife) }
        let needed = target * (weights.reduce(0, +) + 1)
        var scale = 0.1
        while scale < 10 {
            var covered = 0.0
            for (record, weight) in zip(records, weights) where record.real <= (record.raw.p80 * scale).rounded() { covered += weight }
            if covered >= needed { return scale }
            scale += 0.0001
        }
        return 10
    }

    /// The weight of the records whose real wait is at most the p80 `calibration` tells.
    func coveredWeight(_ records: [Record], _ weights: [Double], by calibration: WaitCalibration) -> Double {
        var covered = 0.0
        for (record, weight) in zip(records, weights) where Double(calibration.apply(record.raw).p80) >= record.real {
            covered += weight
        }
        return covered
    }

    @Test("no record, no correction")
    func empty() {
        #expect(WaitCalibration.fit([]) == .identity)
        // Quotes under a minute (a rep was free) say nothing about scale.
        #expect(WaitCalibration.fit([record(0, 0.4, real: 3), record(0, 0, real: 0)]) == .identity)
    }

    @Test("the p80 scale is the conformal quantile: 16 of 19 equal records covered, counting the next visitor")
    func conformalQuantile() {
        // Raw p80 10 minutes; real waits 1, 2, …, 19. 0.8 × (19 + 1) = 16 must be covered:
        // round(10 s) ≥ 16 first at s = 1.55.
        let records = (1...19).map { record(5, 10, real: Double($0)) }
        let fitted = WaitCalibration.fit(records, bare)
        #expect(abs(fitted.p80Scale - 1.55) < 1e-8)
        #expect(fitted.records == 19)
        #expect(abs(fitted.weight - 19) < 1e-9)
        let quoted = fitted.apply(WaitQuantiles(p50: 5, p80: 10)).p80
        #expect(quoted == 16)
        #expect(records.filter { $0.real <= Double(quoted) }.count == 16)
        // A hair less and the rounded p80 is 15: one visitor fewer covered.
        #expect(Int((10 * (fitted.p80Scale - 0.001)).rounded()) == 15)
    }

    @Test("recent weeks weigh more: the fit agrees with the weighted coverage worked out by brute force")
    func recency() {
        var records: [Record] = []
        // Four weeks ago the quotes were too long (waits half the p80); this week too short.
        for i in 0..<40 { records.append(record(8, 12, real: 4 + Double(i % 5), age: 28 + Double(i % 3))) }
        for i in 0..<40 { records.append(record(8, 12, real: 10 + Double(i % 9), age: Double(i % 6))) }
        var fitting = bare
        fitting.target = 0.8
        fitting.halfLifeDays = 14
        let fitted = WaitCalibration.fit(records, fitting)
        #expect(abs(fitted.p80Scale - gridScale(records, halfLife: 14)) < 0.0002)
        // Without decay the old records would pull the scale down.
        fitting.halfLifeDays = 1e9
        let flat = WaitCalibration.fit(records, fitting)
        #expect(abs(flat.p80Scale - gridScale(records, halfLife: 1e9)) < 0.0002)
        #expect(flat.p80Scale < fitted.p80Scale)
        // Records past the window are not read at all.
        fitting.halfLifeDays = 14
        fitting.windowDays = 20
        #expect(WaitCalibration.fit(records, fitting).records == 40)
    }

    @Test("an under-covering history gets a larger p80 that covers 0.8 of it")
    func underCovering() {
        // Quotes of 6 to 20 minutes whose real waits ran 1.4 times the simulated p80 half the time.
        var records: [Record] = []
        for i in 0..<60 {
            let p80 = 6 + Double(i % 15)
            let real = i % 2 == 0 ? p80 * 1.4 : p80 * 0.6
            records.append(record(p80 * 0.6, p80, real: real, age: Double(i % 10)))
        }
        #expect(records.filter { $0.real <= $0.raw.p80.rounded() }.count == 30)
        let defaults = WaitCalibration.Fitting()
        let fitted = WaitCalibration.fit(records)
        #expect(fitted.p80Scale > 1)
        let weights = records.map { exp2(-$0.age / defaults.halfLifeDays) }
        let total = weights.reduce(0, +)
        let before = coveredWeight(records, weights, by: .identity) / total
        let covered = coveredWeight(records, weights, by: fitted)
        // The prior (20 records' weight at scale 1) draws it back from what the records alone ask.
        var unpulled = WaitCalibration.Fitting()
        unpulled.priorWeight = 0
        let alone = WaitCalibration.fit(records, unpulled)
        #expect(abs(alone.p80Scale - gridScale(records, halfLife: defaults.halfLifeDays, target: defaults.target)) < 0.0002)
        let pulled: Double = (total * alone.p80Scale + 20) / (total + 20)
        #expect(abs(fitted.p80Scale - pulled) < 1e-9)
        #expect(covered / total >= before)
        #expect(coveredWeight(records, weights, by: alone) >= defaults.target * (total + 1))
    }

    @Test("the p50 is scaled to the weighted median ratio when that lowers its error, else left")
    func median() {
        // Real waits 1.3 times the simulated p50, give or take: the least absolute error is at 1.3.
        let slow = (0..<21).map { i in record(10, 15, real: 13 + Double(i - 10) * 0.4) }
        let fitted = WaitCalibration.fit(slow, bare)
        #expect(abs(fitted.p50Scale - 1.3) < 1e-9)
        let error = { (scale: Double) in slow.map { abs($0.real - (10 * scale).rounded()) }.reduce(0, +) }
        #expect(error(1.3) < error(1))
        // Waits spread evenly about the simulated p50: nothing to gain, no correction.
        let right = (0..<21).map { i in record(10, 15, real: 10 + Double(i - 10) * 0.5) }
        #expect(WaitCalibration.fit(right, bare).p50Scale == 1)
    }

    @Test("the told wait is the scaled quantiles rounded, the p80 never below the p50")
    func apply() {
        let calibration = WaitCalibration(p50Scale: 1.25, p80Scale: 1.1)
        #expect(calibration.apply(WaitQuantiles(p50: 10, p80: 14)) == Wait(p50: 13, p80: 15))
        #expect(WaitCalibration(p50Scale: 2, p80Scale: 0.5).apply(WaitQuantiles(p50: 10, p80: 12)) == Wait(p50: 20, p80: 20))
        #expect(WaitQuantiles(p50: 2.5, p80: 7.49).rounded == Wait(p50: 3, p80: 7))
        #expect(WaitCalibration.identity.apply(.zero) == .zero)
    }
}
