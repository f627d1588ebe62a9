#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Service times as a log-normal distribution: median and spread (σ of the logarithm).
public struct ServiceModel: Sendable, Equatable {
    public var medianMinutes: Double
    public var sigma: Double

    public init(medianMinutes: Double, sigma: Double = 0.5) {
        self.medianMinutes = max(1, medianMinutes)
        self.sigma = max(0.05, sigma)
    }
}

/// A wait in whole minutes: the median and the 80th percentile of the predicted distribution.
public struct Wait: Sendable, Equatable, Codable {
    public var p50: Int
    public var p80: Int

    public init(p50: Int, p80: Int) {
        self.p50 = p50
        self.p80 = p80
    }

    public static let zero = Wait(p50: 0, p80: 0)
}

/// Estimates how long a waiting ticket has until it is called, by simulating the floor from the
/// current state many times: busy reps finish after a time conditioned on how long they have
/// been at it, tickets ahead take the first free rep (or wait for their own rep, R9/R11), away
/// reps give no capacity. Deterministic for a given state.
public enum WaitEstimator {
    public static let samples = 400

    public static func estimate(
        day: Day, ticket id: TicketID, now: Instant, model: ServiceModel
    ) -> Wait {
        estimateAll(day: day, now: now, model: model, through: id)[id] ?? .zero
    }

    /// The waits of every waiting ticket (or of those up to `through`), from one simulation of
    /// the whole queue, so that a staff view costs no more than one check-in.
    public static func estimateAll(
        day: Day, now: Instant, model: ServiceModel, through last: TicketID? = nil
    ) -> [TicketID: Wait] {
        var queue = day.waiting
        if let last {
            guard let position = queue.firstIndex(where: { $0.id == last }) else { return [:] }
            queue = Array(queue[...position])
        }
        guard !queue.isEmpty else { return [:] }

        struct Server { let name: RepName; let elapsed: Double? }
        var servers: [Server] = []
        for rep in day.reps where !rep.state.isAway && rep.state != .off {
            if rep.state == .ready {
                servers.append(Server(name: rep.name, elapsed: nil))
            } else {
                let since = day.openReception(of: rep.name)?.calledAt ?? now
                servers.append(Server(name: rep.name, elapsed: Double(max(0, now - since)) / 60))
            }
        }
        // Everyone away: they will be back, but not before a typical reception's time.
        if servers.isEmpty {
            servers = day.reps.map { Server(name: $0.name, elapsed: 0) }
        }
        guard !servers.isEmpty else { return [:] }
        let index = Dictionary(servers.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        let lanes = queue.map { day.lane(of: $0.info).flatMap { index[$0] } }

        var rng = SplitMix64(seed: UInt64(queue.count) &+ 0x9E37_79B9_7F4A_7C15)
        var waits = [[Double]](repeating: [], count: queue.count)
        for i in waits.indices { waits[i].reserveCapacity(samples) }
        var free = [Double](repeating: 0, count: servers.count)
        for _ in 0..<samples {
            for (i, server) in servers.enumerated() {
                free[i] = server.elapsed.map { residual(elapsed: $0, model: model, rng: &rng) } ?? 0
            }
            for position in queue.indices {
                let server = lanes[position] ?? free.indices.min { free[$0] < free[$1] } ?? 0
                waits[position].append(free[server])
                free[server] += service(model: model, rng: &rng)
            }
        }
        var result: [TicketID: Wait] = [:]
        for (position, ticket) in queue.enumerated() {
            waits[position].sort()
            result[ticket.id] = Wait(
                p50: minutes(quantile(waits[position], 0.5)), p80: minutes(quantile(waits[position], 0.8)))
        }
        return result
    }

    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let position = q * Double(sorted.count - 1)
        let lower = Int(position)
        let upper = min(lower + 1, sorted.count - 1)
        let weight = position - Double(lower)
        return sorted[lower] * (1 - weight) + sorted[upper] * weight
    }

    static func minutes(_ value: Double) -> Int { Int(value.rounded()) }

    static func service(model: ServiceModel, rng: inout SplitMix64) -> Double {
        exp(log(model.medianMinutes) + model.sigma * standardNormal(rng.nextUnit()))
    }

    /// The time a reception that has run `elapsed` minutes still has to go: sampled from the
    /// service distribution conditioned on exceeding `elapsed`, so a long one is not "almost over".
    static func residual(elapsed: Double, model: ServiceModel, rng: inout SplitMix64) -> Double {
        let mu = log(model.medianMinutes)
        let floor = elapsed > 0 ? normalCDF((log(elapsed) - mu) / model.sigma) : 0
        let u = floor + (1 - floor) * rng.nextUnit()
        let total = exp(mu + model.sigma * standardNormal(min(u, 1 - 1e-12)))
        return max(0, total - elapsed)
    }

    static func normalCDF(_ z: Double) -> Double { 0.5 * erfc(-z / 2.0.squareRoot()) }

    /// The inverse of the standard normal distribution (Acklam's rational approximation,
    /// relative error below 1.2e-9).
    static func standardNormal(_ p: Double) -> Double {
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

/// A small, fast, seedable generator so that estimates and property tests repeat exactly.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in (0, 1).
    public mutating func nextUnit() -> Double {
        (Double(next() >> 11) + 0.5) / Double(1 << 53)
    }
}

extension Day {
    /// The rep a waiting ticket is queued for, or nil when any rep may take it: a named or
    /// returning ticket waits for its rep while that rep is on the floor (R9, R11); otherwise
    /// the rotation covers it (R10).
    public func lane(of info: TicketInfo) -> RepName? {
        guard info.category == .named || info.category == .returning, let rep = info.rep else { return nil }
        let state = state(of: rep)
        return state.isAway || state == .off ? nil : rep
    }

    /// Waiting tickets that will be served before this one (the waiting-tickets rule).
    public func ahead(of id: TicketID) -> Int {
        let queue = waiting
        guard let position = queue.firstIndex(where: { $0.id == id }) else { return 0 }
        let lane = lane(of: queue[position].info)
        return queue[..<position].filter { self.lane(of: $0.info) == lane }.count
    }
}
