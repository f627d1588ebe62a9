#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A wait in whole minutes: the median and the 80th percentile of the predicted distribution.
public struct Wait: Sendable, Equatable, Codable {
    public var p50: Int
    public var p80: Int

    public init(p50: Int, p80: Int) {
        self.p50 = p50
        self.p80 = p80
    }

    public static let zero = Wait(p50: 0, p80: 0)

    /// R10: how many minutes sooner than waiting for their own rep a cover must be before a
    /// visitor is offered one; less is not worth giving up their rep for.
    public static let coverOfferMinutes = 5

    /// Whether a visitor whose own wait is `own` is offered to be received sooner as `cover` (R10).
    public static func offersCover(_ cover: Wait, over own: Wait) -> Bool {
        cover.p50 + coverOfferMinutes <= own.p50
    }
}

/// Quantiles of a sample, by one method for every figure (the wait estimate, the day's report):
/// linear interpolation between the two nearest ranks.
public enum Quantile {
    /// The `q` quantile (0…1) of `sorted`, which must be in ascending order; 0 when it is empty.
    public static func of(sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let position = q * Double(sorted.count - 1)
        let lower = Int(position)
        let upper = min(lower + 1, sorted.count - 1)
        let weight = position - Double(lower)
        return sorted[lower] * (1 - weight) + sorted[upper] * weight
    }
}

/// Estimates how long a waiting ticket has until it is called, by simulating the floor from the
/// current state many times: busy reps finish after a time drawn from their own service-time
/// distribution conditioned on how long they have been at it, tickets ahead take the first free
/// rep (or wait for their own rep, R9/R11), away reps give no capacity. Deterministic for a
/// given state.
public enum WaitEstimator {
    public static let samples = 400

    /// The wait of one ticket. With `covered`, a named or returning ticket is estimated as if
    /// the visitor let whoever is up receive them instead of waiting for their rep (R10).
    public static func estimate(
        day: Day, ticket id: TicketID, now: Instant, model: ServiceModel, covered: Bool = false
    ) -> Wait {
        estimateAll(day: day, now: now, model: model, through: id, covered: covered ? id : nil)[id] ?? .zero
    }

    /// The waits of every waiting ticket (or of those up to `through`), from one simulation of
    /// the whole queue, so that a staff view costs no more than one check-in.
    public static func estimateAll(
        day: Day, now: Instant, model: ServiceModel, through last: TicketID? = nil, covered: TicketID? = nil
    ) -> [TicketID: Wait] {
        var queue = day.waiting.map(\.info)
        if let last {
            guard let position = queue.firstIndex(where: { $0.id == last }) else { return [:] }
            queue = Array(queue[...position])
        }
        let waits = simulate(queue, day: day, now: now, model: model, covered: covered)
        return Dictionary(zip(queue.map(\.id), waits), uniquingKeysWith: { a, _ in a })
    }

    /// The wait a new visitor checking in now would be told: behind everyone waiting, for any rep.
    public static func walkIn(day: Day, now: Instant, model: ServiceModel) -> Wait {
        let queue = day.waiting.map(\.info) + [TicketInfo(id: "", category: .new)]
        return simulate(queue, day: day, now: now, model: model, covered: nil).last ?? .zero
    }

    /// The waits of `queue`, in its order, from one simulation of the floor.
    private static func simulate(
        _ queue: [TicketInfo], day: Day, now: Instant, model: ServiceModel, covered: TicketID?
    ) -> [Wait] {
        guard !queue.isEmpty else { return [] }

        let categories = Dictionary(day.tickets.map { ($0.info.id, $0.info.category) }, uniquingKeysWith: { a, _ in a })
        struct Server {
            let name: RepName
            /// Minutes into the current reception, and its distribution; nil when ready.
            let busy: (elapsed: Double, service: LogNormal)?
        }
        var servers: [Server] = []
        for rep in day.reps where !rep.state.isAway && rep.state != .off {
            if rep.state == .ready {
                servers.append(Server(name: rep.name, busy: nil))
            } else {
                let reception = day.openReception(of: rep.name)
                let category = reception.flatMap { categories[$0.ticket] } ?? .new
                let elapsed = Double(max(0, now - (reception?.calledAt ?? now))) / 60
                servers.append(Server(name: rep.name, busy: (elapsed, model.distribution(rep: rep.name, category: category))))
            }
        }
        // Everyone away: they will be back, but not before a typical reception's time.
        if servers.isEmpty {
            servers = day.reps.map { Server(name: $0.name, busy: (0, model.distribution(rep: $0.name, category: .new))) }
        }
        guard !servers.isEmpty else { return [] }
        let index = Dictionary(servers.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        let lanes = queue.map { $0.id == covered ? nil : day.lane(of: $0).flatMap { index[$0] } }
        let services = queue.map { ticket in
            servers.map { model.distribution(rep: $0.name, category: ticket.category) }
        }

        var rng = SplitMix64(seed: UInt64(queue.count) &+ 0x9E37_79B9_7F4A_7C15)
        var waits = [[Double]](repeating: [], count: queue.count)
        for i in waits.indices { waits[i].reserveCapacity(samples) }
        var free = [Double](repeating: 0, count: servers.count)
        for _ in 0..<samples {
            for (i, server) in servers.enumerated() {
                free[i] = server.busy.map { $0.service.residual(after: $0.elapsed, &rng) } ?? 0
            }
            for position in queue.indices {
                let server = lanes[position] ?? free.indices.min { free[$0] < free[$1] } ?? 0
                waits[position].append(free[server])
                free[server] += services[position][server].sample(&rng)
            }
        }
        return queue.indices.map { position in
            waits[position].sort()
            return Wait(
                p50: minutes(Quantile.of(sorted: waits[position], 0.5)), p80: minutes(Quantile.of(sorted: waits[position], 0.8)))
        }
    }

    static func minutes(_ value: Double) -> Int { Int(value.rounded()) }
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

    /// The rep who will receive this visitor when that is already known: the tail rep for a
    /// non-sales visitor (R15), the visitor's own rep while on the floor (R9, R11); else nil.
    public func receiver(of info: TicketInfo) -> RepName? {
        info.category == .other ? tail : lane(of: info)
    }

    /// Waiting tickets that will be served before this one (the waiting-tickets rule).
    public func ahead(of id: TicketID) -> Int {
        let queue = waiting
        guard let position = queue.firstIndex(where: { $0.id == id }) else { return 0 }
        let lane = lane(of: queue[position].info)
        return queue[..<position].filter { self.lane(of: $0.info) == lane }.count
    }
}
