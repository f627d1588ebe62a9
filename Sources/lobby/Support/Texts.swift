/// The words a visitor reads, from kiosk-assets/texts.json, in Chinese or English.
struct Texts: Sendable {
    enum Language: String, CaseIterable, Sendable { case zh, en }

    /// Read once per process: the board redraws and the kiosk asks many times a run.
    static let shared = Texts()

    private let table: [String: JSON]

    private init() {
        if let text = Assets.read("texts.json"), case let .object(pairs)? = try? JSON.parse(text) {
            table = Dictionary(pairs, uniquingKeysWith: { a, _ in a })
        } else {
            table = [:]
        }
    }

    /// The text `key` in `language` with {placeholders} filled; the key itself when missing, so
    /// that a broken assets folder shows where, instead of failing a visitor's check-in.
    func text(_ key: String, _ language: Language, _ values: [String: String] = [:]) -> String {
        (table[language.rawValue]?[key]?.stringValue ?? table["zh"]?[key]?.stringValue ?? key).filling(values)
    }
}

extension String {
    /// {name} replaced by values[name], in one pass, so that a value containing "{…}" is never
    /// filled again; an unknown {name} stays as it is.
    func filling(_ values: [String: String]) -> String {
        var result = ""
        var rest = Substring(self)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: "}"), let value = values[String(after[..<close])] {
                result += value
                rest = after[after.index(after: close)...]
            } else {
                result += "{"
                rest = after
            }
        }
        return result + rest
    }

    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
