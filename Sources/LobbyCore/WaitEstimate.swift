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

    /// The `q` quantile of `values` (linear between the two nearest order statistics), found
    /// by selection rather than a full sort. Reorders `values`; a second call for a higher `q`
    /// reuses the partial order the first one left.
    public static func of(selecting values: UnsafeMutableBufferPointer<Double>, _ q: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let position = q * Double(values.count - 1)
        let lower = Int(position)
        let weight = position - Double(lower)
        select(values, lower)
        guard lower + 1 < values.count, weight > 0 else { return values[lower] }
        // Everything after `lower` is at least as large: the next order statistic is their minimum.
        var next = values[lower + 1]
        for i in (lower + 2)..<values.count where values[i] < next { next = values[i] }
        return values[lower] * (1 - weight) + next * weight
    }

    /// Puts the `k`-th smallest value at `k`, the smaller ones before it and the larger after
    /// (Hoare's selection with a median-of-three pivot).
    static func select(_ values: UnsafeMutableBufferPointer<Double>, _ k: Int) {
        var low = 0
        var high = values.count - 1
        while high > low {
            let middle = low + (high - low) / 2
            // Order low, middle, high, so that the pivot is their median and both scans stop.
            if values[middle] < values[low] { values.swapAt(middle, low) }
            if values[high] < values[low] { values.swapAt(high, low) }
            if values[high] < values[middle] { values.swapAt(high, middle) }
            let pivot = values[middle]
            var i = low
            var j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while pivot < values[j] { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j {
                high = j
            } else if k >= i {
                low = i
            } else {
                return
            }
        }
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
        quantiles(day: day, ticket: id, now: now, model: model, covered: covered).rounded
    }

    /// The simulated quantiles of one ticket's wait before rounding or calibration: what the
    /// site's calibration is fitted on, so that it never learns from its own corrections.
    public static func quantiles(
        day: Day, ticket id: TicketID, now: Instant, model: ServiceModel, covered: Bool = false
    ) -> WaitQuantiles {
        guard let simulation = Simulation(day: day, now: now, model: model, through: id, covered: covered ? id : nil)
        else { return .zero }
        // Only the last ticket's wait is asked for: keep its samples alone.
        return simulation.run(keeping: simulation.queue.count - 1..<simulation.queue.count).last ?? .zero
    }

    /// The waits of every waiting ticket (or of those up to `through`), from one simulation of
    /// the whole queue, so that a staff view costs no more than one check-in.
    public static func estimateAll(
        day: Day, now: Instant, model: ServiceModel, through last: TicketID? = nil, covered: TicketID? = nil,
        calibration: WaitCalibration = .identity
    ) -> [TicketID: Wait] {
        guard let simulation = Simulation(day: day, now: now, model: model, through: last, covered: covered)
        else { return [:] }
        let waits = simulation.run(keeping: simulation.queue.indices)
        var result: [TicketID: Wait] = [:]
        result.reserveCapacity(waits.count)
        for (ticket, wait) in zip(simulation.queue, waits) { result[ticket.id] = calibration.apply(wait) }
        return result
    }

    /// The wait a new visitor checking in now would be told: behind everyone waiting, for any rep.
    public static func walkIn(day: Day, now: Instant, model: ServiceModel, calibration: WaitCalibration = .identity) -> Wait {
        let queue = day.waiting.map(\.info) + [TicketInfo(id: "", category: .new)]
        guard let simulation = Simulation(queue: queue, day: day, now: now, model: model, covered: nil) else { return .zero }
        return calibration.apply(simulation.run(keeping: queue.count - 1..<queue.count).last ?? .zero)
    }

    /// The floor at one instant, ready to be replayed `samples` times.
    struct Simulation {
        struct Server {
            /// The distribution of the current reception's length, nil when ready.
            let busy: LogNormal?
            /// Minutes into the current reception.
            let elapsed: Double
            /// The share of receptions that end before `elapsed` minutes: the same for every
            /// sample, so worked out once.
            let done: Double
            /// A rep held for a booked visitor not yet arrived: free for the queue only after
            /// receiving them, `bookedIn` minutes from now at the earliest.
            var booked: LogNormal? = nil
            var bookedIn: Double = 0
            /// A rep held for a booked visitor who waits at this queue position takes no one
            /// else before them (-1: not held so; Int.max: the visitor is beyond the queue).
            var reservedThrough = -1
        }

        let queue: [TicketInfo]
        let servers: [Server]
        /// For each ticket, the server it waits for, or -1 for the first free one.
        let lanes: [Int]
        /// The service-time distribution of ticket `position` with server `server`, at
        /// `position * servers.count + server`.
        let services: [LogNormal]

        init?(day: Day, now: Instant, model: ServiceModel, through last: TicketID?, covered: TicketID?) {
            var queue = day.waiting.map(\.info)
            if let last {
                guard let position = queue.firstIndex(where: { $0.id == last }) else { return nil }
                queue.removeSubrange((position + 1)...)
            }
            self.init(queue: queue, day: day, now: now, model: model, covered: covered)
        }

        /// The floor serving `queue`, in its order.
        init?(queue: [TicketInfo], day: Day, now: Instant, model: ServiceModel, covered: TicketID?) {
            guard !queue.isEmpty else { return nil }

            var names: [RepName] = []
            var servers: [Server] = []
            for rep in day.reps where !rep.state.isAway && rep.state != .off {
                names.append(rep.name)
                if rep.state == .ready {
                    servers.append(Server(busy: nil, elapsed: 0, done: 0))
                } else {
                    let reception = day.openReception(of: rep.name)
                    let category = reception.flatMap { open in day.tickets.first { $0.info.id == open.ticket } }?.info.category ?? .new
                    let elapsed = Double(max(0, now - (reception?.calledAt ?? now))) / 60
                    let service = model.distribution(rep: rep.name, category: category)
                    servers.append(Server(busy: service, elapsed: elapsed, done: service.shareBelow(elapsed)))
                }
            }
            // Held for a booked visitor (BookingRules): not serving the queue until they have
            // received the visitor who booked them.
            for (index, name) in names.enumerated() {
                guard let hold = day.hold(of: name) else { continue }
                if let ticket = hold.ticket {
                    servers[index].reservedThrough = queue.firstIndex { $0.id == ticket } ?? Int.max
                } else {
                    servers[index].booked = model.distribution(rep: name, category: .named)
                    servers[index].bookedIn = Double(max(0, hold.at - now)) / 60
                }
            }
            // Everyone away: they will be back, but not before a typical reception's time.
            if servers.isEmpty {
                names = day.reps.map(\.name)
                servers = names.map { Server(busy: model.distribution(rep: $0, category: .new), elapsed: 0, done: 0) }
            }
            guard !servers.isEmpty else { return nil }
            lanes = queue.map { ticket in
                guard ticket.id != covered, let rep = day.lane(of: ticket) else { return -1 }
                return names.firstIndex(of: rep) ?? -1
            }
            var services: [LogNormal] = []
            services.reserveCapacity(queue.count * names.count)
            for ticket in queue {
                for name in names { services.append(model.distribution(rep: name, category: ticket.category)) }
            }
            self.queue = queue
            self.servers = servers
            self.services = services
        }

        /// Replays the floor and returns the waits of the tickets at `kept` positions.
        /// Deterministic: the random stream depends only on the queue's length.
        func run(keeping kept: Range<Int>) -> [WaitQuantiles] {
            var rng = SplitMix64(seed: UInt64(queue.count) &+ 0x9E37_79B9_7F4A_7C15)
            let width = servers.count
            // The samples of the kept positions, one run of `samples` per position.
            var waits = [Double](repeating: 0, count: kept.count * samples)
            var free = [Double](repeating: 0, count: width)
            waits.withUnsafeMutableBufferPointer { waits in
                free.withUnsafeMutableBufferPointer { free in
                    servers.withUnsafeBufferPointer { servers in
                        lanes.withUnsafeBufferPointer { lanes in
                            services.withUnsafeBufferPointer { services in
                                for sample in 0..<samples {
                                    for i in 0..<width {
                                        let server = servers[i]
                                        free[i] = server.busy.map { $0.residual(after: server.elapsed, done: server.done, &rng) } ?? 0
                                        if let booked = server.booked { free[i] = max(free[i], server.bookedIn) + booked.sample(&rng) }
                                    }
                                    for position in 0..<lanes.count {
                                        var server = lanes[position]
                                        if server < 0 {
                                            // The first free rep not reserved for a booked visitor
                                            // still ahead; if every one is, the first free.
                                            for i in 0..<width where servers[i].reservedThrough < position
                                                && (server < 0 || free[i] < free[server]) { server = i }
                                            if server < 0 {
                                                server = 0
                                                for i in 1..<width where free[i] < free[server] { server = i }
                                            }
                                        }
                                        if kept.contains(position) {
                                            waits[(position - kept.lowerBound) * samples + sample] = free[server]
                                        }
                                        free[server] += services[position * width + server].sample(&rng)
                                    }
                                }
                            }
                        }
                    }
                }
            }
            return kept.indices.map { index in
                waits.withUnsafeMutableBufferPointer { all in
                    let offset = (index - kept.lowerBound) * samples
                    let one = UnsafeMutableBufferPointer(rebasing: all[offset..<offset + samples])
                    return WaitQuantiles(p50: Quantile.of(selecting: one, 0.5), p80: Quantile.of(selecting: one, 0.8))
                }
            }
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
