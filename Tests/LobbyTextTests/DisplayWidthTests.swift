// Display width and the numerals of the staff's place words.
#if canImport(Glibc)
import Glibc
#endif
import LobbyText
import Testing

@Suite("Display width")
struct DisplayWidthTests {
    @Test("Latin one column, CJK and fullwidth two, combining marks and format characters none")
    func widths() {
        #expect(DisplayWidth.of("Wang") == 4)
        #expect(DisplayWidth.of("王芳") == 4)
        #expect(DisplayWidth.of("欧阳娜娜 Li") == 11)
        #expect(DisplayWidth.of("ＡＢ１") == 6, "fullwidth forms")
        #expect(DisplayWidth.of("、。「」") == 8, "CJK punctuation")
        #expect(DisplayWidth.of("김민준") == 6, "Hangul syllables")
        #expect(DisplayWidth.of("e\u{301}") == 1, "a combining acute accent adds nothing")
        #expect(DisplayWidth.of("\u{1100}\u{1161}\u{11A8}") == 2, "a conjoining Hangul syllable is one wide cell")
        #expect(DisplayWidth.of("a\u{200B}b\u{200D}c") == 3, "zero-width space and joiner")
        #expect(DisplayWidth.of("👍") == 2)
        #expect(DisplayWidth.of("\u{2764}\u{FE0F}") == 2, "emoji presentation widens a narrow symbol")
        #expect(DisplayWidth.of("\u{2764}") == 1)
        #expect(DisplayWidth.of("–—·") == 3, "ambiguous-width punctuation counts as narrow")
        #expect(DisplayWidth.of("\t\u{7}") == 0, "control characters")
        #expect(DisplayWidth.of("") == 0)
    }

    @Test("agrees with the C library's wcwidth on Latin, combining, kana, CJK, Hangul and fullwidth")
    func agreesWithWcwidth() throws {
        try #require(setlocale(LC_CTYPE, "C.UTF-8") != nil, "the C.UTF-8 locale is needed for wcwidth")
        // The Glibc module leaves wcwidth out (an X/Open function), so it is looked up by name.
        let symbol = try #require(dlsym(nil, "wcwidth"), "the C library has no wcwidth")
        typealias WcWidth = @convention(c) (Int32) -> Int32
        let wcwidth = unsafeBitCast(symbol, to: WcWidth.self)
        let ranges: [ClosedRange<UInt32>] = [
            0x20...0x7E, 0xA0...0x2FF, 0x300...0x36F, 0x3041...0x3096, 0x30A0...0x30FF,
            0x4E00...0x9FFF, 0xAC00...0xD7A3, 0xFF01...0xFF60, 0xFF61...0xFFDC,
        ]
        var mismatches: [String] = []
        for range in ranges {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let expected = Int(wcwidth(Int32(value)))
                guard expected >= 0 else { continue }
                if DisplayWidth.of(scalar) != expected {
                    mismatches.append("U+\(String(value, radix: 16, uppercase: true)): \(DisplayWidth.of(scalar)) vs \(expected)")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
    }

    @Test("pad and table pad by display width, so columns start at the same column")
    func tables() {
        #expect(DisplayWidth.pad("王", to: 4) == "王  ")
        #expect(DisplayWidth.pad("Wang", to: 2) == "Wang", "never cut")
        let lines = DisplayWidth.table([["Place", "Rep", "State"], ["一接", "欧阳娜娜", "待接"], ["2nd", "Li", "ready"], ["-", "Zhao"]])
        #expect(lines == [
            "Place  Rep       State",
            "一接   欧阳娜娜  待接",
            "2nd    Li        ready",
            "-      Zhao",
        ])
    }

    @Test("places read 一接, 二接 … in Chinese and 1st, 2nd … in English")
    func places() {
        #expect([1, 2, 3, 9, 10, 11, 12, 20, 21, 99, 100].map(Numerals.chinese)
            == ["一", "二", "三", "九", "十", "十一", "十二", "二十", "二十一", "九十九", "100"])
        #expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112].map(Numerals.englishOrdinal)
            == ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st", "111th", "112th"])
    }
}
