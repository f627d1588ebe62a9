import LobbyCore

/// A row read by column name, the GRDB way, with the table and row it came from: every getter
/// either returns what the schema promises or throws `StoreError.damaged` naming the table,
/// the row and the column. No silent defaults: a damaged row is a finding, not a zero.
public struct TableRow: Sendable {
    public let table: String
    public let row: Row
    /// The column that identifies the row in messages (`seq`, `day`, `name`, `id`).
    public let keyColumn: String

    public init(_ row: Row, table: String, key keyColumn: String) {
        self.row = row
        self.table = table
        self.keyColumn = keyColumn
    }

    /// How the row is named in messages: "seq 12".
    public var rowName: String {
        switch row[keyColumn] {
        case let .integer(i)?: return "\(keyColumn) \(i)"
        case let .text(s)?: return "\(keyColumn) \(s)"
        default: return "\(keyColumn) ?"
        }
    }

    public func damaged(_ what: String) -> StoreError {
        .damaged(table: table, row: rowName, what: what)
    }

    private func value(_ column: String) throws(StoreError) -> SQLValue {
        guard let value = row[column] else { throw damaged("column \(column) is missing") }
        return value
    }

    private func typeName(_ value: SQLValue) -> String {
        switch value {
        case .null: return "NULL"
        case .integer: return "an integer"
        case .real: return "a real"
        case .text: return "text"
        case .blob: return "a blob"
        }
    }

    public func optionalText(_ column: String) throws(StoreError) -> String? {
        let value = try value(column)
        switch value {
        case .null: return nil
        case let .text(s): return s
        default: throw damaged("column \(column) is \(typeName(value)), not text")
        }
    }

    public func text(_ column: String) throws(StoreError) -> String {
        guard let text = try optionalText(column) else { throw damaged("column \(column) is NULL") }
        return text
    }

    public func optionalInt64(_ column: String) throws(StoreError) -> Int64? {
        let value = try value(column)
        switch value {
        case .null: return nil
        case let .integer(i): return i
        default: throw damaged("column \(column) is \(typeName(value)), not an integer")
        }
    }

    public func int64(_ column: String) throws(StoreError) -> Int64 {
        guard let i = try optionalInt64(column) else { throw damaged("column \(column) is NULL") }
        return i
    }

    public func optionalInt(_ column: String) throws(StoreError) -> Int? {
        try optionalInt64(column).map { Int(truncatingIfNeeded: $0) }
    }

    public func int(_ column: String) throws(StoreError) -> Int { Int(truncatingIfNeeded: try int64(column)) }

    public func bool(_ column: String) throws(StoreError) -> Bool {
        let i = try int64(column)
        guard i == 0 || i == 1 else { throw damaged("column \(column) is \(i), not 0 or 1") }
        return i == 1
    }

    public func double(_ column: String) throws(StoreError) -> Double {
        let value = try value(column)
        switch value {
        case let .real(d): return d
        case let .integer(i): return Double(i)  // SQLite stores a whole REAL as an integer at times
        default: throw damaged("column \(column) is \(typeName(value)), not a number")
        }
    }

    /// Text that must be one of an enumeration's raw values.
    public func value<T: RawRepresentable>(_ column: String, as type: T.Type) throws(StoreError) -> T
    where T.RawValue == String {
        let text = try text(column)
        guard let value = T(rawValue: text) else { throw damaged("column \(column) has an unknown value '\(text)'") }
        return value
    }

    public func optionalValue<T: RawRepresentable>(_ column: String, as type: T.Type) throws(StoreError) -> T?
    where T.RawValue == String {
        guard let text = try optionalText(column) else { return nil }
        guard let value = T(rawValue: text) else { throw damaged("column \(column) has an unknown value '\(text)'") }
        return value
    }

    /// A list kept as one name a line (opening and closing orders).
    public func lines(_ column: String) throws(StoreError) -> [String] {
        try text(column).split(separator: "\n").map(String.init)
    }
}

extension Row {
    /// This row read by column name, as a row of `table` identified by its `key` column.
    public func of(_ table: String, key: String) -> TableRow { TableRow(self, table: table, key: key) }
}
