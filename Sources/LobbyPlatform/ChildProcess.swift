#if canImport(Glibc)
import Glibc
#endif
import LobbyText

/// A program the product starts (posix_spawn), given its words as separate arguments: no shell
/// ever sees them, so nothing in a value (a ticket, a rep's name) can become a command.
package struct ChildProcess: Sendable {
    package let pid: pid_t
    /// Started as the leader of its own process group, so that `kill` reaches whatever it starts.
    package let ownGroup: Bool

    package enum Ending: Equatable, Sendable {
        case exited(Int32)
        case signaled(Int32)
    }

    /// Starts `arguments[0]` (looked up on PATH) with the rest as its arguments. Standard input
    /// and output are /dev/null unless given; standard error is shared, so its complaints show.
    package static func spawn(
        _ arguments: [String], standardInput: FilePath = FilePath("/dev/null"),
        standardOutput: FilePath = FilePath("/dev/null"), ownGroup: Bool = false
    ) throws(Errno) -> ChildProcess {
        guard let program = arguments.first else { throw Errno(rawValue: EINVAL) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, standardInput.string, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, standardOutput.string, O_WRONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        if ownGroup {
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
            posix_spawnattr_setpgroup(&attributes, 0)
        }
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let result = posix_spawnp(&pid, program, &actions, &attributes, argv, environ)
        guard result == 0 else { throw Errno(rawValue: result) }
        return ChildProcess(pid: pid, ownGroup: ownGroup)
    }

    /// How it ended, or nil while it runs (waitpid with WNOHANG).
    package func ended() throws(Errno) -> Ending? {
        var status: Int32 = 0
        let result = try Errno.retryingInterrupts { waitpid(pid, &status, WNOHANG) }
        return result == pid ? Self.ending(status) : nil
    }

    /// Waits for it to end.
    package func wait() throws(Errno) -> Ending {
        var status: Int32 = 0
        _ = try Errno.retryingInterrupts { waitpid(pid, &status, 0) }
        return Self.ending(status)
    }

    /// Sends `signal` to it (and to its group when it has one).
    package func kill(_ signal: Int32 = SIGKILL) throws(Errno) {
        _ = try Errno.retryingInterrupts { Glibc.kill(ownGroup ? -pid : pid, signal) }
    }

    private static func ending(_ status: Int32) -> Ending {
        let signal = status & 0x7f
        return signal != 0 ? .signaled(signal) : .exited((status >> 8) & 0xff)
    }
}

/// A clock that only moves forward, for time limits (the wall clock can be stepped).
package enum MonotonicClock {
    package static func milliseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }
}
