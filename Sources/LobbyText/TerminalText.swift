/// Values shown to people on a terminal or written to a log, made harmless: a control character
/// (C0, DEL, C1, and the bidirectional and line-separator formats that reorder or break what a
/// reader sees) is written as a visible `\u001B`-style escape, which is also valid inside JSON,
/// and a long value is cut with an ellipsis. A terminal then never receives an escape sequence
/// from a ticket argument, a rep's name or a stored note, and a 120 kB argument costs one line.
package enum TerminalText {
    /// What a value echoed in a message may take, in characters, before it is cut.
    package static let valueLimit = 64
    /// What a path echoed in a message may take: paths are long and the reader needs them whole.
    package static let pathLimit = 512
    /// What a whole message to standard error may take.
    package static let messageLimit = 2000

    /// `text` escaped and cut to `limit` characters (the ellipsis included).
    package static func value(_ text: String, limit: Int = valueLimit) -> String {
        cut(escaped(text), limit: limit)
    }

    /// A path, escaped and cut at `pathLimit`.
    package static func path(_ text: String) -> String {
        value(text, limit: pathLimit)
    }

    /// Every control character escaped; newlines and tabs kept when `keepingLines` (whole
    /// screens and messages, whose lines are the product's own).
    package static func escaped(_ text: String, keepingLines: Bool = false) -> String {
        guard text.utf8.contains(where: { Self.mayStartControl($0, keepingLines: keepingLines) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isControl(scalar) && !(keepingLines && (scalar == "\n" || scalar == "\t")) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out.append(contentsOf: ("\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Cut to `limit` characters with an ellipsis as the last one.
    package static func cut(_ text: String, limit: Int) -> String {
        guard limit > 0, text.count > limit else { return text }
        return String(text.prefix(limit - 1)) + "…"
    }

    /// Whether `text` holds a character that `escaped` would rewrite (newlines and tabs too):
    /// names and settings with one are refused rather than stored.
    package static func containsControl(_ text: String) -> Bool {
        text.unicodeScalars.contains(where: isControl)
    }

    package static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F...0x9F: return true
        case 0x200E, 0x200F, 0x2028...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// A quick look at the bytes: only these can begin a character that needs escaping.
    private static func mayStartControl(_ byte: UInt8, keepingLines: Bool) -> Bool {
        switch byte {
        case 0x0A, 0x09: return !keepingLines
        case 0..<0x20, 0x7F, 0xC2, 0xE2: return true
        default: return false
        }
    }
}
