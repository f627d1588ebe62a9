// kiosk-assets/deploy: the systemd units run as written. Every `lobby …` command line in them is
// run through the built executable on a stand-in site (the units' paths moved into a temporary
// directory), and `systemd-analyze verify` checks the units against stand-in executables.
import Foundation
import Testing

/// One systemd unit file: its Exec lines and Environment, as systemd reads them.
struct SystemdUnit {
    let name: String
    /// (key, value) in file order, e.g. ("ExecStart", "/usr/local/bin/lobby board --html …").
    let entries: [(key: String, value: String)]

    init(name: String, text: String) {
        self.name = name
        entries = text.split(separator: "\n").compactMap { line in
            let line = line.trimmingCharacters(in: .whitespaces)
            guard !line.hasPrefix("#"), !line.hasPrefix(";"), !line.hasPrefix("["),
                  let equals = line.firstIndex(of: "=") else { return nil }
            return (String(line[..<equals]), String(line[line.index(after: equals)...]))
        }
    }

    func values(_ key: String) -> [String] { entries.filter { $0.key == key }.map(\.value) }

    var environment: [String: String] {
        var env: [String: String] = [:]
        for value in values("Environment") {
            for word in SystemdUnit.words(value) {
                let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
                if parts.count == 2 { env[parts[0]] = parts[1] }
            }
        }
        return env
    }

    /// Splits a command line as systemd does: words, "double" and 'single' quotes; `%%` is `%`.
    static func words(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var inWord = false
        for c in line.replacingOccurrences(of: "%%", with: "%") {
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
            } else if c == "\"" || c == "'" {
                quote = c
                inWord = true
            } else if c == " " || c == "\t" {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(c)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }

    /// The executable of an Exec line, without systemd's prefixes (`-`, `@`, `+`, `!`, `:`).
    static func executable(_ line: String) -> String? {
        words(line).first.map { String($0.drop { "-@+!:".contains($0) }) }
    }

    /// Every program an Exec line runs: its executable and the ones it starts after `--`
    /// (`cage -- foot … -- lobby kiosk`).
    static func programs(_ line: String) -> [String] {
        let words = words(line)
        let started = zip(words, words.dropFirst()).filter { $0.0 == "--" && $0.1.hasPrefix("/") }.map(\.1)
        return (executable(line).map { [$0] } ?? []) + started
    }
}

@Suite("kiosk-assets/deploy: the systemd units")
struct DeployUnitTests {
    static let deploy = Harness.repoRoot.appendingPathComponent("kiosk-assets/deploy")
    static let installedLobby = "/usr/local/bin/lobby"

    static func units() throws -> [SystemdUnit] {
        let names = try FileManager.default.contentsOfDirectory(atPath: deploy.path)
            .filter { $0.hasSuffix(".service") || $0.hasSuffix(".timer") }.sorted()
        return try names.map { name in
            SystemdUnit(name: name, text: try String(contentsOf: deploy.appendingPathComponent(name), encoding: .utf8))
        }
    }

    /// The units' paths, moved into the test's directory: the database's, the backups', the assets'.
    static func moved(_ text: String, lobby: Lobby, backups: URL) throws -> String {
        text.replacingOccurrences(of: installedLobby, with: try Harness.binary.get())
            .replacingOccurrences(of: "/var/lib/lobby", with: lobby.dir.path)
            .replacingOccurrences(of: "/var/backups/lobby", with: backups.path)
            .replacingOccurrences(of: "/usr/local/share/lobby", with: Harness.repoRoot.appendingPathComponent("kiosk-assets").path)
    }

