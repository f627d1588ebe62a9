#if canImport(Glibc)
import Glibc
#endif
import LobbyText

/// The few things the product asks of the operating system: files, the clock, the zone
/// database, the terminal and random bytes.
package enum System {
    package static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    package static func now() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec)
    }

    package static func fileExists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    package static func readFile(_ path: String, limit: Int = 1 << 20) -> String? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count <= 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
            if bytes.count > limit { return nil }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The directory of the running executable.
    package static func executableDirectory() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        let path = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return FilePath(path).directory.string
    }

    /// Seconds east of UTC in `zone` at `instant`, from the C library's zone database; nil when
    /// the zone is unknown (glibc would silently use UTC, so the file is checked first).
    package static func utcOffset(zone: String, at instant: Int64) -> Int? {
        guard !zone.contains(".."), !zone.hasPrefix("/"), fileExists(FilePath("/usr/share/zoneinfo").appending(zone).string) else { return nil }
        setenv("TZ", zone, 1)
        tzset()
        var time = time_t(instant)
        var parts = tm()
        guard localtime_r(&time, &parts) != nil else { return nil }
        return Int(parts.tm_gmtoff)
    }

    package static func osUser() -> String {
        if let user = environment("USER"), !user.isEmpty { return user }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "unknown"
    }

    /// The id of the group `name`, nil when there is no such group.
    package static func groupID(_ name: String) -> gid_t? {
        getgrnam(name).map { $0.pointee.gr_gid }
    }

    package static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// Reads a line from the terminal without echo (PIN entry).
    package static func readSecret(prompt: String) -> String? {
        writeError(prompt)
        var saved = termios()
        let haveTerminal = tcgetattr(0, &saved) == 0
        if haveTerminal {
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(0, TCSANOW, &quiet)
        }
        defer {
            if haveTerminal {
                tcsetattr(0, TCSANOW, &saved)
                writeError("\n")
            }
        }
        return readLine(strippingNewline: true)
    }

    package static func writeError(_ text: String) {
        // A prompt, not a message: no newline of its own, but the same escaping.
        try? FileDescriptor.standardError.writeAll(TerminalText.escaped(text, keepingLines: true))
    }

    /// Random letters for ticket tokens (getrandom through the standard library).
    package static func randomToken(length: Int) -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet[Int(generator.next(upperBound: UInt32(alphabet.count)))] })
    }
}
