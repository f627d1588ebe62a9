import LobbyCore

/// A wait as people read it: "6–11 分钟", "约 5 分钟" (both quantiles equal), "马上" (none), and
/// with no rep on duty "无顾问在岗" — never "0–0 分钟", a promise that nobody keeps.
package enum WaitWords {
    /// The minutes of `wait`, or nil when there is no wait to speak of (then say "now").
    package static func minutes(_ wait: Wait, _ language: Texts.Language, texts: Texts = .shared) -> String? {
        guard wait.p80 > 0 else { return nil }
        if wait.p50 == wait.p80 { return texts.text("waitAbout", language, ["n": String(wait.p80)]) }
        return texts.text("waitRange", language, ["p50": String(wait.p50), "p80": String(wait.p80)])
    }

    /// The board's wait, Chinese and English in one short line: "6–11 分钟 min", "5 分钟 min",
    /// "马上 now", "无顾问在岗 no rep on duty".
    package static func bothLanguages(_ wait: Wait, onDuty: Bool, texts: Texts = .shared) -> String {
        func both(_ key: String) -> String { texts.text(key, .zh) + " " + texts.text(key, .en) }
        guard onDuty else { return both("waitNobody") }
        guard wait.p80 > 0 else { return both("waitNow") }
        let minutes = wait.p50 == wait.p80 ? "\(wait.p80)" : "\(wait.p50)–\(wait.p80)"
        return minutes + " " + both("minutes")
    }

    /// The wait for a staff screen or the board: the minutes, "now", or nobody on duty.
    package static func said(_ wait: Wait, onDuty: Bool, _ language: Texts.Language, texts: Texts = .shared) -> String {
        guard onDuty else { return texts.text("waitNobody", language) }
        return minutes(wait, language, texts: texts) ?? texts.text("waitNow", language)
    }
}
