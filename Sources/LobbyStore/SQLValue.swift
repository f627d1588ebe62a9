/// One SQLite value: the five storage classes, and nothing else, so a value read back is
/// exactly what SQLite holds.
public enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    /// Optional Swift values bind as NULL when absent, which is what the schema expects.
    public init(_ value: String?) { self = value.map { .text($0) } ?? .null }
    public init(_ value: Int?) { self = value.map { .integer(Int64($0)) } ?? .null }
    public init(_ value: Int64?) { self = value.map { .integer($0) } ?? .null }
    public init(_ value: Double?) { self = value.map { .real($0) } ?? .null }
    /// SQLite has no boolean: 1 and 0, as its own `TRUE`/`FALSE` keywords.
    public init(_ value: Bool?) { self = value.map { .integer($0 ? 1 : 0) } ?? .null }

    public var isNull: Bool { self == .null }

    /// The integer, if this is one (or a real with an exact integer value). No text parsing:
    /// a column that should be an integer and is not is a bug worth seeing.
    public var int64Value: Int64? {
        switch self {
        case .integer(let i): return i
        case .real(let d): return Int64(exactly: d)
        default: return nil
        }
    }

    public var doubleValue: Double? {
        switch self {
        case .real(let d): return d
        case .integer(let i): return Double(i)
        default: return nil
        }
    }

    public var textValue: String? {
        if case .text(let s) = self { return s }
        return nil
    }

    public var blobValue: [UInt8]? {
        switch self {
        case .blob(let b): return b
        case .text(let s): return Array(s.utf8)
        default: return nil
        }
    }
}

extension SQLValue: ExpressibleByNilLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .real(value) }
    public init(stringLiteral value: String) { self = .text(value) }
    public init(booleanLiteral value: Bool) { self = .integer(value ? 1 : 0) }
}

/// One result row, copied out of the statement so it outlives the next `step()`.
public struct Row: Sendable, Equatable {
    public let values: [SQLValue]
    /// Shared by every row of one result (copy-on-write), so names cost nothing per row.
    public let columnNames: [String]

    public init(values: [SQLValue], columnNames: [String]) {
        self.values = values
        self.columnNames = columnNames
    }

    public var count: Int { values.count }

    /// Like an array, an index past the end is a programming error and traps.
    public subscript(i: Int) -> SQLValue { values[i] }

    /// By column name (the first match), nil if there is no such column.
    public subscript(name: String) -> SQLValue? {
        columnNames.firstIndex(of: name).map { values[$0] }
    }

    /// nil for NULL (or another type): text that may be absent is common in this schema.
    public func text(_ i: Int) -> String? { values[i].textValue }
    public func blob(_ i: Int) -> [UInt8]? { values[i].blobValue }

    public func optionalInt64(_ i: Int) -> Int64? { values[i].int64Value }
    public func optionalInt(_ i: Int) -> Int? { optionalInt64(i).map { Int(truncatingIfNeeded: $0) } }
    public func optionalDouble(_ i: Int) -> Double? { values[i].doubleValue }

    /// NULL reads as 0, like `sqlite3_column_int64`; use the optional forms when NULL means something.
    public func int64(_ i: Int) -> Int64 { optionalInt64(i) ?? 0 }
    public func int(_ i: Int) -> Int { optionalInt(i) ?? 0 }
    public func double(_ i: Int) -> Double { optionalDouble(i) ?? 0 }
    public func bool(_ i: Int) -> Bool { int64(i) != 0 }
    public func isNull(_ i: Int) -> Bool { values[i].isNull }
}
