import LobbyCore
import LobbyStore
import LobbyText
import LobbyPlatform
import LobbyPrinting

/// What `lobby replay` and `lobby verify` check: the chain of events, and that a day rebuilt
/// from its events ends with the closing order and tallies stored for it.
package enum RecordCheck {
    /// The chain, verified; a break is a refusal naming the first broken event.
    package static func chain(_ store: Store) throws -> ChainReport {
        let report = try store.read { try store.verifyChain() }
        if let broken = report.firstBreak {
            throw LobbyError.refused("the chain of events is broken at \(broken)")
        }
        return report
    }

    /// The day `key` rebuilt, or a refusal naming the first difference from the record.
    package static func day(_ key: DayKey, _ day: Day, store: Store) throws {
        guard let stored = try store.read({ try store.storedSnapshot(key.date) }) else {
            throw LobbyError.notFound("date: no record of \(key.date)")
        }
        if day.closingOrder != stored.order {
            throw LobbyError.refused("replay \(key.date): final order differs: rebuilt \(day.closingOrder.map(\.rawValue).joined(separator: ",")), stored \(stored.order.map(\.rawValue).joined(separator: ","))")
        }
        let rebuilt = day.tallies
        for name in Set(rebuilt.keys).union(stored.tallies.keys).sorted() where rebuilt[name] != stored.tallies[name] {
            let r = rebuilt[name] ?? Day.Tally(), s = stored.tallies[name] ?? Day.Tally()
            throw LobbyError.refused("replay \(key.date): tally of \(name) differs: rebuilt \(r.counted)/\(r.uncounted), stored \(s.counted)/\(s.uncounted) (counted/uncounted)")
        }
    }

    /// The published heads against the verified chain: each must be the hash recorded at its
    /// seq, on its day. Returns how many matched; the first that does not is a refusal.
    package static func heads(_ published: [ChainHeads.Published], report: ChainReport, source: String) throws -> Int {
        guard !published.isEmpty else { throw LobbyError.refused("heads: \(source) holds no '\(ChainHeads.marker)' lines") }
        for head in published {
            guard let recorded = report.hashes[head.seq] else {
                throw LobbyError.refused("heads: the head published for \(head.day) (event seq \(head.seq)) is not in the record: events were deleted")
            }
            guard recorded.day == head.day, recorded.hash == head.hash else {
                throw LobbyError.refused("heads: the record differs from the head published for \(head.day): event seq \(head.seq) (day \(recorded.day)) has another hash: the chain was rewritten up to there")
            }
        }
        return published.count
    }
}
