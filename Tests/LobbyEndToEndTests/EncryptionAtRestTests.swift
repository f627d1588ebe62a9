// Personal data at rest: sealed with a key kept outside the database, so the database file
// alone (and its WAL) reveals no consented name, phone or answer.
import Foundation
import Testing

@Suite("Encryption at rest")
struct EncryptionAtRestTests {
    @Test("the database file and its WAL hold no consented name, phone or answer in clear; the key is 0600 beside it")
    func nothingInClear() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        let secrets = ["张秀兰", "13955554444", "Qiao Anna", "13566667777", "QXPROJ 三居室", "BUDGETZQ 500万", "SRCZQ 朋友", "NOTEZQ 回访"]
        _ = try lobby.checkin(["--name", secrets[0], "--phone", secrets[1], "--consent", "yes",
                               "--project", secrets[4], "--budget", secrets[5], "--source", secrets[6]])
        _ = try lobby.checkin(["--name", secrets[2], "--phone", secrets[3], "--consent", "yes"])
        // A returning customer typing another name: the difference waits, sealed too.
        _ = try lobby.checkin(["--name", "Other NAMEZQ", "--phone", secrets[3], "--consent", "yes"])
        try lobby.ok(["followup", secrets[1], "--rep", "Wang", "--note", secrets[7]])
        let bytes = lobby.rawBytes()
        for secret in secrets + ["NAMEZQ"] {
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "'\(secret)' is in clear in the database file or its WAL")
        }
        // ... and with the key every one of them is there.
        let opened = try lobby.unsealed(lobby.dump())
        for secret in secrets + ["Other NAMEZQ"] {
            #expect(opened.contains(secret), "'\(secret)' was not kept")
        }
        let mode = try FileManager.default.attributesOfItem(atPath: lobby.db + ".key")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // The staff still see what they need: the waiting change, opened.
        let changes = try #require(try lobby.json(["customer", "changes", "--json"])["changes"] as? [[String: Any]])
        #expect(changes.map { $0.str("given") } == ["Other NAMEZQ"] && changes.first?.str("stored") == "Qiao Anna")
        // The same phone finds the same customer (the keyed hash), not a second one.
        #expect(try lobby.rows("SELECT count(*) FROM customers") == ["2"])
    }

    @Test("without its key a site keeps its rotation but refuses personal data, naming the key file (exit 5)")
    func missingKey() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        _ = try lobby.checkin(["--name", "王五", "--phone", "13811119999", "--consent", "yes"])
        try FileManager.default.removeItem(atPath: lobby.db + ".key")
        _ = try lobby.checkin([])
        let refused = lobby.run(["checkin", "--name", "王五", "--phone", "13811119999", "--consent", "yes"])
        #expect(refused.status == 5 && refused.stderr.contains(lobby.db + ".key"), "\(refused)")
        // A new key is never made over sealed data: the file stays missing.
        #expect(!FileManager.default.fileExists(atPath: lobby.db + ".key"))
    }

    @Test("keyFile in site.json puts the key there, at init; a relative path is refused")
    func keyFileSetting() throws {
        let lobby = try Lobby()
        let keyPath = lobby.dir.appendingPathComponent("keys/site.key").path
        try FileManager.default.createDirectory(atPath: lobby.dir.appendingPathComponent("keys").path, withIntermediateDirectories: true)
        let base = try #require(lobby.site.flatMap { FileManager.default.contents(atPath: $0) })
        var settings = try #require(try JSONSerialization.jsonObject(with: base) as? [String: Any])
        settings["keyFile"] = keyPath
        let sitePath = lobby.dir.appendingPathComponent("site-key.json").path
        try JSONSerialization.data(withJSONObject: settings).write(to: URL(fileURLWithPath: sitePath))
        lobby.site = sitePath
        try lobby.bootstrap()
        #expect(FileManager.default.fileExists(atPath: keyPath))
        #expect(!FileManager.default.fileExists(atPath: lobby.db + ".key"))
        _ = try lobby.checkin(["--name", "李雷", "--phone", "13700001111", "--consent", "yes"])
        #expect(lobby.rawBytes().range(of: Data("13700001111".utf8)) == nil)

        settings["keyFile"] = "relative.key"
        try JSONSerialization.data(withJSONObject: settings).write(to: URL(fileURLWithPath: sitePath))
        let other = try Lobby()
        other.site = sitePath
        other.autoInit = false
        let refused = other.run(["init", "--site", sitePath])
        #expect(refused.status == 1 && refused.stderr.contains("keyFile"), "\(refused)")
    }
}
