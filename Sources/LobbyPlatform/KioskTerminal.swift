#if canImport(Glibc)
import Glibc
#endif
import LobbyText

/// The kiosk's hold on its terminal. A kiosk stands in a lobby where anyone can press keys: no
/// key may stop, suspend or freeze it (Ctrl-C, Ctrl-\, Ctrl-Z, Ctrl-D, Ctrl-S), and nothing of a
/// visitor may stay on the screen or in its scrollback for the next one. It stops on SIGTERM
/// (systemd), giving the terminal back as it found it.
package enum KioskTerminal {
    /// The settings the terminal had, restored on the way out (also from the SIGTERM handler,
    /// where only this plain global can be reached; written once, before the handler is set).
    nonisolated(unsafe) private static var saved = termios()
    nonisolated(unsafe) private static var holding = false

    /// Takes the terminal on fd 0 when there is one; false when input is piped.
    package static func take() -> Bool {
        guard isatty(0) == 1, isatty(1) == 1, tcgetattr(0, &saved) == 0 else { return false }
        var settings = saved
        // The keys arrive as characters instead of signals; line editing (Backspace) stays.
        settings.c_lflag &= ~tcflag_t(ISIG)
        // Ctrl-S would freeze the output until Ctrl-Q, which a visitor does not know.
        settings.c_iflag &= ~tcflag_t(IXON | IXOFF)
        // Ctrl-D at the start of a line would be the end of input.
        withUnsafeMutableBytes(of: &settings.c_cc) { cc in cc[Int(VEOF)] = 0 }
        guard tcsetattr(0, TCSANOW, &settings) == 0 else { return false }
        holding = true
        // Also when the terminal's settings are changed behind the kiosk's back.
        signal(SIGINT, SIG_IGN)
        signal(SIGQUIT, SIG_IGN)
        signal(SIGTSTP, SIG_IGN)
        signal(SIGTTIN, SIG_IGN)
        signal(SIGTTOU, SIG_IGN)
        var term = sigset_t()
        sigemptyset(&term)
        sigaddset(&term, SIGTERM)
        sigprocmask(SIG_UNBLOCK, &term, nil)
        signal(SIGTERM) { _ in
            // Only async-signal-safe calls here.
            if KioskTerminal.holding { tcsetattr(0, TCSANOW, &KioskTerminal.saved) }
            _exit(0)
        }
        return true
    }

    /// Gives the terminal back (at the end of input).
    package static func release() {
        guard holding else { return }
        tcsetattr(0, TCSANOW, &saved)
        holding = false
    }

    /// Clears the screen and its scrollback, cursor home.
    package static func clear() {
        Output.flush()
        Output.control("\u{1B}[H\u{1B}[2J\u{1B}[3J")
        Output.flush()
    }

    /// A line as typed at the terminal: the escape sequences of arrow and function keys and the
    /// control characters of other keys dropped, for they are keys pressed, not an answer.
    package static func typed(_ line: String) -> (text: String, droppedKeys: Bool) {
        var result = String.UnicodeScalarView()
        var dropped = false
        let scalars = Array(line.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            if scalar == "\u{1B}" {
                dropped = true
                guard index < scalars.count else { break }
                let kind = scalars[index]
                index += 1
                if kind == "[" {
                    // CSI: parameter and intermediate bytes, then one final byte in @…~.
                    while index < scalars.count, !(0x40...0x7E).contains(scalars[index].value) { index += 1 }
                    index += 1
                } else if kind == "O" {
                    index += 1  // SS3: one more byte (F1–F4, keypad arrows)
                }
            } else if scalar == "\t" {
                result.append(" ")
            } else if scalar.properties.generalCategory == .control {
                dropped = true
            } else {
                result.append(scalar)
            }
        }
        return (String(result), dropped)
    }
}
