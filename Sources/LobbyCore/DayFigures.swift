extension Day {
    /// The figures of a day's report: who received how many visitors, counted and not (with the
    /// rules that said so), and how long visitors waited to be called.
    public struct Figures: Sendable, Equatable {
        /// Tickets, a group counting once (R24).
        public var visitors: Int
        public var served: Int
        public var noshows: Int
        public var stillWaiting: Int
        /// Minutes from check-in to the first call, over every ticket that was called.
        public var waitMean: Double
        public var waitP90: Double
        /// The reps of today's table in order, then anyone else who received a visitor, by name.
        public var reps: [RepName]
        /// Per rep, the rules that kept receptions from counting (R14, R21–R27), with how often.
        public var uncountedBy: [RepName: [RuleID: Int]]
    }

    public var figures: Figures {
        let tallies = self.tallies
        var uncountedBy: [RepName: [RuleID: Int]] = [:]
        for reception in receptions where !reception.counted {
            if let rule = reception.rule { uncountedBy[reception.rep, default: [:]][rule, default: 0] += 1 }
        }
        let waits = tickets.compactMap { ticket -> Double? in
            guard let first = receptions.first(where: { $0.ticket == ticket.id }) else { return nil }
            return Double(first.calledAt - ticket.issuedAt) / 60
        }.sorted()
        return Figures(
            visitors: tickets.filter { if case .grouped = $0.status { return false } else { return true } }.count,
            served: Set(receptions.map(\.ticket)).count,
            noshows: tickets.filter { $0.status == .noshow }.count,
            stillWaiting: waiting.count,
            waitMean: waits.isEmpty ? 0 : waits.reduce(0, +) / Double(waits.count),
            waitP90: Quantile.of(sorted: waits, 0.9),
            reps: reps.map(\.name) + tallies.keys.filter { name in !reps.contains { $0.name == name } }.sorted(),
            uncountedBy: uncountedBy)
    }
}
