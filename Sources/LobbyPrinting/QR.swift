import CLobbyQR
import Synchronization
#if canImport(Glibc)
import Glibc
#endif
import LobbyText
import LobbyPlatform

/// A QR code's modules, from libqrencode.
package struct QRMatrix: Sendable {
    package let size: Int
    package let dark: [Bool]

    package subscript(x: Int, y: Int) -> Bool {
        x >= 0 && y >= 0 && x < size && y < size && dark[y * size + x]
    }

    /// libqrencode is not thread-safe: every call goes through this lock.
    private static let lock = Mutex(())

    /// Encodes `text` (8-bit mode, error correction M). Fails with the C library's errno.
    package static func encode(_ text: String) -> Result<QRMatrix, QRError> {
        lock.withLock { _ in
            errno = 0
            guard let code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M) else {
                return .failure(QRError(errno: errno))
            }
            defer { QRcode_free(code) }
            let size = Int(code.pointee.width)
            let data = UnsafeBufferPointer(start: code.pointee.data, count: size * size)
            return .success(QRMatrix(size: size, dark: data.map { $0 & 1 == 1 }))
        }
    }
}

/// libqrencode's failures, after swift-system's Errno: a code with a meaning.
package struct QRError: Error, CustomStringConvertible, Sendable {
    package let errno: Int32

    package var description: String {
        switch errno {
        case EINVAL: return "the QR text is invalid"
        case ENOMEM: return "out of memory while making the QR code"
        case ERANGE: return "the QR text is too long for a QR code"
        default: return "the QR code could not be made: \(Errno(rawValue: errno))"
        }
    }
}

package enum QRText {
    /// The code drawn with Unicode half blocks, two modules a character, dark modules as
    /// blocks on a light quiet zone of `quiet` modules (four by the standard; two still read on a
    /// screen, where the light zone is drawn, and save the kiosk's 80×24 screen two lines).
    package static func halfBlocks(_ text: String, quiet: Int = 4) -> String? {
        guard case let .success(matrix) = QRMatrix.encode(text) else { return nil }
        var lines: [String] = []
        var y = -quiet
        while y < matrix.size + quiet {
            var line = ""
            for x in -quiet..<(matrix.size + quiet) {
                // Light is drawn as a block, so that the code reads on a dark terminal too.
                let top = !matrix[x, y], bottom = !matrix[x, y + 1] || y + 1 >= matrix.size + quiet
                switch (top, bottom) {
                case (true, true): line += "█"
                case (true, false): line += "▀"
                case (false, true): line += "▄"
                case (false, false): line += " "
                }
            }
            lines.append(line)
            y += 2
        }
        return lines.joined(separator: "\n")
    }
}
