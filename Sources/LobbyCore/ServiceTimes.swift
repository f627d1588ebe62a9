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

    /// The share of receptions over within `elapsed` minutes.
    func shareBelow(_ elapsed: Double) -> Double {
        elapsed > 0 ? Gaussian.cdf((log(elapsed) - mu) / sigma) : 0
    }

    /// The time a reception that has run `elapsed` minutes still has to go: drawn from the
    /// distribution conditioned on exceeding `elapsed`, so a long one is not "almost over".
    /// `done` is `shareBelow(elapsed)`, worked out once by a caller that draws many times.
    func residual(after elapsed: Double, done: Double, _ rng: inout SplitMix64) -> Double {
        let u = done + (1 - done) * rng.nextUnit()
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

    public init(weight: Double = 0, sum: Double = 0, sumOfSquares: Double = 0, at: Instant = Instant(0)) {
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

    /// The inverse of the distribution function: Wichura's algorithm AS241 (PPND16), accurate
    /// to about 1e-16, with no table to allocate and a logarithm only in the outer 15 %.
    static func quantile(_ p: Double) -> Double {
        let p = min(max(p, 1e-12), 1 - 1e-12)
        let q = p - 0.5
        if abs(q) <= 0.425 {
            let r = 0.180625 - q * q
            let num = (((((((2.5090809287301226727e+3 * r + 3.3430575583588128105e+4) * r
                + 6.7265770927008700853e+4) * r + 4.5921953931549871457e+4) * r
                + 1.3731693765509461125e+4) * r + 1.9715909503065514427e+3) * r
                + 1.3314166789178437745e+2) * r + 3.3871328727963666080e+0)
            let den = (((((((5.2264952788528545610e+3 * r + 2.8729085735721942674e+4) * r
                + 3.9307895800092710610e+4) * r + 2.1213794301586595867e+4) * r
                + 5.3941960214247511077e+3) * r + 6.8718700749205790830e+2) * r
                + 4.2313330701600911252e+1) * r + 1.0)
            return q * num / den
        }
        var r = (-log(q < 0 ? p : 1 - p)).squareRoot()
        let value: Double
        if r <= 5 {
            r -= 1.6
            let num = (((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r
                + 2.41780725177450611770e-1) * r + 1.27045825245236838258e+0) * r
                + 3.64784832476320460504e+0) * r + 5.76949722146069140550e+0) * r
                + 4.63033784615654529590e+0) * r + 1.42343711074968357734e+0)
            let den = (((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r
                + 1.51986665636164571966e-2) * r + 1.48103976427480074590e-1) * r
                + 6.89767334985100004550e-1) * r + 1.67638483018380384940e+0) * r
                + 2.05319162663775882187e+0) * r + 1.0)
            value = num / den
        } else {
            r -= 5
            let num = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r
                + 1.24266094738807843860e-3) * r + 2.65321895265761230930e-2) * r
                + 2.96560571828504891230e-1) * r + 1.78482653991729133580e+0) * r
                + 5.46378491116411436990e+0) * r + 6.65790464350110377720e+0)
            let den = (((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r
                + 1.84631831751005468180e-5) * r + 7.86869131145613259100e-4) * r
                + 1.48753612908506148525e-2) * r + 1.36929880922735805310e-1) * r
                + 5.99832206555887937690e-1) * r + 1.0)
            value = num / den
        }
        return q < 0 ? -value : value
    }
}
