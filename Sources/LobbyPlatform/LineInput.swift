#if canImport(Glibc)
import Glibc
#endif
import LobbyText

/// Standard input line by line, safe whatever a visitor or a pipe sends: a line longer than
/// `limit` bytes is skipped without being kept (so a 100 kB line costs no memory), bytes that
/// are not UTF-8 are refused, and the wait for a line can time out (poll(2)).
package struct LineInput {
    package enum Read: Equatable {
        case line(String)
        /// Too long or not UTF-8: nothing of it is kept.
        case rejected
        case timedOut
        case end
    }

    package let fd: Int32
    package let limit: Int
    private var pending: [UInt8] = []
    /// Inside a line already known to be too long: its bytes are dropped up to the newline.
    private var skipping = false
    private var ended = false

    package init(fd: Int32 = 0, limit: Int = 512) {
        self.fd = fd
        self.limit = limit
    }

    /// The next line, waiting at most `timeout` seconds (nil: as long as it takes).
    package mutating func next(timeout: Int? = nil) -> Read {
        let deadline = timeout.map { MonotonicClock.milliseconds() + Int64($0) * 1000 }
        while true {
            if let newline = pending.firstIndex(of: 10) {
                let bytes = pending[..<newline]
                defer { pending.removeSubrange(...newline) }
                return take(bytes)
            }
            if pending.count > limit {
                skipping = true
                pending.removeAll(keepingCapacity: true)
            }
            if ended {
                // A last line without its newline still counts; then the end.
                guard skipping || !pending.isEmpty else { return .end }
                defer { pending.removeAll() }
                return take(pending[...])
            }
            if let deadline {
                let left = deadline - MonotonicClock.milliseconds()
                guard left > 0, wait(milliseconds: Int32(clamping: left)) else {
                    // A half-typed answer belongs to the visitor who left.
                    pending.removeAll()
                    skipping = false
                    return .timedOut
                }
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                pending.append(contentsOf: chunk[..<count])
            } else if count == 0 || errno != EINTR {
                ended = true
            }
        }
    }

    private mutating func take(_ bytes: ArraySlice<UInt8>) -> Read {
        if skipping {
            skipping = false
            return .rejected
        }
        var bytes = bytes
        if bytes.last == 13 { bytes.removeLast() }
        guard bytes.count <= limit, let text = String(validating: bytes, as: UTF8.self) else { return .rejected }
        return .line(text)
    }

    /// True when input is ready (or ended) within the time; false when it timed out.
    private func wait(milliseconds: Int32) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while true {
            let result = poll(&entry, 1, milliseconds)
            if result >= 0 { return result > 0 }
            if errno != EINTR { return true }  // let read(2) report what is wrong
        }
    }
}
