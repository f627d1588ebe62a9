// End-to-end harness: runs the built `lobby` executable as separate processes, each test on
// its own temporary directory and database (interface.md is the contract under test).
import Foundation
import Testing

struct HarnessError: Error, CustomStringConvertible {
    let description: String
}

/// What one `lobby` process did.
struct Outcome: CustomStringConvertible {
    let args: [String]
    let status: Int32
    let stdout: String
    let stderr: String

    var description: String {
        "lobby \(args.joined(separator: " ")) → exit \(status)\n--- stdout ---\n\(stdout)--- stderr ---\n\(stderr)"
    }

    /// The first line of stderr, the error message of design.md ("lobby: …").
    var message: String { stderr.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? "" }
}

enum Harness {
    /// The package root, found from this file: <root>/Tests/LobbyEndToEndTests/Harness.swift.
    static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let binary: Swift.Result<String, HarnessError> = locateBinary()

    static let sqlite3: String? = which("sqlite3")

    /// LOBBY_BIN if set, else a `lobby` executable beside the test bundle's executable (or in a
    /// directory above it, within the same build directory).
    static func locateBinary() -> Swift.Result<String, HarnessError> {
        let fm = FileManager.default
        if let explicit = ProcessInfo.processInfo.environment["LOBBY_BIN"], !explicit.isEmpty {
            return isExecutableFile(explicit)
                ? .success(explicit)
                : .failure(HarnessError(description: "LOBBY_BIN=\(explicit) is not an executable file"))
        }
        var starts: [URL] = []
        if let arg0 = CommandLine.arguments.first, !arg0.isEmpty {
            let cwd = URL(fileURLWithPath: fm.currentDirectoryPath, isDirectory: true)
            starts.append(URL(fileURLWithPath: arg0, relativeTo: cwd).standardizedFileURL)
        }
        if let exe = Bundle.main.executablePath { starts.append(URL(fileURLWithPath: exe)) }
        if let real = try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            starts.append(URL(fileURLWithPath: real))
        }
        var tried: [String] = []
        for start in starts {
            var dir = start.deletingLastPathComponent()
            for _ in 0..<4 {
                let candidate = dir.appendingPathComponent("lobby").path
                tried.append(candidate)
                if isExecutableFile(candidate) { return .success(candidate) }
                if dir.path == "/" { break }
                dir = dir.deletingLastPathComponent()
            }
        }
        return .failure(HarnessError(description:
            "cannot find the `lobby` executable; build it first (swift build) or set LOBBY_BIN. Tried: "
            + tried.joined(separator: ", ")))
    }

    static func isExecutableFile(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && !isDir.boolValue
            && FileManager.default.isExecutableFile(atPath: path)
    }

    static func which(_ tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(tool)"
            if isExecutableFile(candidate) { return candidate }
        }
        return nil
    }
}

/// A started process; `wait()` collects its outcome.
final class Running {
    let args: [String]
    let process: Process
    let outURL: URL
    let errURL: URL
    let handles: [FileHandle]
    let done: DispatchSemaphore
    let launchError: String?
    /// The outcome when the process never started because setting up its database failed.
    var preset: Outcome?

    init(args: [String], process: Process, outURL: URL, errURL: URL, handles: [FileHandle],
         done: DispatchSemaphore, launchError: String?) {
        self.args = args
        self.process = process
        self.outURL = outURL
        self.errURL = errURL
        self.handles = handles
        self.done = done
        self.launchError = launchError
    }

    /// Waits for the process (killing it after `timeout` seconds: a process that hangs, e.g. on a
    /// terminal prompt, is a failure, not a stuck suite).
    func wait(timeout: Double = 60) -> Outcome {
        defer {
            for h in handles { try? h.close() }
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        if let preset { return preset }
        if let launchError {
            return Outcome(args: args, status: -1, stdout: "", stderr: "harness: cannot launch: \(launchError)")
        }
        var note = ""
        if done.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            _ = done.wait(timeout: .now() + 5)
            note = "harness: killed after \(timeout)s (hanging?)\n"
        }
        let out = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        var status = process.isRunning ? -1 : process.terminationStatus
        if !process.isRunning, process.terminationReason == .uncaughtSignal {
            note += "harness: died of signal \(process.terminationStatus)\n"
            status = 128 + status
        }
        return Outcome(args: args, status: status, stdout: out, stderr: note + err)
    }
}

