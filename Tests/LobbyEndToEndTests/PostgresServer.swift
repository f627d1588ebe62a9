import Foundation
import Testing

/// A PostgreSQL server of its own in a temporary folder, listening on a Unix socket in that
/// folder only, with durability off (a test's data need not survive a crash). Debian keeps the
/// server's programs in /usr/lib/postgresql/VERSION/bin, off PATH; initdb and postgres refuse
/// to run as root, so as root they run as the `postgres` user the package creates, owning the
/// folder (or as nobody where that user is missing). Every program is run with a time limit
/// and its output sent to files, never a pipe: the server pg_ctl starts would keep a pipe open
/// after pg_ctl ends.
final class PostgresServer {
    static let user = "lobby"
    let dir: String
    let bin: String
    /// Who runs the server's programs: nil for this user, else a user runuser switches to.
    let owner: String?
    var socket: String { dir }
    var data: String { dir + "/data" }
    var log: String { dir + "/server.log" }

    /// Runs `body` with a fresh server, stopped and removed afterwards, whatever happens.
    static func with<T>(_ body: (PostgresServer) throws -> T) throws -> T {
        let server = try PostgresServer()
        defer { server.stop() }
        try server.start()
        return try body(server)
    }

    /// The newest Debian PostgreSQL whose initdb is installed.
    static func serverBin() -> String? {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted()
        return versions.reversed().map { "\(root)/\($0)/bin" }.first { FileManager.default.isExecutableFile(atPath: $0 + "/initdb") }
    }

    private init() throws {
        bin = try #require(Self.serverBin(), "no PostgreSQL server in /usr/lib/postgresql/*/bin (scripts/install-deps installs postgresql)")
        var template = Array("/tmp/lobby-pg-XXXXXX".utf8CString)
        let made: String? = template.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress, mkdtemp(base) != nil else { return nil }
            return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        dir = try #require(made, "cannot make a temporary folder for PostgreSQL")
        if geteuid() == 0 {
            // The package's own unprivileged user, else nobody: either owns the folder and nothing else.
            let name = getpwnam("postgres") != nil ? "postgres" : "nobody"
            let account = try #require(getpwnam(name), "running as root, and there is no postgres or nobody user to run the server as")
            try #require(chown(dir, account.pointee.pw_uid, account.pointee.pw_gid) == 0, "cannot give \(dir) to \(name)")
            owner = name
        } else {
            owner = nil
        }
    }

    private func start() throws {
        try serverTool("initdb", ["-D", data, "-A", "trust", "--no-sync", "-U", Self.user, "-E", "UTF8", "--locale=C"], seconds: 60)
        try serverTool("pg_ctl", [
            "-w", "-t", "30", "-D", data, "-l", log,
            "-o", "-k \(socket) -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
            "start",
        ], seconds: 45)
    }

    /// The server's process id, from the first line of postmaster.pid, while it runs.
    var serverPID: pid_t? {
        guard let text = try? String(contentsOfFile: data + "/postmaster.pid", encoding: .utf8),
            let line = text.split(separator: "\n").first, let pid = pid_t(line), pid > 0
        else { return nil }
        return pid
    }

    /// Stops the server (immediate: nothing here needs to be kept), or kills it if pg_ctl
    /// cannot, and removes the folder.
    func stop() {
        if FileManager.default.fileExists(atPath: data + "/postmaster.pid") {
            let r = run(asOwner(bin + "/pg_ctl", ["-D", data, "-m", "immediate", "-w", "-t", "20", "stop"]), seconds: 30)
            if r.status != 0, let pid = serverPID { kill(pid, SIGKILL) }
        }
        try? FileManager.default.removeItem(atPath: dir)
    }

    private func asOwner(_ tool: String, _ args: [String]) -> [String] {
        owner.map { ["/usr/sbin/runuser", "-u", $0, "--", tool] + args } ?? [tool] + args
    }

    private func serverTool(_ name: String, _ args: [String], seconds: Int) throws {
        let r = run(asOwner(bin + "/" + name, args), seconds: seconds)
        let logTail = ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").suffix(2000)
        try #require(r.status == 0, "\(name) failed (\(r.status)): \(r.out)\(r.err)\n\(logTail)")
    }

    /// The environment psql and ./load connect with: this server's socket, nothing else.
    var env: [String: String] {
        ["PGHOST": socket, "PGUSER": Self.user, "PGDATABASE": "postgres", "PGCONNECT_TIMEOUT": "10", "PGOPTIONS": "", "PGPORT": "5432"]
    }

    /// Runs `command` (program and arguments) under `timeout`, its input /dev/null, its output
    /// in files. A program still running after `seconds` is killed (with what it started in
    /// its process group) and reported as status 124 or -1.
    func run(_ command: [String], env extra: [String: String] = [:], seconds: Int) -> (status: Int32, out: String, err: String) {
        let process = Process()
        // Descriptors above 2 closed first: Foundation watches the child through one, which the
        // server pg_ctl leaves behind would otherwise hold open, so that pg_ctl seemed never to end.
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", Self.closeAndRun, "bash", "-k", "5", String(seconds)] + command
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") }
        environment["LC_ALL"] = "C.UTF-8"
        process.environment = environment.merging(extra) { _, new in new }
        let tag = UUID().uuidString
        let outPath = NSTemporaryDirectory() + "lobby-pg-out-\(tag)", errPath = NSTemporaryDirectory() + "lobby-pg-err-\(tag)"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: outPath); try? FileManager.default.removeItem(atPath: errPath) }
        guard let out = FileHandle(forWritingAtPath: outPath), let err = FileHandle(forWritingAtPath: errPath) else {
            return (-1, "", "cannot write to \(NSTemporaryDirectory())")
        }
        defer { try? out.close(); try? err.close() }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        do { try process.run() } catch { return (-1, "", "cannot run \(command[0]): \(error)") }
        var note = ""
        if done.wait(timeout: .now() + .seconds(seconds + 10)) == .timedOut {
            process.terminate()
            _ = done.wait(timeout: .now() + 5)
            note = "\(command[0]) killed after \(seconds) s\n"
        }
        let outText = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let errText = note + ((try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
        return (process.isRunning ? -1 : process.terminationStatus, outText, errText)
    }

    private static let closeAndRun = """
        for fd in /proc/$$/fd/*; do fd=${fd##*/}; [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done; exec /usr/bin/timeout "$@"
        """

    /// Rows of one query, `|`-separated, as psql prints them unaligned.
    func query(_ sql: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        let r = run(["/usr/bin/psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql], env: env, seconds: 30)
        try #require(r.status == 0, "psql failed on \(sql): \(r.err)", sourceLocation: sourceLocation)
        return r.out.split(separator: "\n").map(String.init)
    }

    func apply(_ file: String) throws {
        let r = run(["/usr/bin/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", file], env: env, seconds: 30)
        try #require(r.status == 0, "psql -f \(file) failed: \(r.err)")
    }

    /// kiosk-assets/hq/load on `files`.
    func load(_ files: [String]) -> (status: Int32, out: String, err: String) {
        run([Harness.repoRoot.appendingPathComponent("kiosk-assets/hq/load").path] + files, env: env, seconds: 60)
    }
}
