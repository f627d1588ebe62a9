import LobbyText
import LobbyPlatform
import LobbyPrinting

/// The words a visitor reads, from kiosk-assets/texts.json, in Chinese or English.
package struct Texts: Sendable {
    package enum Language: String, CaseIterable, Sendable { case zh, en }

    /// Read once per process: the board redraws and the kiosk asks many times a run.
    package static let shared = Texts()

    private let table: [String: JSON]

    private init() {
        table = Self.parse(Assets.read("texts.json")) ?? [:]
    }

    private init(table: [String: JSON]) {
        self.table = table
    }

    private static func parse(_ text: String?) -> [String: JSON]? {
        guard let text, case let .object(pairs)? = try? JSON.parse(text) else { return nil }
        return Dictionary(pairs, uniquingKeysWith: { a, _ in a })
    }

    /// The texts, or exit 3 naming the file: a kiosk that showed raw keys ("consent") would have
    /// a visitor agree to something they were never told. Every key in `required` must be there
    /// in both languages.
    package static func load(required: [String]) throws(LobbyError) -> Texts {
        let paths = Assets.candidates("texts.json")
        guard let path = paths.first(where: System.fileExists) else {
            throw .store("texts: kiosk-assets/texts.json was not found (looked at \(paths.joined(separator: ", ")); set LOBBY_ASSETS)")
        }
        guard let table = parse(System.readFile(path)) else {
            throw .store("texts: \(path) cannot be read as JSON")
        }
        for language in [Language.zh, .en] {
            let missing = required.filter { table[language.rawValue]?[$0]?.stringValue == nil }
            guard missing.isEmpty else {
                throw .store("texts: \(path) has no \(language.rawValue) text for \(missing.prefix(5).joined(separator: ", "))")
            }
        }
        return Texts(table: table)
    }

    /// The text `key` in `language` with {placeholders} filled; the key itself when missing, so
    /// that a broken assets folder shows where, instead of failing a visitor's check-in.
    package func text(_ key: String, _ language: Language, _ values: [String: String] = [:]) -> String {
        (table[language.rawValue]?[key]?.stringValue ?? table["zh"]?[key]?.stringValue ?? key).filling(values)
    }
}
