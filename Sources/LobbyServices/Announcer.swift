#if canImport(Glibc)
import Glibc
#endif
import LobbyText
import LobbyPlatform
import LobbyPrinting

/// Runs the site's announcement command (site.json "announce") once for each newly called
/// ticket, one at a time and in the order of the calls: the next announcement is given to the
/// program only after the previous one ended, so two calls seen in one poll are never spoken
/// over each other. A program that runs past the time limit is killed (with whatever it
/// started) and the queue goes on. The board never waits for it: `service` is called on every
/// poll and only looks. A program that cannot start or that fails is reported on standard error.
package struct Announcer {
    package let command: [String]
    package let timeLimitSeconds: Int
    private var announced: Set<String> = []
    private var day: String?
    /// Filled-in command lines not yet given to the program, oldest call first.
    private var waiting: [[String]] = []
    private var running: (process: ChildProcess, deadline: Int64, killed: Bool)?

    package init(command: [String], timeLimitSeconds: Int) {
        self.command = command
        self.timeLimitSeconds = timeLimitSeconds
    }

    /// `calling` newest first, as in the feed. Tickets already called when the board starts
    /// (or a new day begins) were announced by whoever was running then.
    package mutating func update(day today: String, calling: [(ticket: String, rep: String)]) {
        guard today == day else {
            day = today
            announced = Set(calling.map(\.ticket))
            service()
            return
        }
        for call in calling.reversed() where announced.insert(call.ticket).inserted {
            // Each word is filled on its own and stays one argument: no shell reads it.
            waiting.append(command.map {
                $0.replacingOccurrences(of: "{ticket}", with: call.ticket).replacingOccurrences(of: "{rep}", with: call.rep)
            })
        }
        service()
    }

    /// Collects the program that ended, stops one past its time, and starts the next.
    package mutating func service() {
        if let current = running {
            let ending: ChildProcess.Ending?
            do { ending = try current.process.ended() } catch { ending = .exited(0) }  // ECHILD: already gone
            if let ending {
                if !current.killed { report(ending) }
                running = nil
            } else {
                if !current.killed && MonotonicClock.milliseconds() >= current.deadline {
                    try? current.process.kill(SIGKILL)
                    running?.killed = true
                    Output.error("lobby: announce: \(TerminalText.value(command[0])) took longer than \(timeLimitSeconds) s and was stopped")
                }
                return
            }
        }
        guard !waiting.isEmpty else { return }
        let words = waiting.removeFirst()
        do {
            // Its own process group, so that the kill reaches a synthesizer's helpers too.
            let process = try ChildProcess.spawn(words, ownGroup: true)
            running = (process, MonotonicClock.milliseconds() + Int64(timeLimitSeconds) * 1000, false)
        } catch {
            Output.error("lobby: announce: cannot run \(TerminalText.value(words[0])): \(error)")
            service()
        }
    }

    private func report(_ ending: ChildProcess.Ending) {
        switch ending {
        case .exited(0): break
        case let .exited(code): Output.error("lobby: announce: \(TerminalText.value(command[0])) exited with status \(code)")
        case let .signaled(signal): Output.error("lobby: announce: \(TerminalText.value(command[0])) was stopped by signal \(signal)")
        }
    }
}
