import LobbyCore

/// The words of the staff's screens (status, desk) in one language: places 一接/二接… or
/// 1st/2nd…, and the labels of states, kinds and categories from kiosk-assets/texts.json.
struct StaffWords {
    let language: Texts.Language
    let texts = Texts.shared

    /// `--lang zh|en` of the staff's screens; not given, the site's language.
    static let languageOption = Option<Texts.Language>.choice(
        "--lang", help: "the language (default: the site's language, else zh)")

    func text(_ key: String, _ values: [String: String] = [:]) -> String {
        texts.text(key, language, values)
    }

    /// Place `n` of the rotation, counting from 1.
    func place(_ n: Int) -> String {
        text("place", ["n": language == .zh ? Self.chineseNumeral(n) : Self.englishOrdinal(n)])
    }

    func state(_ state: RepState) -> String { text("state." + state.rawValue) }
    func kind(_ kind: ReceptionKind) -> String { text("kind." + kind.rawValue) }
    func category(_ category: Category) -> String { text("category." + category.rawValue) }
    func status(_ status: Day.TicketStatus) -> String {
        switch status {
        case .waiting: return text("ticket.waiting")
        case .serving: return text("ticket.serving")
        case .finished: return text("ticket.finished")
        case .noshow: return text("ticket.noshow")
        case .unreceived: return text("ticket.unreceived")
        case let .grouped(into): return text("ticket.grouped", ["ticket": into])
        }
    }

    func minutes(_ count: Int64) -> String { "\(count) \(text("minutes"))" }

    /// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九; digits from 100 on.
    static func chineseNumeral(_ n: Int) -> String {
        let digits = Array("零一二三四五六七八九")
        guard (1...99).contains(n) else { return String(n) }
        if n < 10 { return String(digits[n]) }
        let tens = n / 10 == 1 ? "十" : String(digits[n / 10]) + "十"
        return tens + (n % 10 == 0 ? "" : String(digits[n % 10]))
    }

    /// 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st.
    static func englishOrdinal(_ n: Int) -> String {
        let suffix: String
        switch (n % 10, n % 100) {
        case (_, 11...13): suffix = "th"
        case (1, _): suffix = "st"
        case (2, _): suffix = "nd"
        case (3, _): suffix = "rd"
        default: suffix = "th"
        }
        return String(n) + suffix
    }
}
