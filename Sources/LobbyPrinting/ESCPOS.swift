#if canImport(Glibc)
import Glibc
#endif
import LobbyText
import LobbyPlatform

/// An ESC/POS byte stream for thermal receipt printers (Epson's command set, which the common
/// 58 mm and 80 mm printers follow).
package struct ESCPOS {
    package private(set) var bytes: [UInt8] = []

    package init() {}

    package enum Alignment: UInt8 { case left = 0, center = 1, right = 2 }

    /// QR error correction levels as GS ( k function 169 numbers them.
    package enum QRLevel: UInt8 { case low = 48, medium = 49, quartile = 50, high = 51 }

    /// ESC @: back to the power-on state, so that a slip never inherits a previous job's modes.
    package mutating func initialize() { bytes += [0x1B, 0x40] }

    /// FS &: two-byte (GB18030 on Chinese printers) character mode, for the Chinese text.
    package mutating func chineseMode() { bytes += [0x1C, 0x26] }

    /// ESC a n
    package mutating func align(_ alignment: Alignment) { bytes += [0x1B, 0x61, alignment.rawValue] }

    /// ESC E n
    package mutating func bold(_ on: Bool) { bytes += [0x1B, 0x45, on ? 1 : 0] }

    /// GS ! n: character width and height, each 1 to 8 times.
    package mutating func size(_ times: Int) {
        let n = UInt8(max(1, min(8, times)) - 1)
        bytes += [0x1D, 0x21, n << 4 | n]
    }

    /// Encoded text and LF.
    package mutating func line(_ encoded: [UInt8]) { bytes += encoded + [0x0A] }

    /// ESC d n: prints and feeds n lines.
    package mutating func feed(_ lines: Int) { bytes += [0x1B, 0x64, UInt8(max(0, min(255, lines)))] }

    /// GS V 66 0: feeds to the cutter and cuts, leaving a hinge (partial cut).
    package mutating func cut() { bytes += [0x1D, 0x56, 0x42, 0x00] }

    /// GS ( k: the printer draws the QR code itself. Model 2, `module` dots a module (1–16).
    package mutating func nativeQR(_ data: [UInt8], module: Int, level: QRLevel) {
        bytes += [0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00]  // function 165: model 2
        bytes += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, UInt8(max(1, min(16, module)))]  // 167: module size
        bytes += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, level.rawValue]  // 169: error correction
        let length = data.count + 3
        bytes += [0x1D, 0x28, 0x6B, UInt8(length & 0xFF), UInt8(length >> 8), 0x31, 0x50, 0x30] + data  // 180: store
        bytes += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30]  // 181: print
    }

    /// GS v 0: a raster image, `rows` of `width` dots, dark dots true. Sent in bands of at most
    /// 255 rows, which small printers with short receive buffers print as well.
    package mutating func raster(width: Int, rows: [[Bool]]) {
        let rowBytes = (width + 7) / 8
        var start = 0
        while start < rows.count {
            let band = rows[start..<min(rows.count, start + 255)]
            bytes += [0x1D, 0x76, 0x30, 0x00, UInt8(rowBytes & 0xFF), UInt8(rowBytes >> 8), UInt8(band.count & 0xFF), UInt8(band.count >> 8)]
            for row in band {
                var packed = [UInt8](repeating: 0, count: rowBytes)
                for (x, dark) in row.prefix(width).enumerated() where dark { packed[x / 8] |= 0x80 >> UInt8(x % 8) }
                bytes += packed
            }
            start += band.count
        }
    }
}

/// Text for Chinese printers, which read GB18030 in their two-byte mode. glibc's iconv does the
/// mapping: its tables are the standard's, and no table of our own can drift from them.
package enum GB18030 {
    package static func encode(_ text: String) -> [UInt8]? {
        var input = Array(text.utf8)
        if input.isEmpty { return [] }
        guard let converter = iconv_open("GB18030", "UTF-8"), Int(bitPattern: converter) != -1 else { return nil }
        defer { iconv_close(converter) }
        var output = [UInt8](repeating: 0, count: input.count * 4 + 16)
        let produced: Int? = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                guard let sourceBase = source.baseAddress, let targetBase = target.baseAddress else { return nil }
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(sourceBase).assumingMemoryBound(to: CChar.self)
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(targetBase).assumingMemoryBound(to: CChar.self)
                var inLeft = source.count, outLeft = target.count
                guard iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != size_t.max, inLeft == 0,
                    iconv(converter, nil, nil, &outPointer, &outLeft) != size_t.max
                else { return nil }
                return target.count - outLeft
            }
        }
        return produced.map { Array(output.prefix($0)) }
    }
}

/// Line breaking for fixed-pitch printing: an ASCII character takes one column, any other two
/// (a two-byte character on the printer); a line may break after any Chinese character, but
/// words of Latin text (with their dashes: "6–11") are kept whole when they fit on a line.
package enum Columns {
    package static func width(_ character: Character) -> Int {
        character.unicodeScalars.allSatisfy(\.isASCII) ? 1 : 2
    }

    private static func breaksAnywhere(_ character: Character) -> Bool {
        character.unicodeScalars.contains { $0.value >= 0x2E80 }
    }

    package static func wrap(_ text: String, columns: Int) -> [String] {
        // Tokens: words, single spaces, single Chinese characters.
        var tokens: [String] = []
        var word = ""
        for character in text {
            if character != " " && !breaksAnywhere(character) {
                word.append(character)
                continue
            }
            if !word.isEmpty { tokens.append(word) }
            word = ""
            tokens.append(String(character))
        }
        if !word.isEmpty { tokens.append(word) }
        var lines: [String] = []
        var line = ""
        var used = 0
        for token in tokens {
            let tokenWidth = token.reduce(0) { $0 + width($1) }
            if used + tokenWidth > columns && used > 0 {
                lines.append(line.trimmingSpaces)
                line = ""
                used = 0
                if token == " " { continue }
            }
            if tokenWidth > columns {
                // A word longer than a line is cut where the line ends.
                for character in token {
                    if used + width(character) > columns {
                        lines.append(line)
                        line = ""
                        used = 0
                    }
                    line.append(character)
                    used += width(character)
                }
                continue
            }
            line += token
            used += tokenWidth
        }
        if !line.trimmingSpaces.isEmpty || lines.isEmpty { lines.append(line.trimmingSpaces) }
        return lines
    }
}
