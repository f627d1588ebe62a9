#if canImport(Glibc)
import Glibc
#endif

/// Runs the site's announcement command (site.json "announce") once for each newly called
/// ticket. The program is started and left to run, so the board never waits for it; a program
/// that cannot start or that fails is reported on standard error and the board goes on.
struct Announcer {
    let command: [String]
    private var announced: Set<String> = []
    private var day: String?
    private var running: [pid_t] = []

    init(command: [String]) {
        self.command = command
    }

    /// `calling` newest first, as in the feed. Tickets already called when the board starts
    /// (or a new day begins) were announced by whoever was running then.
    mutating func update(day today: String, calling: [(ticket: String, rep: String)]) {
        reap()
        guard today == day else {
            day = today
            announced = Set(calling.map(\.ticket))
            return
        }
        for call in calling.reversed() where announced.insert(call.ticket).inserted {
            start(command.map { $0.replacingOccurrences(of: "{ticket}", with: call.ticket).replacingOccurrences(of: "{rep}", with: call.rep) })
        }
    }

    private mutating func start(_ words: [String]) {
        guard let program = words.first else { return }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // The program's output would scribble over the terminal board; its errors still show.
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let result = posix_spawnp(&pid, program, &actions, nil, argv, environ)
        if result == 0 {
            running.append(pid)
        } else {
            Output.error("lobby: announce: cannot run \(program): \(String(cString: strerror(result)))")
        }
    }

    /// Collects the programs that have ended, reporting those that failed.
    mutating func reap() {
        running.removeAll { pid in
            var status: Int32 = 0
            guard waitpid(pid, &status, WNOHANG) == pid else { return false }
            let signal = status & 0x7f, code = (status >> 8) & 0xff
            if signal != 0 {
                Output.error("lobby: announce: \(command[0]) was stopped by signal \(signal)")
            } else if code != 0 {
                Output.error("lobby: announce: \(command[0]) exited with status \(code)")
            }
            return true
        }
    }
}
