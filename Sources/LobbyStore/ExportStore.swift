import LobbyCore

/// One event as a head office receives it: the row without what could name or describe a
/// person (no person id, no free text), with the chain's hashes, and what the rules decided
/// at that event, which later events never change (an undo is its own later event).
public struct ExportedEvent: Sendable {
    public let seq: Int64
    public let day: String
    public let utcOffset: Int
    public let at: Instant
    public let actor: String
    public let kind: String
    public let ticket: String?
    public let rep: String?
    /// Only for rule events, where it holds words of the rules' own vocabulary, ticket ids or
    /// staff names; a note's detail may be free text and is left out.
    public let detail: String?
    public let number: Int?
    public let flags: String
    /// The reception this event began, as the rules decided it then.
    public let reception: Day.Reception?
    /// For an undo: the seq of the event it took back.
    public let undoes: Int64?
    /// For a no-show: the seqs of the events whose receptions it took away (the visitor never
    /// came, so nobody was received), empty otherwise.
    public let cancels: [Int64]
    /// For the close of a day: when the waits of visitors never received end (`Day.closedAt`).
    public let closedAt: Instant?
    /// The hash of the event before (seq − 1), "" before the first.
    public let prev: String
    public let hash: String
}

extension Store {
    /// The events after `since`, oldest first. Each day they fall in is replayed from its
    /// opening so that every reception and undo carries the rules' decision at that event.
    public func exportEvents(since: Int64, settings: Settings) throws -> [ExportedEvent] {
        var out: [ExportedEvent] = []
        let days = try database.prepare("SELECT DISTINCT day FROM events WHERE seq > ? ORDER BY day")
            .rows([.integer(since)]).map { try $0.of("events", key: "day").text("day") }
        var previousHash: String? = nil
        for date in days {
            guard let offset = try dayOffset(date) else { throw StoreError.damaged(table: "days", row: date, what: "missing, yet the day has events") }
            let rows = try database.prepare("""
                SELECT seq, day, at, actor, kind, ticket, rep, detail, number, flags, hash FROM events
                WHERE day = ? ORDER BY seq
                """).rows([.text(date)]).map { $0.of("events", key: "seq") }
            // What the rules decided at each rule event, by seq.
            let ruleSeqs = try rows.filter { !(try $0.text("kind")).hasPrefix(NoteKind.prefix) }.map { try $0.int64("seq") }
            var next = 0
            var appliedSeqs: [Int64] = []
            var receptions: [Int64: Day.Reception] = [:]
            var undoes: [Int64: Int64] = [:]
            var cancels: [Int64: [Int64]] = [:]
            var closes: [Int64: Instant] = [:]
            // A reception's seq by what a later rename leaves unchanged: ticket, kind, time of the call.
            var receptionSeq: [String: Int64] = [:]
            func key(_ r: Day.Reception) -> String { "\(r.ticket)\u{1}\(r.kind.rawValue)\u{1}\(r.calledAt.seconds)" }
            _ = try day(DayKey(date: date, utcOffset: offset), settings: settings) { event, before, after in
                guard next < ruleSeqs.count else { return }
                let seq = ruleSeqs[next]
                next += 1
                if after.applied.count > before.applied.count { appliedSeqs.append(seq) }
                switch event.action {
                case .call, .assist, .transfer, .claim:
                    if after.receptions.count > before.receptions.count, let last = after.receptions.last {
                        receptions[seq] = last
                        receptionSeq[key(last)] = seq
                    }
                case .noshow:
                    let kept = Set(after.receptions.map(key))
                    cancels[seq] = before.receptions.map(key).filter { !kept.contains($0) }.compactMap { receptionSeq[$0] }.sorted()
                case .closeDay:
                    closes[seq] = after.closedAt
                case .undo:
                    if let index = Set(after.undone).subtracting(before.undone).first, index < appliedSeqs.count {
                        undoes[seq] = appliedSeqs[index]
                    }
                default: break
                }
            }
            for row in rows {
                let seq = try row.int64("seq")
                let hash = try row.text("hash")
                if previousHash == nil {
                    previousHash = try database.prepare("SELECT seq, hash FROM events WHERE seq < ? ORDER BY seq DESC LIMIT 1")
                        .rows([.integer(seq)]).first.map { try $0.of("events", key: "seq").text("hash") } ?? ""
                }
                defer { previousHash = hash }
                guard seq > since else { continue }
                let kind = try row.text("kind")
                out.append(ExportedEvent(
                    seq: seq, day: date, utcOffset: offset, at: try row.instant("at"), actor: try row.text("actor"), kind: kind,
                    ticket: try row.optionalText("ticket"), rep: try row.optionalText("rep"),
                    detail: kind.hasPrefix(NoteKind.prefix) ? nil : try row.optionalText("detail"),
                    number: try row.optionalInt("number"), flags: try row.text("flags"),
                    reception: receptions[seq], undoes: undoes[seq], cancels: cancels[seq] ?? [], closedAt: closes[seq], prev: previousHash ?? "", hash: hash))
            }
        }
        return out
    }
}
