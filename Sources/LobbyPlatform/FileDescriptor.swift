#if canImport(Glibc)
import Glibc
#endif
import LobbyText

/// An open file descriptor, after swift-system's `FileDescriptor`: opening, full writes that
/// survive signals (EINTR) and short writes, and the few other calls the product makes, each
/// failing with an `Errno`. Closing is explicit, as with the descriptor itself.
package struct FileDescriptor: Equatable, Hashable, Sendable {
    package let rawValue: Int32

    package init(rawValue: Int32) { self.rawValue = rawValue }

    package static let standardInput = FileDescriptor(rawValue: 0)
    package static let standardOutput = FileDescriptor(rawValue: 1)
    package static let standardError = FileDescriptor(rawValue: 2)

    /// open(2); `O_CLOEXEC` is always added, so no program the product starts inherits it.
    package static func open(_ path: FilePath, _ flags: Int32, permissions: mode_t = 0) throws(Errno) -> FileDescriptor {
        let fd = try Errno.retryingInterrupts { Glibc.open(path.string, flags | O_CLOEXEC, permissions) }
        return FileDescriptor(rawValue: fd)
    }

    /// openat(2): `name` inside the directory open at `self`, so that a directory renamed or
    /// replaced after it was checked cannot redirect the file elsewhere.
    package func open(_ name: String, _ flags: Int32, permissions: mode_t = 0) throws(Errno) -> FileDescriptor {
        let fd = try Errno.retryingInterrupts { openat(rawValue, name, flags | O_CLOEXEC, permissions) }
        return FileDescriptor(rawValue: fd)
    }

    package func close() throws(Errno) {
        // Linux frees the descriptor even when close(2) reports EINTR: never retry it.
        if Glibc.close(rawValue) != 0 {
            let error = Errno.current
            if error != .interrupted { throw error }
        }
    }

    /// fstat(2) of the open file: what it is, whatever its path now names.
    package func status() throws(Errno) -> stat {
        var info = stat()
        _ = try Errno.retryingInterrupts { fstat(rawValue, &info) }
        return info
    }

    package func sync() throws(Errno) {
        _ = try Errno.retryingInterrupts { fsync(rawValue) }
    }

    /// flock(2) exclusive, waiting for it: released by close or by the end of the process.
    package func lockExclusive() throws(Errno) {
        _ = try Errno.retryingInterrupts { flock(rawValue, LOCK_EX) }
    }

    /// renameat(2) within the directory open at `self`: never follows a symlink at either name.
    package func rename(_ from: String, to: String) throws(Errno) {
        _ = try Errno.retryingInterrupts { renameat(rawValue, from, rawValue, to) }
    }

    /// Gives the unnamed file `file` (opened with `anonymousFile`) the name `name` inside the
    /// directory open at `self`; fails with EEXIST when the name is taken, whatever it is (a
    /// symlink there is not followed).
    package func link(_ file: FileDescriptor, as name: String) throws(Errno) {
        _ = try Errno.retryingInterrupts {
            linkat(AT_FDCWD, "/proc/self/fd/\(file.rawValue)", rawValue, name, AT_SYMLINK_FOLLOW)
        }
    }

    /// A new file without a name in the directory open at `self` (O_TMPFILE), written before it is
    /// given one with `link`; nil where the file system cannot make one.
    package func anonymousFile(permissions: mode_t) -> FileDescriptor? {
        // O_TMPFILE is __O_TMPFILE | O_DIRECTORY; the Glibc module does not export it.
        let temporaryFile: Int32 = 0o20_000_000 | O_DIRECTORY
        return try? open(".", O_WRONLY | temporaryFile, permissions: permissions)
    }

    /// unlinkat(2) within the directory open at `self`: a symlink is removed, not its target.
    package func unlink(_ name: String) throws(Errno) {
        _ = try Errno.retryingInterrupts { unlinkat(rawValue, name, 0) }
    }

    /// Writes every byte: a short write is continued, EINTR retried. On a non-blocking
    /// descriptor, a full buffer is waited for with poll(2) for at most `timeoutMilliseconds`
    /// at a time (nil: as long as it takes), then fails with ETIMEDOUT. `written` counts the
    /// bytes that went out, also when it fails.
    package func writeAll(_ buffer: UnsafeRawBufferPointer, timeoutMilliseconds: Int32? = nil, written: inout Int) throws(Errno) {
        written = 0
        guard let base = buffer.baseAddress else { return }
        while written < buffer.count {
            let count = Glibc.write(rawValue, base + written, buffer.count - written)
            if count > 0 {
                written += count
                continue
            }
            let error = count == 0 ? Errno(rawValue: EIO) : Errno.current
            switch error {
            case .interrupted:
                continue
            case .wouldBlock:
                var waiting = pollfd(fd: rawValue, events: Int16(POLLOUT), revents: 0)
                let ready = try Errno.retryingInterrupts { poll(&waiting, 1, timeoutMilliseconds ?? -1) }
                if ready == 0 { throw .timedOut }
            default:
                throw error
            }
        }
    }

    package func writeAll(_ bytes: [UInt8], timeoutMilliseconds: Int32? = nil) throws(Errno) {
        var written = 0
        try bytes.withUnsafeBytes { buffer in
            Result { () throws(Errno) in try writeAll(buffer, timeoutMilliseconds: timeoutMilliseconds, written: &written) }
        }.get()
    }

    package func writeAll(_ text: String) throws(Errno) {
        var text = text
        var written = 0
        try text.withUTF8 { bytes in
            Result { () throws(Errno) in try writeAll(UnsafeRawBufferPointer(bytes), written: &written) }
        }.get()
    }
}
