// The desk and the status table in Chinese (issue: "Desk and status fully in the chosen
// language, rule ids shown as words with the id in brackets"): nothing a receptionist reads is
// left in English, and no text key shows through.
import Foundation
import Testing

/// What may stay in Latin letters on a Chinese staff screen: what staff type (command names,
/// flags, the words `help` and `quit`), ticket numbers, the rep names of the test, rule ids in
/// brackets, `PIN`, JSON and the program's own name.
private func englishWords(in line: String, allowed: Set<String>) -> [String] {
    var words: [String] = []
    var current = ""
    for ch in line + " " {
        if ch.isASCII && (ch.isLetter || ch == "-" || ch == "_" || ch == "." || ch.isNumber) {
            current.append(ch)
        } else {
            if !current.isEmpty { words.append(current) }
            current = ""
        }
    }
    return words.filter { word in
        let bare = word.trimmingCharacters(in: CharacterSet(charactersIn: "-._"))
        guard bare.contains(where: { $0.isLetter }) else { return false }
        if bare.range(of: #"^[A-Z][0-9]{1,3}$"#, options: .regularExpression) != nil { return false }  // A001, R12
        if bare.range(of: #"^[A-Z]?[0-9]+$"#, options: .regularExpression) != nil { return false }
        return !allowed.contains(bare) && !allowed.contains(bare.lowercased())
    }
}

@Suite("Desk and status in Chinese")
struct ChineseDeskTests {
    @Test("a desk session in Chinese: confirmations, refusals, help and who, with no English sentence and no raw text key")
    func deskInChinese() throws {
        let lobby = try Lobby()
        try lobby.bootstrap(reps: ["王芳", "李强", "赵六"])
        _ = try lobby.checkin()
        _ = try lobby.checkin()
        _ = try lobby.checkin(["--purpose", "other"])
        let session = lobby.run(["desk", "--lang", "zh"], stdin: [
            "call", "A2", "1", "who",
            "finish A001",
            "away 赵六 --reason business",
            "bogus",
            "finish A099",
            "makeup 王芳", "undo",
            "noshow A002",
            "back 赵六",
            "help",
            "help call",
            "status",
            "quit",
        ].joined(separator: "\n") + "\n")
        #expect(session.status == 0, "\(session)")
        let commands = Set(try lobby.ok(["help"]).stdout.split(separator: "\n").compactMap { line -> String? in
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            return line.hasPrefix("  ") && !parts.isEmpty ? String(parts[0]) : nil
        })
        #expect(commands.contains("call") && commands.contains("report"), "the command list is read from lobby help")
        let allowed = commands.union([
            "desk", "lobby", "help", "quit", "who", "bogus", "PIN", "JSON", "Boss", "business", "reason", "QR",
            "html", "syslog", "chainHeadsFile", "NDJSON", "CSV", "head", "publish", "TICKET", "NAME",
        ])
        let output = session.stdout + session.stderr
        for line in lines(output) where !line.isEmpty {
            // The typed command echoed after the prompt is the receptionist's own input; a
            // usage line is the syntax they type.
            let shown = line.hasPrefix("desk> ") || line.hasPrefix("  lobby ") ? "" : line
            let english = englishWords(in: shown, allowed: allowed)
            #expect(english.isEmpty, "English on the Chinese desk: \(english) in \"\(line)\"")
            #expect(shown.range(of: #"\b[a-z]+\.[a-zA-Z-]+\b"#, options: .regularExpression) == nil
                        || shown.contains("--"),
                    "a text key shows through: \"\(line)\"")
        }
        // What the session did, said in Chinese.
        for expected in [
            "A001 → 王芳（轮接，计入）",
            "A001 接待结束。下一位接待：赵六",
            "赵六 公出。",
            "lobby: 没有 bogus 这个命令（输入 help 查看命令）",
            "王芳 补位到第 1 位。",
            "A002 标记为未到。",
            "call — 把下一个等候的号码（或指定号码）交给规则选出的顾问。",
            "  lobby call [TICKET] [--rep NAME]",
            "各选项的详细说明（英文）：call --help",
        ] {
            #expect(output.contains(expected), "missing \"\(expected)\"\n\(session)")
        }
        // Every command at the desk has its Chinese line in the help.
        let help = lines(session.stdout).drop { !$0.hasPrefix("接待台命令") }.dropFirst()
        for command in commands.subtracting(["kiosk", "desk", "board"]) {
            let line = help.first { $0.hasPrefix("  \(command) ") }
            #expect(line.map { $0.contains { !$0.isASCII } } == true, "no Chinese help for \(command): \(line ?? "-")")
        }
    }

    @Test("the status table in Chinese: headings, states, categories and waits in words, a paused kiosk said so")
    func statusInChinese() throws {
        let lobby = try Lobby()
        try lobby.bootstrap(reps: ["王芳", "李强"])
        _ = try lobby.checkin()
        _ = try lobby.checkin(["--purpose", "other"])
        _ = try lobby.checkin()
        try lobby.ok(["call"])
        try lobby.ok(["away", "李强", "--reason", "personal"])
        try lobby.ok(["kiosk", "pause", "--why", "午休"])
        let r = try lobby.ok(["status", "--lang", "zh"])
        let allowed: Set<String> = ["lobby", "kiosk", "resume", "Boss"]
        for line in lines(r.stdout) where !line.isEmpty {
            let english = englishWords(in: line, allowed: allowed)
            #expect(english.isEmpty, "English in the Chinese status: \(english) in \"\(line)\"")
        }
        for word in ["位次", "顾问", "状态", "等候中", "电话值班", "接待中", "其他事务"] {
            #expect(r.stdout.contains(word), "missing \(word)\n\(r)")
        }
        #expect(r.stdout.contains("暂停"), "a paused kiosk is shown\n\(r)")
        #expect(!r.stdout.contains("0–0"), "\(r)")
    }
}
