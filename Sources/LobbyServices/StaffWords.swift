import LobbyCore
import LobbyText
import LobbyPlatform
import LobbyPrinting

/// The words of the staff's screens (status, desk) in one language: places 一接/二接… or
/// 1st/2nd…, and the labels of states, kinds and categories from kiosk-assets/texts.json.
package struct StaffWords {
    package let language: Texts.Language
    package let texts = Texts.shared

    package init(language: Texts.Language) {
        self.language = language
    }

    package func text(_ key: String, _ values: [String: String] = [:]) -> String {
        texts.text(key, language, values)
    }

    /// Place `n` of the rotation, counting from 1.
    package func place(_ n: Int) -> String {
        text("place", ["n": language == .zh ? Self.chineseNumeral(n) : Self.englishOrdinal(n)])
    }

    package func state(_ state: RepState) -> String { text("state." + state.rawValue) }
    package func kind(_ kind: ReceptionKind) -> String { text("kind." + kind.rawValue) }
    package func category(_ category: Category) -> String { text("category." + category.rawValue) }
    package func status(_ status: Day.TicketStatus) -> String {
        switch status {
        case .waiting: return text("ticket.waiting")
        case .serving: return text("ticket.serving")
        case .finished: return text("ticket.finished")
        case .noshow: return text("ticket.noshow")
        case .unreceived: return text("ticket.unreceived")
        case let .grouped(into): return text("ticket.grouped", ["ticket": into.rawValue])
        }
    }

    package func minutes(_ count: Int64) -> String { "\(count) \(text("minutes"))" }

    /// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九; digits from 100 on.
    package static func chineseNumeral(_ n: Int) -> String { Numerals.chinese(n) }

    /// 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st.
    package static func englishOrdinal(_ n: Int) -> String { Numerals.englishOrdinal(n) }
}
