import Foundation
import Testing

@Suite("Private database files")
struct FileModeTests {
    func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return try #require(attributes[.posixPermissions] as? Int)
    }

    /// Starts `lobby ARGS…` under umask 000 (a careless service manager), so only the
    /// program's own care makes its files private.
    func startOpenUmask(_ lobby: Lobby, _ args: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "umask 000; exec \"$0\" \"$@\"", try Harness.binary.get()] + args
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("LOBBY_") }
        environment.merge(lobby.defaultEnv) { _, new in new }
        environment["LOBBY_NEW_PIN"] = environment["LOBBY_NEW_PIN"] ?? Lobby.supervisorPIN
        process.environment = environment
        process.currentDirectoryURL = lobby.dir
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    func runOpenUmask(_ lobby: Lobby, _ args: [String]) throws -> Int32 {
        let process = try startOpenUmask(lobby, args)
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Holds the database open (feed --follow) until -wal and -shm exist, then reads the modes.
    func modesWhileOpen(_ lobby: Lobby) throws -> [Int] {
        let follower = try startOpenUmask(lobby, ["feed", "--follow"])
        // Killed, not asked to stop: the files stay as lobby made them (a clean close removes -wal).
        defer { kill(follower.processIdentifier, SIGKILL); follower.waitUntilExit() }
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, !(FileManager.default.fileExists(atPath: lobby.db + "-wal")
                                    && FileManager.default.fileExists(atPath: lobby.db + "-shm")) {
            Thread.sleep(forTimeInterval: 0.05)
        }
        return try [lobby.db, lobby.db + "-wal", lobby.db + "-shm"].map(mode)
    }

    @Test("the database, its -wal and -shm are created owner-only (0600) whatever the umask")
    func ownerOnly() throws {
        let lobby = try Lobby()
        #expect(try runOpenUmask(lobby, ["init"]) == 0)
        #expect(try runOpenUmask(lobby, ["rep", "add", "Boss", "--supervisor", "--pin"]) == 0)
        #expect(try mode(lobby.db) == 0o600)
        #expect(try modesWhileOpen(lobby) == [0o600, 0o600, 0o600])
    }

    @Test("an existing database readable by others is narrowed to 0600 when lobby opens it")
    func widerFileNarrowed() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        #expect(chmod(lobby.db, 0o644) == 0)
        try lobby.ok(["status"])
        #expect(try mode(lobby.db) == 0o600)
    }

    @Test("with fileGroup in site.json: 0660 and that group, for a board running as another user")
    func fileGroup() throws {
        let lobby = try Lobby()
        // Root may give any group; another user only one of their own.
        let group = getuid() == 0 ? "daemon" : String(cString: getgrgid(getgid()).pointee.gr_name)
        let gid = try #require(getgrnam(group)?.pointee.gr_gid)
        lobby.site = try siteFile(lobby, ["fileGroup": group])
        #expect(try runOpenUmask(lobby, ["init"]) == 0)
        #expect(try runOpenUmask(lobby, ["rep", "add", "Boss", "--supervisor", "--pin"]) == 0)
        #expect(try modesWhileOpen(lobby) == [0o660, 0o660, 0o660])
        let owner = try FileManager.default.attributesOfItem(atPath: lobby.db)[.groupOwnerAccountID] as? Int
        #expect(owner == Int(gid))
    }
}