/// One site on its own temporary directory and database.
final class Lobby {
    static let supervisor = "Boss"
    static let supervisorPIN = "918273"

    let dir: URL
    let db: String
    /// The business day and local time (+08:00, Asia/Shanghai) given as LOBBY_NOW.
    var date = "2026-11-23"
    var time = "10:00:00"
    var actor: String? = Lobby.supervisor
    var pin: String? = Lobby.supervisorPIN
    var newPin: String? = nil
    /// Whether the first command on a missing database runs `lobby init` first (with this
    /// site, clock and environment), as an office sets up a site before using it. Off for the
    /// tests of what commands do on a missing database.
    var autoInit = true
    /// LOBBY_SITE; by default the repository's kiosk-assets/site.json.
    var site: String? = {
        let path = Harness.repoRoot.appendingPathComponent("kiosk-assets/site.json").path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }()

    var now: String { "\(date)T\(time)+08:00" }

    init() throws {
        dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("lobby-e2e-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        db = dir.appendingPathComponent("lobby.sqlite").path
        if case .failure(let error) = Harness.binary { throw error }
    }

    deinit {
        try? FileManager.default.removeItem(at: dir)
    }

    /// Sets the local time of LOBBY_NOW: "10:05" or "10:05:30".
    func at(_ hhmm: String) {
        time = hhmm.count == 5 ? hhmm + ":00" : hhmm
    }

    var defaultEnv: [String: String] {
        var env: [String: String] = ["LOBBY_DB": db, "LOBBY_NOW": now]
        if let actor { env["LOBBY_ACTOR"] = actor }
        if let pin { env["LOBBY_PIN"] = pin }
        if let newPin { env["LOBBY_NEW_PIN"] = newPin }
        if let site { env["LOBBY_SITE"] = site }
        return env
    }

    /// Starts `lobby ARGS…` without waiting. `env` overrides the defaults; `unset` removes variables.
    func start(_ args: [String], env: [String: String] = [:], unset: [String] = [],
               stdin: String? = nil) -> Running {
        let fm = FileManager.default
        if autoInit, args.first != "init", args.first != "--version", !args.contains("--db") {
            var environment = defaultEnv.merging(env) { _, new in new }
            for key in unset { environment.removeValue(forKey: key) }
            if let path = environment["LOBBY_DB"], !fm.fileExists(atPath: path) {
                let setUp = start(["init"], env: env, unset: unset).wait()
                if setUp.status != 0 {
                    let never = start(["--version"])  // a stand-in, never a command on a missing database
                    _ = never.wait()
                    never.preset = setUp
                    return never
                }
            }
        }
        let tag = UUID().uuidString
        let outURL = dir.appendingPathComponent(".out-\(tag)")
        let errURL = dir.appendingPathComponent(".err-\(tag)")
        let inURL = dir.appendingPathComponent(".in-\(tag)")
        _ = fm.createFile(atPath: outURL.path, contents: nil)
        _ = fm.createFile(atPath: errURL.path, contents: nil)

        let process = Process()
        var handles: [FileHandle] = []
        var launchError: String? = nil
        let done = DispatchSemaphore(value: 0)
        do {
            process.executableURL = URL(fileURLWithPath: try Harness.binary.get())
            process.arguments = args
            var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("LOBBY_") }
            environment.merge(defaultEnv) { _, new in new }
            environment.merge(env) { _, new in new }
            for key in unset { environment.removeValue(forKey: key) }
            process.environment = environment
            process.currentDirectoryURL = dir
            let out = try FileHandle(forWritingTo: outURL)
            let err = try FileHandle(forWritingTo: errURL)
            handles += [out, err]
            process.standardOutput = out
            process.standardError = err
            if let stdin {
                _ = fm.createFile(atPath: inURL.path, contents: Data(stdin.utf8))
                let input = try FileHandle(forReadingFrom: inURL)
                handles.append(input)
                process.standardInput = input
            } else {
                process.standardInput = FileHandle.nullDevice
            }
            process.terminationHandler = { _ in done.signal() }
            try process.run()
        } catch {
            launchError = "\(error)"
        }
        return Running(args: args, process: process, outURL: outURL, errURL: errURL,
                       handles: handles, done: done, launchError: launchError)
    }

