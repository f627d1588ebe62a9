/// Calendar arithmetic on instants with a fixed UTC offset: enough for ISO 8601 with an offset
/// and for the business day, without loading a time-zone database or ICU.
public struct CivilTime: Sendable, Equatable {
    public var year: Int, month: Int, day: Int
    public var hour: Int, minute: Int, second: Int
    /// Seconds east of UTC.
    public var offset: Int

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, offset: Int = 0) {
        (self.year, self.month, self.day) = (year, month, day)
        (self.hour, self.minute, self.second) = (hour, minute, second)
        self.offset = offset
    }

    public init(_ instant: Instant, offset: Int) {
        let local = instant.seconds + Int64(offset)
        let days = Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
        let seconds = Int(local - Int64(days) * 86_400)
        let (y, m, d) = CivilTime.civil(fromDays: days)
        self.init(year: y, month: m, day: d, hour: seconds / 3600, minute: seconds / 60 % 60,
                  second: seconds % 60, offset: offset)
    }

    public var instant: Instant {
        let days = CivilTime.days(year: year, month: month, day: day)
        let local = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return Instant(local - Int64(offset))
    }

    /// "2026-11-23"
    public var date: String {
        pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    /// "2026-11-23T10:15:00+08:00"
    public var iso8601: String {
        let sign = offset < 0 ? "-" : "+"
        let magnitude = abs(offset) / 60
        return date + "T" + pad(hour, 2) + ":" + pad(minute, 2) + ":" + pad(second, 2)
            + sign + pad(magnitude / 60, 2) + ":" + pad(magnitude % 60, 2)
    }

    /// Parses "YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM|±HHMM)". A time without an offset is refused:
    /// the business day would be a guess.
    public static func parse(_ text: String) -> CivilTime? {
        let chars = Array(text.utf8)
        var index = 0
        func number(_ width: Int) -> Int? {
            guard index + width <= chars.count else { return nil }
            var value = 0
            for c in chars[index..<index + width] {
                guard c >= 48, c <= 57 else { return nil }
                value = value * 10 + Int(c - 48)
            }
            index += width
            return value
        }
        func expect(_ c: UInt8) -> Bool {
            guard index < chars.count, chars[index] == c else { return false }
            index += 1
            return true
        }
        guard let y = number(4), expect(45), let mo = number(2), expect(45), let d = number(2),
            expect(84) || expect(32), let h = number(2), expect(58), let mi = number(2)
        else { return nil }
        var s = 0
        if expect(58) {
            guard let value = number(2) else { return nil }
            s = value
            if expect(46) || expect(44) {
                while index < chars.count, chars[index] >= 48, chars[index] <= 57 { index += 1 }
            }
        }
        var offset = 0
        if expect(90) || expect(122) {
            offset = 0
        } else if index < chars.count, chars[index] == 43 || chars[index] == 45 {
            let negative = chars[index] == 45
            index += 1
            guard let oh = number(2) else { return nil }
            _ = expect(58)
            guard let om = number(2), oh < 24, om < 60 else { return nil }
            offset = (oh * 3600 + om * 60) * (negative ? -1 : 1)
        } else {
            return nil
        }
        guard index == chars.count, (1...12).contains(mo), (1...daysIn(year: y, month: mo)).contains(d),
            h < 24, mi < 60, s < 61
        else { return nil }
        return CivilTime(year: y, month: mo, day: d, hour: h, minute: mi, second: min(s, 59), offset: offset)
    }

    /// Parses "YYYY-MM-DD" into (year, month, day).
    public static func parseDate(_ text: String) -> (Int, Int, Int)? {
        guard let t = parse(text + "T00:00Z") else { return nil }
        return (t.year, t.month, t.day)
    }

    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days-from-civil and civil-from-days.
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z: Int) -> (Int, Int, Int) {
        let z = z + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
