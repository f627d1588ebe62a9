#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The simulated quantiles of a wait in minutes, before they are rounded or calibrated.
public struct WaitQuantiles: Sendable, Equatable {
    public var p50: Double
    public var p80: Double

    public init(p50: Double, p80: Double) {
        self.p50 = p50
        self.p80 = p80
    }

    public static let zero = WaitQuantiles(p50: 0, p80: 0)

    /// In whole minutes, as told without a calibration.
    public var rounded: Wait { WaitCalibration.identity.apply(self) }
}

/// The site's correction of the simulated quantiles, learned from its own record of quoted
/// against real waits (split conformal: the simulation is the model, yesterday and before are
/// the calibration set). The simulation is right about the shape of a wait (a longer line, a
/// longer and wider wait) but a site's reps may be slower than their history says, or its
/// visitors differ: one scale per quantile keeps the shape and moves the level. Fitted on the
/// raw quantiles, never on quotes already corrected, so that it does not feed on itself.
public struct WaitCalibration: Sendable, Equatable {
    /// Multiplies the simulated p50 (1 when correcting it would not lower its error).
    public var p50Scale: Double
    /// Multiplies the simulated p80 so that it covers `target` of real waits.
    public var p80Scale: Double
    /// The records it was fitted on, and their total weight after decay.
    public var records: Int
    public var weight: Double

    public init(p50Scale: Double, p80Scale: Double, records: Int = 0, weight: Double = 0) {
        self.p50Scale = p50Scale
        self.p80Scale = p80Scale
        self.records = records
        self.weight = weight
    }

    public static let identity = WaitCalibration(p50Scale: 1, p80Scale: 1)

    /// The wait a visitor is told: the scaled quantiles in whole minutes, the p80 never below the p50.
    public func apply(_ raw: WaitQuantiles) -> Wait {
        let p50 = Int((max(0, raw.p50) * p50Scale).rounded())
        let p80 = Int((max(0, raw.p80) * p80Scale).rounded())
        return Wait(p50: p50, p80: max(p50, p80))
    }

    /// One visitor of the site's past: what the simulation said at check-in, and how long they
    /// really waited; `age` in days before the fit.
    public struct Record: Sendable, Equatable {
        public var age: Double
        public var raw: WaitQuantiles
        public var real: Double

        public init(age: Double, raw: WaitQuantiles, real: Double) {
            self.age = age
            self.raw = raw
            self.real = real
        }
    }

    /// How the fit weighs and guards its records.
    public struct Fitting: Sendable, Equatable {
        /// The share of past waits the p80 is fitted to cover: a little over the 0.8 it promises,
        /// because a correction fitted on the past lags a site that keeps changing.
        public var target = 0.822
        /// A record's weight halves every this many days: far shorter than the service times'
        /// half-life, so that the correction catches up with what the learned times lag behind
        /// (chosen on scripts/bench-wait's runs, README "Performance").
        public var halfLifeDays = 2.0
        /// Records older than this are not read.
        public var windowDays = 56.0
        /// The weight of the prior belief that the simulation is right (scale 1): a site with
        /// little history is corrected little.
        public var priorWeight = 20.0
        /// Quotes below this many minutes say nothing about scale (a rep was free).
        public var shortestQuote = 1.0
        /// The p50 is corrected only when that lowers its weighted error by at least this share:
        /// a smaller gain on the past is mostly noise, and costs error on the next visitors.
        public var p50Gain = 0.1
        /// The scales stay within these bounds, whatever the record says.
        public var scales: ClosedRange<Double> = 0.5...3

        public init() {}
    }

    /// The calibration `records` call for. Weighted split conformal for the p80: the smallest
    /// scale at which the decayed weight of records covered by the scaled, rounded p80 reaches
    /// `target` of the total plus one new visitor's weight (the finite-sample term). For the
    /// p50 the scale of least weighted absolute error, kept only when it lowers that error.
    /// Both are drawn toward 1 by `priorWeight`.
    public static func fit(_ records: [Record], _ fitting: Fitting = Fitting()) -> WaitCalibration {
        let used = records.filter { $0.age >= 0 && $0.age <= fitting.windowDays && $0.raw.p80 >= fitting.shortestQuote }
        guard !used.isEmpty else { return .identity }
        let weights = used.map { exp2(-$0.age / fitting.halfLifeDays) }
        let total = weights.reduce(0, +)
        let shrink = { (scale: Double) -> Double in
            let drawn = (total * scale + fitting.priorWeight) / (total + fitting.priorWeight)
            return min(max(drawn, fitting.scales.lowerBound), fitting.scales.upperBound)
        }

        // A record is covered by round(s × p80) ≥ real from s ≥ (ceil(real) − 0.5) / p80 on; a
        // billionth more, so that the product, rounded in binary, does not land just below the half.
        let thresholds = zip(used, weights).map { record, weight in
            (scale: (ceil(max(0, record.real)) - 0.5) / record.raw.p80 + 1e-9, weight: weight)
        }.sorted { $0.scale < $1.scale }
        let needed = fitting.target * (total + 1)
        var covered = 0.0
        var p80 = fitting.scales.upperBound
        for threshold in thresholds {
            covered += threshold.weight
            if covered >= needed {
                p80 = threshold.scale
                break
            }
        }
        p80 = shrink(max(p80, fitting.scales.lowerBound))

        // |real − s × p50| = p50 × |real / p50 − s|: the weighted median of the ratios, weighed by p50.
        let medians = zip(used, weights).filter { $0.0.raw.p50 >= fitting.shortestQuote }
        var p50 = 1.0
        if !medians.isEmpty {
            let ratios = medians.map { record, weight in (ratio: record.real / record.raw.p50, weight: weight * record.raw.p50) }
                .sorted { $0.ratio < $1.ratio }
            let half = ratios.reduce(0) { $0 + $1.weight } / 2
            var sum = 0.0
            var best = 1.0
            for ratio in ratios {
                sum += ratio.weight
                if sum >= half {
                    best = ratio.ratio
                    break
                }
            }
            let candidate = shrink(best)
            let error = { (scale: Double) -> Double in
                zip(medians.map(\.0), medians.map(\.1)).reduce(0) { sum, pair in
                    sum + pair.1 * abs(pair.0.real - (pair.0.raw.p50 * scale).rounded())
                }
            }
            if error(candidate) < (1 - fitting.p50Gain) * error(1) { p50 = candidate }
        }
        return WaitCalibration(p50Scale: p50, p80Scale: p80, records: used.count, weight: total)
    }
}
