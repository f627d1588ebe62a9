#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A log-normal distribution of minutes: `mu` and `sigma` of the logarithm.
public struct LogNormal: Sendable, Equatable {
    public var mu: Double
    public var sigma: Double

    public init(mu: Double, sigma: Double) {
        self.mu = mu
        self.sigma = max(0.05, sigma)
    }

    public init(medianMinutes: Double, sigma: Double) {
        self.init(mu: log(max(1, medianMinutes)), sigma: sigma)
    }

    public var median: Double { exp(mu) }
    public func quantile(_ p: Double) -> Double { exp(mu + sigma * Gaussian.quantile(p)) }
    public var mean: Double { exp(mu + sigma * sigma / 2) }

    func sample(_ rng: inout SplitMix64) -> Double {
        exp(mu + sigma * Gaussian.quantile(rng.nextUnit()))
    }

    /// The time a reception that has run `elapsed` minutes still has to go: drawn from the
    /// distribution conditioned on exceeding `elapsed`, so a long one is not "almost over".
    func residual(after elapsed: Double, _ rng: inout SplitMix64) -> Double {
        let floor = elapsed > 0 ? Gaussian.cdf((log(elapsed) - mu) / sigma) : 0
        let u = floor + (1 - floor) * rng.nextUnit()
        return max(0, exp(mu + sigma * Gaussian.quantile(min(u, 1 - 1e-12))) - elapsed)
    }
}

/// Decayed sums of the logarithms of service times: enough to refit a log-normal without
/// reading the history again. Weights halve every half-life, so recent weeks count more.
public struct LogMoments: Sendable, Equatable {
    public var weight: Double
    public var sum: Double
    public var sumOfSquares: Double
    /// The instant the weights refer to.
    public var at: Instant

    public init(weight: Double = 0, sum: Double = 0, sumOfSquares: Double = 0, at: Instant = 0) {
        self.weight = weight
        self.sum = sum
        self.sumOfSquares = sumOfSquares
        self.at = at
    }

    public func decayed(to now: Instant, halfLifeDays: Double) -> LogMoments {
        guard now > at, halfLifeDays > 0 else { return self }
        let factor = exp2(-Double(now - at) / (halfLifeDays * 86_400))
        return LogMoments(weight: weight * factor, sum: sum * factor, sumOfSquares: sumOfSquares * factor, at: now)
    }

    public mutating func add(minutes: Double, at instant: Instant, halfLifeDays: Double) {
        let value = log(min(max(minutes, ServiceHistory.shortest), ServiceHistory.longest))
        var moved = instant >= at ? decayed(to: instant, halfLifeDays: halfLifeDays) : self
        // An observation older than the sums (a rebuild out of order) enters already decayed.
        let weight = instant >= at ? 1 : exp2(-Double(at - instant) / (halfLifeDays * 86_400))
        moved.weight += weight
        moved.sum += weight * value
        moved.sumOfSquares += weight * value * value
        self = moved
    }

    /// The sums of several cells taken together (all decayed to the same instant).
    static func pooled(_ cells: some Sequence<LogMoments>) -> LogMoments {
        cells.reduce(into: LogMoments()) {
            $0.weight += $1.weight
            $0.sum += $1.sum
            $0.sumOfSquares += $1.sumOfSquares
        }
    }

    /// The weighted sum of squared deviations from the mean.
    var scatter: Double { max(0, sumOfSquares - sum * sum / max(weight, 1e-12)) }
}

/// What the site's finished receptions say about service times, kept per rep and per
/// category of visitor, updated one reception at a time.
public struct ServiceHistory: Sendable, Equatable {
    public struct Key: Hashable, Sendable {
        public let rep: RepName
        public let category: Category
        public init(rep: RepName, category: Category) {
            self.rep = rep
            self.category = category
        }
    }

    /// Receptions shorter or longer than these are kept at these bounds: a mistaken call
    /// finished at once, or one left open overnight, should not swamp the rest.
    static let shortest = 1.0
    static let longest = 480.0

    public var cells: [Key: LogMoments]

    public init(cells: [Key: LogMoments] = [:]) { self.cells = cells }

    public mutating func record(rep: RepName, category: Category, minutes: Double, at: Instant, halfLifeDays: Double) {
        cells[Key(rep: rep, category: category), default: LogMoments(at: at)]
            .add(minutes: minutes, at: at, halfLifeDays: halfLifeDays)
    }