    /// Runs `lobby ARGS…` to completion.
    @discardableResult
    func run(_ args: [String], env: [String: String] = [:], unset: [String] = [],
             stdin: String? = nil) -> Outcome {
        start(args, env: env, unset: unset, stdin: stdin).wait()
    }

    /// Runs and requires exit 0.
    @discardableResult
    func ok(_ args: [String], env: [String: String] = [:], unset: [String] = [],
            sourceLocation: SourceLocation = #_sourceLocation) throws -> Outcome {
        let r = run(args, env: env, unset: unset)
        try #require(r.status == 0, "\(r)", sourceLocation: sourceLocation)
        return r
    }

    /// Runs, requires exit 0, and parses stdout as one JSON object.
    func json(_ args: [String], env: [String: String] = [:], unset: [String] = [],
              sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let r = try ok(args, env: env, unset: unset, sourceLocation: sourceLocation)
        return try #require(parseJSON(r.stdout), "stdout is not one JSON object:\n\(r)",
                            sourceLocation: sourceLocation)
    }

    /// Runs one SQL statement on the database with sqlite3 (to tamper, as an outsider would);
    /// returns its exit status.
    func sql(_ statement: String) throws -> Int32 {
        let sqlite3 = try #require(Harness.sqlite3, "sqlite3 is not on PATH")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: sqlite3)
        process.arguments = [db, statement]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// The rows of one query, columns separated by '|', NULL as "NULL".
    func rows(_ query: String) throws -> [String] {
        let sqlite3 = try #require(Harness.sqlite3, "sqlite3 is not on PATH")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: sqlite3)
        process.arguments = ["-nullvalue", "NULL", db, query]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "sqlite3 failed on: \(query)")
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// A full logical dump of the database (`sqlite3 DB .dump`, which reads the WAL too).
    func dump() throws -> String {
        guard FileManager.default.fileExists(atPath: db) else { return "<no database file>" }
        let sqlite3 = try #require(Harness.sqlite3, "sqlite3 is not on PATH")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: sqlite3)
        process.arguments = [db, ".dump"]
        let outURL = dir.appendingPathComponent(".dump-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outURL) }
        let out = try FileHandle(forWritingTo: outURL)
        defer { try? out.close() }
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "sqlite3 .dump failed on \(db)")
        return try String(contentsOf: outURL, encoding: .utf8)
    }

    /// The raw bytes of the database file and its WAL.
    func rawBytes() -> Data {
        var data = Data()
        for path in [db, db + "-wal", db + "-journal"] {
            if let d = FileManager.default.contents(atPath: path) { data.append(d) }
        }
        return data
    }
}

// MARK: - Reading JSON

func parseJSON(_ text: String) -> [String: Any]? {
    guard let data = text.data(using: .utf8),
          let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    else { return nil }
    return object as? [String: Any]
}

extension Dictionary where Key == String, Value == Any {
    func str(_ key: String) -> String? { self[key] as? String }
    /// A whole number (a fractional number is not an Int here).
    func int(_ key: String) -> Int? { self[key] as? Int }
    func bool(_ key: String) -> Bool? { self[key] as? Bool }
    func obj(_ key: String) -> [String: Any]? { self[key] as? [String: Any] }
    func arr(_ key: String) -> [[String: Any]]? { self[key] as? [[String: Any]] }
    /// Present and JSON null.
    func isNull(_ key: String) -> Bool { self.keys.contains(key) && self[key] is NSNull }
}

/// Parses ISO 8601 with offset, with or without fractional seconds.
func isoDate(_ text: String?) -> Date? {
    guard let text else { return nil }
    let plain = ISO8601DateFormatter()
    if let d = plain.date(from: text) { return d }
    let fractional = ISO8601DateFormatter()
    fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return fractional.date(from: text)
}

