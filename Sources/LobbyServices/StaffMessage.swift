import LobbyCore
import LobbyText

/// The language of the staff's lines in this process: the desk sets it for the commands it runs,
/// so that their confirmations and refusals are in the desk's language. Unset, one-shot
/// commands speak English, which scripts read.
package enum StaffLanguage {
    /// Set once, before any command runs, by the desk's single thread.
    nonisolated(unsafe) package static var current: Texts.Language?

    /// The language of a command's confirmation: the desk's, else English.
    package static var spoken: Texts.Language { current ?? .en }

    /// A confirmation from texts.json in the spoken language.
    package static func say(_ key: String, _ values: [String: String] = [:]) -> String {
        Texts.shared.text(key, spoken, values)
    }
}

/// A message staff read, with its text in kiosk-assets/texts.json: a refusal, a usage error, a
/// missing ticket. A rule's refusal names the rule in words, with its id in brackets:
/// `需要主管 (R6)`, `needs a supervisor (R6)`.
package struct StaffMessage: Sendable {
    package let exit: ExitCode
    /// The key of its text; nil when there is none (then only the rule is said in words).
    package let key: String?
    package let values: [String: String]
    /// Values that are keys of texts.json themselves (a state, a ticket's status).
    package let terms: [String: String]
    package let rule: RuleID?
    /// The message as one-shot commands print it.
    package let english: String
    /// The English reason without the rule, for an English screen that names the rule in words.
    package let reason: String

    package init(
        _ exit: ExitCode, _ key: String?, _ values: [String: String] = [:], terms: [String: String] = [:],
        rule: RuleID? = nil, english: String, reason: String? = nil
    ) {
        (self.exit, self.key, self.values, self.terms, self.rule) = (exit, key, values, terms, rule)
        self.english = english
        self.reason = reason ?? english
    }

    package func text(_ language: Texts.Language) -> String {
        let texts = Texts.shared
        var filled = values
        for (name, term) in terms { filled[name] = texts.text(term, language, values) }
        let said = key.map { texts.text($0, language, filled) }
        guard let rule else {
            return said ?? (language == .en ? english : texts.text("refusedPlain", language))
        }
        let reason = language == .en ? self.reason : said
        return texts.text(reason == nil ? "refusedRuleOnly" : "refusedRule", language, [
            "reason": reason ?? "", "words": texts.text("rule." + rule.rawValue, language), "rule": rule.rawValue,
        ])
    }
}

extension LobbyError {
    /// A refusal with its text (exit 1).
    package static func refused(_ key: String, _ values: [String: String], rule: RuleID? = nil, _ english: String) -> LobbyError {
        .said(StaffMessage(.refused, key, values, rule: rule, english: english))
    }

    /// A malformed command line with its text (exit 2).
    package static func usage(_ key: String, _ values: [String: String], _ english: String) -> LobbyError {
        .said(StaffMessage(.usage, key, values, english: english))
    }

    /// Something that does not exist, with its text (exit 4).
    package static func notFound(_ key: String, _ values: [String: String], _ english: String) -> LobbyError {
        .said(StaffMessage(.notFound, key, values, english: english))
    }
}
