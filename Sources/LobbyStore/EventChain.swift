import CLobbyCrypto

/// The chain over the events: each row's `hash` is SHA-256 (OpenSSL's libcrypto) over the
/// previous row's hash and the row's own canonical content, so changing, inserting or
/// deleting any event breaks the chain from there on. The content is every column of the row
/// (visitors appear only as a random person id), so erasing a person never touches it.
enum EventChain {
    /// Hex SHA-256 of `bytes`.
    static func sha256(_ bytes: [UInt8]) -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        let ok = bytes.withUnsafeBytes { raw in lobby_sha256(raw.baseAddress, raw.count, &digest) }
        // SHA-256 cannot fail short of a broken libcrypto; a hash of nothing is then better
        // than a trap, and it never matches, so verify reports the row.
        guard ok == 1 else { return "" }
        let hexDigits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in digest {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The canonical content of a row: a version tag, then each column as name, storage class
    /// and value, lengths given, so no two different rows share a content (a NULL is not "",
    /// the integer 5 is not the text "5").
    static func content(_ values: [SQLValue]) -> [UInt8] {
        var out = Array("lobby-event-v1\n".utf8)
        for (name, value) in zip(EventRow.columns, values) {
            out += Array(name.utf8)
            switch value {
            case .null: out += Array("=n".utf8)
            case let .integer(i): out += Array("=i\(i)".utf8)
            case let .real(d): out += Array("=r\(d)".utf8)
            case let .text(s): out += Array("=t\(s.utf8.count):".utf8) + Array(s.utf8)
            case let .blob(b): out += Array("=b\(b.count):".utf8) + b
            }
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }

    /// The hash of a row given the previous row's (stored) hash; "" before the first event.
    static func hash(previous: String, _ values: [SQLValue]) -> String {
        sha256(Array(previous.utf8) + [UInt8(ascii: "\n")] + content(values))
    }

    static let selectAll = "SELECT " + EventRow.columns.joined(separator: ", ") + ", hash FROM events ORDER BY seq"
}

/// Where the chain first fails, named for a person: the event's seq, day and kind, and why.
public struct ChainBreak: Sendable, Equatable, CustomStringConvertible {
    public let seq: Int64
    public let day: String
    public let kind: String
    public let reason: String

    public var description: String { "event seq \(seq) (day \(day), \(kind)): \(reason)" }
}

/// The chain as verified: how many events, each day's head (the hash of its last event), and
/// the first break, if any. Heads are given only up to the first break.
public struct ChainReport: Sendable {
    public struct Head: Sendable, Equatable {
        public let day: String
        public let seq: Int64
        public let hash: String
    }

    public var events = 0
    public var heads: [String: Head] = [:]
    /// The hash at each seq, for comparing a published head with the record.
    public var hashes: [Int64: (day: String, hash: String)] = [:]
    public var firstBreak: ChainBreak?
}

extension Store {
    /// Appends one row to the chain. Its seq is the next the table would give (past any
    /// deleted tail, so a deletion leaves a gap), its hash over the last row's stored hash.
    func appendChained(day: String, _ fields: EventRow.Fields) throws {
        let last = try database.prepare("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").rows().first
        let counter = try database.prepare("SELECT name, seq FROM sqlite_sequence WHERE name = 'events'").rows().first
        let seq = max(
            try counter?.of("sqlite_sequence", key: "name").optionalInt64("seq") ?? 0,
            try last?.of("events", key: "seq").int64("seq") ?? 0) + 1
        let values = EventRow.values(seq: seq, day: day, fields)
        // The previous hash as stored, whatever it is: a tampered one is chained over, and
        // verify names that row.
        let hash = EventChain.hash(previous: last?["hash"]?.textValue ?? "", values)
        try database.prepare(EventRow.insert).run(values + [.text(hash)])
    }

    /// Checks the whole chain, oldest first: seqs without gaps from 1, each hash as recomputed.
    public func verifyChain() throws -> ChainReport {
        var report = ChainReport()
        var previous: (seq: Int64, hash: String)?
        for row in try database.prepare(EventChain.selectAll).rows() {
            let values = Array(row.values.prefix(EventRow.columns.count))
            let seq = values[0].int64Value ?? -1
            let day = values[1].textValue ?? "?"
            let kind = values[4].textValue ?? "?"
            let stored = row["hash"]?.textValue
            report.events += 1
            let expectedSeq = (previous?.seq ?? 0) + 1
            if seq != expectedSeq {
                let missing = expectedSeq == seq - 1 ? "seq \(expectedSeq) is" : "seqs \(expectedSeq)–\(seq - 1) are"
                report.firstBreak = ChainBreak(seq: seq, day: day, kind: kind, reason: "the event before it is missing (\(missing) gone)")
                return report
            }
            let recomputed = EventChain.hash(previous: previous?.hash ?? "", values)
            guard let stored, stored == recomputed else {
                report.firstBreak = ChainBreak(
                    seq: seq, day: day, kind: kind,
                    reason: stored == nil ? "it has no hash (inserted outside lobby)"
                        : "its hash does not match its content and the event before it (changed, or inserted outside lobby)")
                return report
            }
            report.heads[day] = ChainReport.Head(day: day, seq: seq, hash: stored)
            report.hashes[seq] = (day, stored)
            previous = (seq, stored)
        }
        return report
    }

    /// The head of `date`: the hash of its last event (by the stored rows, unverified).
    public func chainHead(_ date: String) throws -> ChainReport.Head? {
        guard let row = try database.prepare("SELECT seq, day, hash FROM events WHERE day = ? ORDER BY seq DESC LIMIT 1")
            .rows([.text(date)]).first?.of("events", key: "seq")
        else { return nil }
        return ChainReport.Head(day: try row.text("day"), seq: try row.int64("seq"), hash: try row.text("hash"))
    }

    /// The latest day before `date` that has events: the one a new day closes.
    public func dayWithEvents(before date: String) throws -> String? {
        try database.prepare("SELECT seq, day FROM events WHERE day < ? ORDER BY day DESC, seq DESC LIMIT 1")
            .rows([.text(date)]).first?.of("events", key: "seq").text("day")
    }
}