/// The words of a text (letters, digits, '-'), for "lists every command" checks.
func words(_ text: String) -> Set<String> {
    Set(text.lowercased().split { !($0.isLetter || $0.isNumber || $0 == "-") }.map(String.init))
}

// MARK: - Typed views of the staff side

struct RotationEntry: Equatable, CustomStringConvertible {
    let rep: String
    let state: String
    let place: Int
    var description: String { "\(place).\(rep)(\(state))" }
}

struct Status {
    let raw: [String: Any]
    let rotation: [RotationEntry]
    let waiting: [[String: Any]]
    let serving: [[String: Any]]
    let phoneDuty: String?

    var order: [String] { rotation.map(\.rep) }
    func state(_ rep: String) -> String? { rotation.first { $0.rep == rep }?.state }
    var waitingTickets: [String] { waiting.compactMap { $0.str("ticket") } }
    /// ticket → rep of the receptions in progress.
    var servingByTicket: [String: String] {
        var map: [String: String] = [:]
        for s in serving { if let t = s.str("ticket"), let r = s.str("rep") { map[t] = r } }
        return map
    }
    var up: String? { raw.str("up") }
    var eventMode: Bool? { raw.bool("eventMode") }
}

struct StaffEntry: Equatable {
    let supervisor: Bool?
    let pin: Bool?
}

extension Lobby {
    /// `status --json`, checked against interface.md's shape.
    func status(sourceLocation: SourceLocation = #_sourceLocation) throws -> Status {
        let o = try json(["status", "--json"], sourceLocation: sourceLocation)
        let rot = try #require(o.arr("rotation"), "status has no rotation array: \(o)", sourceLocation: sourceLocation)
        let entries = rot.map {
            RotationEntry(rep: $0.str("rep") ?? "?", state: $0.str("state") ?? "?", place: $0.int("place") ?? -1)
        }
        #expect(entries.map(\.place) == Array(stride(from: 1, through: entries.count, by: 1)),
                "rotation places must count from 1 in order: \(entries)", sourceLocation: sourceLocation)
        let waiting = try #require(o.arr("waiting"), "status has no waiting array: \(o)", sourceLocation: sourceLocation)
        let serving = try #require(o.arr("serving"), "status has no serving array: \(o)", sourceLocation: sourceLocation)
        #expect(o.keys.contains("phoneDuty"), "status has no phoneDuty: \(o)", sourceLocation: sourceLocation)
        return Status(raw: o, rotation: entries, waiting: waiting, serving: serving, phoneDuty: o.str("phoneDuty"))
    }

    /// `rep list --json` as name → (supervisor, pin).
    func staff(sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: StaffEntry] {
        let o = try json(["rep", "list", "--json"], sourceLocation: sourceLocation)
        let reps = try #require(o.arr("reps"), "rep list has no reps array: \(o)", sourceLocation: sourceLocation)
        var map: [String: StaffEntry] = [:]
        for r in reps {
            let name = try #require(r.str("rep"), "rep entry without rep: \(r)", sourceLocation: sourceLocation)
            map[name] = StaffEntry(supervisor: r.bool("supervisor"), pin: r.bool("pin"))
        }
        return map
    }

    /// The first supervisor (Boss, PIN supervisorPIN, added by a front-desk account), then the
    /// reps without PINs (or with the PINs given), then today's roster in that order.
    func bootstrap(reps: [String] = ["Wang", "Li", "Zhao", "Chen"], pins: [String: String] = [:],
                   roster: Bool = true, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try ok(["rep", "add", Lobby.supervisor, "--supervisor", "--pin"],
               env: ["LOBBY_ACTOR": "frontdesk", "LOBBY_NEW_PIN": Lobby.supervisorPIN],
               unset: ["LOBBY_PIN"], sourceLocation: sourceLocation)
        for rep in reps {
            if let p = pins[rep] {
                try ok(["rep", "add", rep, "--pin"], env: ["LOBBY_NEW_PIN": p], sourceLocation: sourceLocation)
            } else {
                try ok(["rep", "add", rep], sourceLocation: sourceLocation)
            }
        }
        if roster, !reps.isEmpty {
            try ok(["roster"] + reps, sourceLocation: sourceLocation)
        }
    }

    /// checkin --json; requires exit 0.
    func checkin(_ extra: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        try json(["checkin"] + extra + ["--json"], sourceLocation: sourceLocation)
    }

    /// call --json; requires exit 0.
    func call(_ extra: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        try json(["call"] + extra + ["--json"], sourceLocation: sourceLocation)
    }
}