    /// The receptions an event ended, as the history records them: a finish ends the
    /// visitor's receptions; an assist or a taken-over reception is not a whole visit.
    public static func finished(by event: Event, before: Day, after: Day) -> [(rep: RepName, category: Category, minutes: Double)] {
        guard case let .finish(id) = event.action,
            let category = after.tickets.first(where: { $0.info.id == id })?.info.category
        else { return [] }
        let open = Set(before.receptions.filter { $0.ticket == id && $0.isOpen }.map(\.rep))
        return after.receptions.compactMap { reception in
            guard reception.ticket == id, open.contains(reception.rep), reception.finishedAt == event.at,
                reception.kind != .assist, reception.kind != .transferred
            else { return nil }
            return (reception.rep, category, Double(event.at - reception.calledAt) / 60)
        }
    }

    /// Fits the model at `now`. Each level is shrunk toward the one above it by a prior
    /// worth a few receptions: a rep with little history gets nearly the site's times, and
    /// a new site gets the configured default until it has its own.
    public func model(at now: Instant, halfLifeDays: Double, prior: LogNormal) -> ServiceModel {
        let cells = self.cells.mapValues { $0.decayed(to: now, halfLifeDays: halfLifeDays) }
        let total = LogMoments.pooled(cells.values)
        let mu = (ServiceModel.sitePrior * prior.mu + total.sum) / (ServiceModel.sitePrior + total.weight)
        let scatter = cells.values.reduce(0) { $0 + $1.scatter }
        let freedom = cells.values.reduce(0) { $0 + max(0, $1.weight - 1) }
        let variance = (ServiceModel.sitePrior * prior.sigma * prior.sigma + scatter) / (ServiceModel.sitePrior + freedom)

        var categoryShift: [Category: Double] = [:]
        for category in Category.allCases {
            let moments = LogMoments.pooled(cells.filter { $0.key.category == category }.values)
            categoryShift[category] = (moments.sum - moments.weight * mu) / (moments.weight + ServiceModel.categoryPrior)
        }
        var reps: [RepName: ServiceModel.RepFit] = [:]
        for rep in Set(cells.keys.map(\.rep)) {
            let own = cells.filter { $0.key.rep == rep }
            let weight = own.values.reduce(0) { $0 + $1.weight }
            let deviation = own.reduce(0) { $0 + $1.value.sum - $1.value.weight * (mu + (categoryShift[$1.key.category] ?? 0)) }
            let repScatter = own.values.reduce(0) { $0 + $1.scatter }
            let repFreedom = own.values.reduce(0) { $0 + max(0, $1.weight - 1) }
            let repVariance = (ServiceModel.repPrior * variance + repScatter) / (ServiceModel.repPrior + repFreedom)
            reps[rep] = ServiceModel.RepFit(
                shift: deviation / (weight + ServiceModel.repPrior),
                // The uncertainty of a rep's own level widens what is predicted for them.
                sigma: (repVariance * (1 + 1 / (weight + ServiceModel.repPrior))).squareRoot())
        }
        return ServiceModel(
            site: LogNormal(mu: mu, sigma: variance.squareRoot()), categoryShift: categoryShift, reps: reps)
    }
}

/// Service-time distributions by rep and category of visitor.
public struct ServiceModel: Sendable, Equatable {
    public struct RepFit: Sendable, Equatable {
        public var shift: Double
        public var sigma: Double
    }

    /// How many receptions each prior is worth.
    static let sitePrior = 5.0
    static let categoryPrior = 10.0
    static let repPrior = 8.0

    public var site: LogNormal
    public var categoryShift: [Category: Double]
    public var reps: [RepName: RepFit]

    public init(site: LogNormal, categoryShift: [Category: Double] = [:], reps: [RepName: RepFit] = [:]) {
        self.site = site
        self.categoryShift = categoryShift
        self.reps = reps
    }

    /// A site without history: every reception is drawn from the configured default.
    public init(medianMinutes: Double, sigma: Double = 0.5) {
        self.init(site: LogNormal(medianMinutes: medianMinutes, sigma: sigma))
    }

    public var medianMinutes: Double { site.median }
    public var sigma: Double { site.sigma }

    public func distribution(rep: RepName?, category: Category) -> LogNormal {
        let fit = rep.flatMap { reps[$0] }
        return LogNormal(
            mu: site.mu + (categoryShift[category] ?? 0) + (fit?.shift ?? 0), sigma: fit?.sigma ?? site.sigma)
    }
}

/// The standard normal distribution.
enum Gaussian {
    static func cdf(_ z: Double) -> Double { 0.5 * erfc(-z / 2.0.squareRoot()) }

    /// The inverse of the distribution function (Acklam's rational approximation, relative
    /// error below 1.2e-9).
    static func quantile(_ p: Double) -> Double {
        let p = min(max(p, 1e-12), 1 - 1e-12)
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                 -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                 3.754408661907416e+00]
        let low = 0.02425
        if p < low {
            let q = (-2 * log(p)).squareRoot()
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        if p > 1 - low {
            let q = (-2 * log(1 - p)).squareRoot()
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        let q = p - 0.5
        let r = q * q
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
            / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    }
}
