/// Numbers as people read them: Chinese numerals and English ordinals.
package enum Numerals {
    /// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九; digits from 100 on.
    package static func chinese(_ n: Int) -> String {
        let digits = Array("零一二三四五六七八九")
        guard (1...99).contains(n) else { return String(n) }
        if n < 10 { return String(digits[n]) }
        let tens = n / 10 == 1 ? "十" : String(digits[n / 10]) + "十"
        return tens + (n % 10 == 0 ? "" : String(digits[n % 10]))
    }

    /// 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st.
    package static func englishOrdinal(_ n: Int) -> String {
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