/// Runs a command that must be refused: the exit code, a stderr message ("lobby: …") that
/// mentions one of `mentions` (case-insensitive), and — unless `sameDump` is false — a
/// byte-identical logical dump of the database before and after (interface.md: "nothing was
/// changed"). `recorded`: a refusal of who acts, which must add exactly one security-log row and
/// change nothing else.
@discardableResult
func expectRefused(_ lobby: Lobby, _ args: [String], exit: Int32, mentions: [String],
                   env: [String: String] = [:], unset: [String] = [], sameDump: Bool = true,
                   recorded: Bool = false,
                   sourceLocation: SourceLocation = #_sourceLocation) throws -> Outcome {
    if recorded {
        let log = { (dump: String) in dump.split(separator: "\n").filter { $0.hasPrefix("INSERT INTO security_log") } }
        let before = try lobby.dump()
        let r = try expectRefused(lobby, args, exit: exit, mentions: mentions, env: env, unset: unset, sameDump: false,
                                  sourceLocation: sourceLocation)
        let after = try lobby.dump()
        #expect(log(after).count == log(before).count + 1, "the refusal should be in the security log\n\(r)",
                sourceLocation: sourceLocation)
        let rest = { (dump: String) in dump.split(separator: "\n").filter { !$0.hasPrefix("INSERT INTO security_log") } }
        #expect(rest(before) == rest(after), "the database changed beyond the security log\n\(r)",
                sourceLocation: sourceLocation)
        return r
    }
    let before = sameDump ? try lobby.dump() : ""
    let r = lobby.run(args, env: env, unset: unset)
    #expect(r.status == exit, "expected exit \(exit)\n\(r)", sourceLocation: sourceLocation)
    #expect(r.message.hasPrefix("lobby: "), "the error message should be a line starting \"lobby: \"\n\(r)",
            sourceLocation: sourceLocation)
    let lowered = r.stderr.lowercased()
    #expect(mentions.contains { lowered.contains($0.lowercased()) },
            "stderr should mention one of \(mentions)\n\(r)", sourceLocation: sourceLocation)
    if sameDump {
        let after = try lobby.dump()
        #expect(before == after,
                "the database changed although the command was refused\n\(r)\n\(firstDifference(before, after))",
                sourceLocation: sourceLocation)
    }
    return r
}

/// `expectRefused`, with the exact first line of stderr: the field or rule, and what is wrong.
@discardableResult
func expectRefused(_ lobby: Lobby, _ args: [String], exit: Int32, says message: String,
                   env: [String: String] = [:], unset: [String] = [], sameDump: Bool = true, recorded: Bool = false,
                   sourceLocation: SourceLocation = #_sourceLocation) throws -> Outcome {
    let r = try expectRefused(lobby, args, exit: exit, mentions: [message], env: env, unset: unset, sameDump: sameDump,
                              recorded: recorded, sourceLocation: sourceLocation)
    #expect(r.message == message, "expected the message \(message)\n\(r)", sourceLocation: sourceLocation)
    return r
}

func firstDifference(_ a: String, _ b: String) -> String {
    let la = a.split(separator: "\n", omittingEmptySubsequences: false)
    let lb = b.split(separator: "\n", omittingEmptySubsequences: false)
    for i in 0..<max(la.count, lb.count) {
        let x = i < la.count ? String(la[i]) : "<none>"
        let y = i < lb.count ? String(lb[i]) : "<none>"
        if x != y { return "first difference at dump line \(i + 1):\n  before: \(x)\n  after:  \(y)" }
    }
    return ""
}

func ticketNumbers(_ range: ClosedRange<Int>, prefix: String = "A") -> [String] {
    range.map { n in prefix + String(repeating: "0", count: max(0, 3 - String(n).count)) + String(n) }
}
