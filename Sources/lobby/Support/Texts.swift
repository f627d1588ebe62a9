/// The words a visitor reads, from kiosk-assets/texts.json, in Chinese or English.
struct Texts {
    enum Language: String { case zh, en }

    private let table: [String: JSON]

    init() {
        if let text = Assets.read("texts.json"), case let .object(pairs)? = try? JSON.parse(text) {
            table = Dictionary(pairs, uniquingKeysWith: { a, _ in a })
        } else {
            table = [:]
        }
    }

    /// The text `key` in `language` with {placeholders} filled; the key itself when missing, so
    /// that a broken assets folder shows where, instead of failing a visitor's check-in.
    func text(_ key: String, _ language: Language, _ values: [String: String] = [:]) -> String {
        var result = table[language.rawValue]?[key]?.stringValue ?? table["zh"]?[key]?.stringValue ?? key
        for (name, value) in values {
            result = result.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return result
    }
}

extension String {
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