    /// Runs a program to its end (killed after `timeout`), with `env` added to a clean environment.
    /// Its output goes to files, not pipes: a child that writes more than a pipe holds never blocks.
    static func run(_ program: String, _ args: [String], env: [String: String], in dir: URL,
                    stdin: FileHandle = .nullDevice, timeout: Double = 60) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = args
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("LOBBY_") }.merging(env) { _, new in new }
        process.currentDirectoryURL = dir
        let fm = FileManager.default
        let outURL = fm.temporaryDirectory.appendingPathComponent("deploy-\(UUID().uuidString).out")
        let errURL = fm.temporaryDirectory.appendingPathComponent("deploy-\(UUID().uuidString).err")
        _ = fm.createFile(atPath: outURL.path, contents: nil)
        _ = fm.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? fm.removeItem(at: outURL)
            try? fm.removeItem(at: errURL)
        }
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        defer {
            try? out.close()
            try? err.close()
        }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdin
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        let timedOut = process.isRunning
        if timedOut { process.terminate() }
        process.waitUntilExit()
        let stdout = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        var stderr = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        if timedOut { stderr += "\n[still running after \(Int(timeout)) s: stopped with SIGTERM]" }
        return Outcome(args: [program] + args, status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }

    /// A site made from the deploy's example site.json, as the install section says, on the system clock.
    static func site() throws -> (Lobby, backups: URL) {
        let lobby = try Lobby()
        lobby.autoInit = false
        let backups = lobby.dir.appendingPathComponent("backups")
        try FileManager.default.createDirectory(at: backups, withIntermediateDirectories: true)
        // The example's fileGroup is the lobby user's group, which a test machine does not have: its own.
        let group = try run("/usr/bin/id", ["-gn"], env: [:], in: lobby.dir).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        var settings = try String(contentsOf: deploy.appendingPathComponent("site.json"), encoding: .utf8)
        settings = settings.replacingOccurrences(of: "\"fileGroup\": \"lobby\"", with: "\"fileGroup\": \"\(group)\"")
        // The units run on the system clock (a site made without LOBBY_NOW refuses one): check-in open
        // all day, so that the kiosk greets a visitor whatever the hour the suite runs at.
        let hours = "\"checkinHours\": { \"start\": \"08:30\", \"end\": \"20:00\" }"
        try #require(settings.contains(hours), "the example site.json's check-in hours moved")
        settings = settings.replacingOccurrences(of: hours, with: "\"checkinHours\": { \"start\": \"00:00\", \"end\": \"23:59\" }")
        let file = lobby.dir.appendingPathComponent("site.json")
        try settings.write(to: file, atomically: true, encoding: .utf8)
        let made = lobby.run(["init", "--site", file.path], unset: ["LOBBY_NOW", "LOBBY_SITE"])
        try #require(made.status == 0, "the deploy's site.json must make a site:\n\(made)")
        return (lobby, backups)
    }

    @Test("every lobby command line in the units runs as written, on a stand-in site, with the unit's environment")
    func lobbyCommandLinesRun() throws {
        let (lobby, backups) = try Self.site()
        var seen: Set<String> = []
        for unit in try Self.units() {
            let starts = unit.values("ExecStart")
            guard starts.contains(where: { $0.contains(Self.installedLobby) }) else { continue }
            var env = unit.environment.mapValues { try! Self.moved($0, lobby: lobby, backups: backups) }
            env["LOBBY_NOW"] = nil
            #expect(env["LOBBY_DB"] == lobby.db, "\(unit.name) names the database at /var/lib/lobby/lobby.sqlite")
            // ExecStartPre first, as systemd does (the board's directory).
            for pre in unit.values("ExecStartPre") {
                let words = SystemdUnit.words(try Self.moved(pre, lobby: lobby, backups: backups))
                let r = try Self.run(words[0], Array(words.dropFirst()), env: env, in: lobby.dir)
                #expect(r.status == 0, "\(unit.name) ExecStartPre:\n\(r)")
            }
            for start in starts {
                let words = SystemdUnit.words(try Self.moved(start, lobby: lobby, backups: backups))
                let binary = try Harness.binary.get()
                if words.first == "/bin/sh", words.count == 3, words[1] == "-c" {
                    // The backup: a shell line for the date in the file name.
                    let before = try FileManager.default.contentsOfDirectory(atPath: backups.path)
                    let r = try Self.run("/bin/sh", ["-c", words[2]], env: env, in: lobby.dir)
                    #expect(r.status == 0, "\(unit.name):\n\(r)")
                    let made = try FileManager.default.contentsOfDirectory(atPath: backups.path).filter { !before.contains($0) }
                    #expect(made.count == 1 && made[0].hasPrefix("lobby-") && made[0].hasSuffix(".sqlite"), "\(unit.name) made \(made)")
                    let words = SystemdUnit.words(words[2])
                    if let at = words.firstIndex(of: binary), at + 1 < words.count { seen.insert(words[at + 1]) }
                    continue
                }
                let at = try #require(words.firstIndex(of: binary), "\(unit.name): \(start)")
                let args = Array(words[(at + 1)...])
                seen.insert(args[0])
                switch args[0] {
                case "kiosk":
                    // Piped, with nobody at it, the kiosk starts (texts, database, printer settings) and ends cleanly.
                    let r = try Self.run(binary, args, env: env, in: lobby.dir)
                    #expect(r.status == 0, "\(unit.name):\n\(r)")
                    #expect(r.stdout.contains("欢迎光临"), "\(unit.name): the kiosk greets the first visitor\n\(r)")
                case "board":
                    // It runs until stopped: the page appears, then SIGTERM (systemctl stop) ends it.
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: binary)
                    process.arguments = args
                    process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("LOBBY_") }.merging(env) { _, new in new }
                    process.standardOutput = FileHandle.nullDevice
                    process.standardError = FileHandle.nullDevice
                    try process.run()
                    let page = lobby.dir.appendingPathComponent("board/index.html").path
                    let deadline = Date().addingTimeInterval(30)
                    while !FileManager.default.fileExists(atPath: page) && process.isRunning && Date() < deadline {
                        Thread.sleep(forTimeInterval: 0.05)
                    }
                    #expect(process.isRunning, "\(unit.name): the board keeps running")
                    #expect(FileManager.default.fileExists(atPath: page), "\(unit.name) writes \(page)")
                    #expect(FileManager.default.fileExists(atPath: lobby.dir.appendingPathComponent("board/feed.json").path))
                    // SIGTERM ends it, even though a test's worker thread hands its children a blocked SIGTERM.
                    process.terminate()
                    let stopBy = Date().addingTimeInterval(10)
                    while process.isRunning && Date() < stopBy { Thread.sleep(forTimeInterval: 0.05) }
                    let stillRunning = process.isRunning
                    if stillRunning { kill(process.processIdentifier, SIGKILL) }
                    process.waitUntilExit()
                    #expect(!stillRunning, "\(unit.name): SIGTERM (systemctl stop) must end the board")
                    #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGTERM,
                            "\(unit.name): ended by SIGTERM, not \(process.terminationReason) \(process.terminationStatus)")
                default:
                    Issue.record("\(unit.name) runs lobby \(args[0]), which this test does not know how to run safely: add it")
                }
            }
            for post in unit.values("ExecStartPost") {
                let words = SystemdUnit.words(try Self.moved(post, lobby: lobby, backups: backups))
                let r = try Self.run(words[0], Array(words.dropFirst()), env: env, in: lobby.dir)
                #expect(r.status == 0, "\(unit.name) ExecStartPost:\n\(r)")
            }
        }
        #expect(seen == ["kiosk", "board", "backup"], "the units run the kiosk, the board and the backup: \(seen)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: backups.path).count == 1, "30 days are kept: today's stays")
    }

    @Test("every lobby command line in the units parses: lobby COMMAND --help for each")
    func lobbyCommandsExist() throws {
        for unit in try Self.units() {
            for line in unit.values("ExecStart") where line.contains(Self.installedLobby) {
                let words = SystemdUnit.words(line).flatMap { $0.contains(" ") ? SystemdUnit.words($0) : [$0] }
                let at = try #require(words.firstIndex(of: Self.installedLobby))
                let lobby = try Lobby()
                let r = lobby.run([words[at + 1], "--help"])
                #expect(r.status == 0 && r.stdout.hasPrefix("lobby \(words[at + 1]) —"), "\(unit.name):\n\(r)")
            }
        }
    }

    static let analyze = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test("systemd-analyze verify accepts every unit, with stand-in executables at the paths they name",
          .enabled(if: analyze != nil && FileManager.default.fileExists(atPath: "/usr/lib/systemd/system/sysinit.target"),
                   "systemd-analyze (Debian package systemd) is not installed: the units' syntax is not verified here"))
    func systemdAnalyzeVerify() throws {
        let analyze = try #require(Self.analyze)
        let lobby = try Lobby()
        let root = lobby.dir.appendingPathComponent("root")
        let fm = FileManager.default
        let units = try Self.units()
        // The system's own units (targets the units are wanted by or ordered after) and ours.
        try fm.createDirectory(at: root.appendingPathComponent("usr/lib/systemd"), withIntermediateDirectories: true)
        try fm.copyItem(atPath: "/usr/lib/systemd/system", toPath: root.appendingPathComponent("usr/lib/systemd/system").path)
        let system = root.appendingPathComponent("etc/systemd/system")
        try fm.createDirectory(at: system, withIntermediateDirectories: true)
        var executables: Set<String> = []
        for unit in units {
            try fm.copyItem(at: Self.deploy.appendingPathComponent(unit.name), to: system.appendingPathComponent(unit.name))
            for entry in unit.entries where entry.key.hasPrefix("Exec") {
                executables.formUnion(SystemdUnit.programs(entry.value))
            }
        }
        #expect(executables.isSuperset(of: [Self.installedLobby, "/usr/bin/cage", "/usr/bin/foot", "/usr/bin/chromium"]), "\(executables)")
        for path in executables {
            let file = root.appendingPathComponent(String(path.dropFirst()))
            try fm.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try "#!/bin/sh\nexit 0\n".write(to: file, atomically: true, encoding: .utf8)
            try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file.path)
        }
        let names = units.map { $0.name.replacingOccurrences(of: "@.service", with: "@tty1.service") }
        let r = try Self.run(analyze, ["verify", "--man=no", "--root=" + root.path] + names, env: [:], in: lobby.dir)
        #expect(r.status == 0, "\(r)")
        // Unknown keys and bad values are only warnings: none may name our units.
        let complaints = (r.stdout + r.stderr).split(separator: "\n").filter { $0.contains("lobby") }
        #expect(complaints.isEmpty, "systemd-analyze verify:\n\(complaints.joined(separator: "\n"))")
        // And the check can fail: a unit with a misspelt key is reported.
        let unit = system.appendingPathComponent("lobby-board.service")
        let text = try String(contentsOf: unit, encoding: .utf8)
        try text.replacingOccurrences(of: "Restart=always", with: "Restrat=always").write(to: unit, atomically: true, encoding: .utf8)
        let broken = try Self.run(analyze, ["verify", "--man=no", "--root=" + root.path, "lobby-board.service"], env: [:], in: lobby.dir)
        #expect((broken.stdout + broken.stderr).contains("Restrat"), "\(broken)")
    }
}
