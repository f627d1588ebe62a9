// A stand-in receipt printer that is a real character device: a pseudo-terminal in raw mode.
// lobby writes to its /dev/pts/N side as it would to /dev/usb/lp0; the test reads every byte
// back from the other side, unchanged (no line discipline in raw mode).
import Foundation
#if canImport(Glibc)
import Glibc
#endif

final class FakePrinter: @unchecked Sendable {
    /// The device path to give lobby (--printer, site.json printer.device).
    let path: String
    private let master: Int32
    /// Held open so that the raw settings stay and the pty never hangs up between slips.
    private let slave: Int32
    private let lock = NSLock()
    private var received: [UInt8] = []
    private var lastByte = Date()

    init() throws {
        struct Failure: Error, CustomStringConvertible { let description: String }
        // posix_openpt and friends are not in the Glibc module: the same through /dev/ptmx and
        // the Linux ioctls (TIOCSPTLCK unlocks the other side, TIOCGPTN names it).
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0, number: UInt32 = 0
        guard master >= 0, ioctl(master, 0x4004_5431, &unlock) == 0, ioctl(master, 0x8004_5430, &number) == 0 else {
            throw Failure(description: "cannot open a pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        path = "/dev/pts/\(number)"
        slave = open(path, O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw Failure(description: "cannot open \(path)") }
        var settings = termios()
        tcgetattr(slave, &settings)
        cfmakeraw(&settings)
        tcsetattr(slave, TCSANOW, &settings)
        let thread = Thread { [self] in self.drain() }
        thread.start()
    }

    deinit {
        close(slave)
        close(master)
    }

    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(master, &buffer, buffer.count)
            if count > 0 {
                lock.lock()
                received += buffer[0..<count]
                lastByte = Date()
                lock.unlock()
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                return
            }
        }
    }

    /// Everything printed so far, once nothing more has arrived for a moment.
    func bytes() -> [UInt8] {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            lock.lock()
            let quiet = Date().timeIntervalSince(lastByte)
            lock.unlock()
            if quiet > 0.3 { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        lock.lock()
        defer { lock.unlock() }
        return received
    }
}
