#if canImport(Glibc)
import Glibc
#endif
import LobbyText

/// Buffered standard output, flushed once per command, and messages to standard error. Both
/// pass through `TerminalText`, so that no control character from a value reaches a terminal
/// raw; only `control` writes the board's own cursor sequences.
package enum Output {
    nonisolated(unsafe) private static var buffer = ""

    package static func line(_ text: String) {
        write(text + "\n")
    }

    package static func write(_ text: String) {
        append(TerminalText.escaped(text, keepingLines: true))
    }

    /// A file's content written as it is (a CSV table: its CR LF line ends are the format).
    package static func file(_ text: String) {
        append(text)
    }

    /// Terminal control sequences that the product itself writes (the board's redraw), kept raw.
    package static func control(_ sequence: String) {
        append(sequence)
    }

    private static func append(_ text: String) {
        buffer += text
        if buffer.utf8.count > 1 << 16 { flush() }
    }

    /// False once standard output is gone (the reader closed the pipe).
    package nonisolated(unsafe) private(set) static var isOpen = true

    package static func flush() {
        guard !buffer.isEmpty else { return }
        do { try FileDescriptor.standardOutput.writeAll(buffer) } catch { isOpen = false }
        buffer = ""
    }

    /// One message line to standard error, escaped and at most `TerminalText.messageLimit` long.
    package static func error(_ text: String) {
        let message = TerminalText.cut(TerminalText.escaped(text, keepingLines: true), limit: TerminalText.messageLimit)
        try? FileDescriptor.standardError.writeAll(message + "\n")
    }
}
