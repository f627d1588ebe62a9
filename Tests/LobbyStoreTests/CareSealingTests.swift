import Foundation
import LobbyCore
import Testing

@testable import LobbyStore

@Suite("Satisfaction comments and complaint texts at rest")
struct CareSealingTests {
    @Test("a file from before encryption at rest: its feedback comments and complaint texts are sealed on the first open with the key")
    func sealsClearRows() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lobby-care-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("lobby.sqlite").path
        do {
            let old = try Database(path: path)
            try Migrator(Array(Schema.migrations.prefix(8))).migrate(old)
            try old.execute("""
                INSERT INTO feedback(day, ticket, rep, score, comment, at) VALUES ('2026-11-23', 'A001', 'Wang', 4, '沙盘讲得清楚', 1795400000);
                INSERT INTO feedback(day, ticket, rep, score, comment, at) VALUES ('2026-11-23', 'A002', NULL, 2, NULL, 1795400100);
                INSERT INTO complaints(day, text, opened_at, opened_by, resolved_at, resolved_by, resolution)
                    VALUES ('2026-11-23', '样板间空调太冷', 1795399200, 'Boss', 1795401000, 'Boss', '已调高温度');
                INSERT INTO complaints(day, text, opened_at, opened_by) VALUES ('2026-11-23', '停车位不够', 1795399800, 'Boss');
                """)
        }
        let store = try Store(path: path) { "{}" }
        try store.attachVault(keyPath: path + ".key")
        for file in [path, path + "-wal"] {
            let bytes = FileManager.default.contents(atPath: file) ?? Data()
            for secret in ["沙盘讲得清楚", "样板间空调太冷", "已调高温度", "停车位不够"] {
                #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(file) still holds '\(secret)' in clear")
            }
        }
        let stored = try store.database.rows("SELECT comment FROM feedback WHERE ticket = 'A001'").first?[0]
        guard case let .text(sealed)? = stored else { Issue.record("no comment: \(String(describing: stored))"); return }
        #expect(sealed.hasPrefix("s1:"))
        let answers = try store.feedback(from: "2026-11-23", to: "2026-11-23")
        #expect(answers.map(\.comment) == ["沙盘讲得清楚", nil])
        let complaints = try store.complaints(openOnly: false, texts: true)
        #expect(complaints.map(\.text) == ["样板间空调太冷", "停车位不够"])
        #expect(complaints.map(\.resolution) == ["已调高温度", nil])
        #expect(try store.complaints(openOnly: true, texts: false).map { $0.text == nil && $0.isOpen } == [true])
    }
}
