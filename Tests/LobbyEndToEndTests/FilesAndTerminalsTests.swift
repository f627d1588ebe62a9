// Files the board and the printer write, and what reaches a staff terminal: a symlink planted
// where the board writes is never followed, the printer is only a character device, and escape
// sequences or huge values given as arguments or stored in the database never reach a terminal raw.
import Foundation
import Testing

@Suite("Files and terminals")
struct FilesAndTerminalsTests {
    /// A control character that is not a newline or tab: what a terminal would act on.
    static func rawControl(_ text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value) }
    }

    @Test("board --html: a symlink planted at every temporary name it could use is never followed")
    func boardTemporarySymlinks() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        _ = try lobby.checkin()
        _ = try lobby.call()
        let fm = FileManager.default
        let screen = lobby.dir.appendingPathComponent("screen")
        try fm.createDirectory(at: screen, withIntermediateDirectories: false)
        let target = lobby.dir.appendingPathComponent("precious")
        try Data("keep me\n".utf8).write(to: target)
        try fm.setAttributes([.posixPermissions: 0o600], ofItemAtPath: target.path)
        // The names the board writes through: one fixed temporary name per file it keeps.
        for name in [".feed.json.tmp", ".index.html.tmp"] {
            try fm.createSymbolicLink(atPath: screen.appendingPathComponent(name).path, withDestinationPath: target.path)
        }
        let outcome = lobby.run(["board", "--html", screen.path, "--once"])
        #expect(outcome.status == 0, "\(outcome)")
        #expect(try String(contentsOf: target, encoding: .utf8) == "keep me\n", "the symlink's target was written")
        let listing = try fm.contentsOfDirectory(atPath: screen.path).sorted()
        #expect(listing == ["feed.json", "index.html"], "\(listing)")
        for name in listing {
            let attributes = try fm.attributesOfItem(atPath: screen.appendingPathComponent(name).path)
            #expect(attributes[.type] as? FileAttributeType == .typeRegular, "\(name) is not a regular file")
        }
        #expect(parseJSON(try String(contentsOf: screen.appendingPathComponent("feed.json"), encoding: .utf8)) != nil)

        // A directory others can write to could be raced: refused, nothing written there.
        let shared = lobby.dir.appendingPathComponent("shared")
        try fm.createDirectory(at: shared, withIntermediateDirectories: false)
        try fm.setAttributes([.posixPermissions: 0o777], ofItemAtPath: shared.path)
        let refused = lobby.run(["board", "--html", shared.path, "--once"])
        #expect(refused.status == 1 && refused.stderr.contains("other users"), "\(refused)")
        #expect(try fm.contentsOfDirectory(atPath: shared.path).isEmpty)
    }

    @Test("--printer at a regular file (or a symlink to one) is refused and the file is left alone")
    func printerRegularFile() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        _ = try lobby.checkin()
        let file = lobby.dir.appendingPathComponent("not-a-printer")
        try Data("before\n".utf8).write(to: file)
        let link = lobby.dir.appendingPathComponent("lp-link")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: file.path)
        for path in [file.path, link.path] {
            let outcome = lobby.run(["ticket", "A001", "--printer", path])
            #expect(outcome.status == 1 && outcome.stderr.contains("not a printer device"), "\(outcome)")
        }
        #expect(try String(contentsOf: file, encoding: .utf8) == "before\n")
        let status = try lobby.ok(["status"]).stdout
        #expect(status.contains("A001"), "\(status)")
    }

    @Test("escape sequences in a ticket argument never reach the terminal raw, and a 120 kB argument is cut")
    func ticketArgumentEscaped() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        let hostile = "A1\u{1B}]52;c;eA==\u{07}"
        let outcome = lobby.run(["ticket", hostile])
        #expect(outcome.status == 4, "\(outcome)")
        #expect(Self.rawControl(outcome.stdout + outcome.stderr) == nil, "\(outcome)")
        #expect(outcome.stderr.contains("A1\\u001B]52;c;eA==\\u0007"), "shown escaped: \(outcome.stderr)")

        let huge = String(repeating: "x", count: 120_000)
        for args in [["ticket", huge], ["status", huge], ["away", huge, "--reason", "business"]] {
            let long = lobby.run(args)
            #expect(long.status != 0)
            #expect(long.stderr.utf8.count < 1_000, "\(long.stderr.utf8.count) bytes of stderr for \(args[0])")
            #expect(long.stderr.contains("x…"), "cut with an ellipsis: \(long.stderr.prefix(300))")
        }
    }

    @Test("a rep name with control characters is refused; one already stored is shown escaped in status and at the desk")
    func repNameControls() throws {
        let lobby = try Lobby()
        try lobby.bootstrap(reps: ["Li", "Zhao"], roster: false)
        for name in ["Ev\u{1B}[31mil", "Li\u{07}", "Zh\u{202E}ao", "Chen\u{9B}2J"] {
            try expectRefused(lobby, ["rep", "add", name], exit: 1, mentions: ["control characters"])
        }
        // A database written before the check: a name stored with an escape sequence in it.
        let stored = "Wa\u{1B}]0;pwned\u{07}ng"
        #expect(try lobby.sql("INSERT INTO staff(name, added_at, added_by) VALUES ('Wa' || char(27) || ']0;pwned' || char(7) || 'ng', 0, 'old')") == 0)
        try lobby.ok(["roster", stored, "Li", "Zhao"])
        _ = try lobby.checkin()
        for args in [["status"], ["status", "--lang", "en"], ["rep", "list"], ["board", "--once"]] {
            let outcome = lobby.run(args)
            #expect(Self.rawControl(outcome.stdout + outcome.stderr) == nil, "\(args): \(outcome)")
        }
        let desk = lobby.run(["desk", "--lang", "en"], stdin: "who\nstatus\nA1\u{1B}[2J\nrep list\nquit\n")
        #expect(Self.rawControl(desk.stdout + desk.stderr) == nil, "\(desk)")
        #expect((desk.stdout + desk.stderr).contains("\\u001B"), "the escape is shown, escaped: \(desk)")
    }

    @Test("a site name with control characters is refused, before anything is written")
    func siteNameControls() throws {
        let lobby = try Lobby()
        let source = Harness.repoRoot.appendingPathComponent("kiosk-assets/site.json")
        var settings = try #require(parseJSON(try String(contentsOf: source, encoding: .utf8)))
        settings["name"] = "Lobby\u{1B}]0;pwned\u{07}"
        let url = lobby.dir.appendingPathComponent("site-control.json")
        try JSONSerialization.data(withJSONObject: settings).write(to: url)
        lobby.site = url.path
        let refused = lobby.run(["status"])
        #expect(refused.status == 1 && refused.stderr.contains("name") && refused.stderr.contains("control characters"), "\(refused)")
        #expect(Self.rawControl(refused.stdout + refused.stderr) == nil)
    }
}
