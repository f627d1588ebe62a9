#if canImport(Glibc)
import Glibc
#endif
import LobbyText

/// An error of the operating system, after swift-system's `Errno`: the C library's code with a
/// name for the cases the product tells apart, and the C library's own words (strerror) for the
/// reader. Every call into the platform that can fail reports one of these, and nothing else.
package struct Errno: Error, Equatable, Hashable, CustomStringConvertible, Sendable {
    package let rawValue: Int32

    package init(rawValue: Int32) { self.rawValue = rawValue }

    /// The calling thread's errno, read straight after the failing call.
    package static var current: Errno { Errno(rawValue: Glibc.errno) }

    package static let interrupted = Errno(rawValue: EINTR)
    package static let wouldBlock = Errno(rawValue: EAGAIN)
    package static let fileExists = Errno(rawValue: EEXIST)
    package static let noSuchFile = Errno(rawValue: ENOENT)
    package static let permissionDenied = Errno(rawValue: EACCES)
    package static let notDirectory = Errno(rawValue: ENOTDIR)
    package static let tooManySymbolicLinks = Errno(rawValue: ELOOP)
    package static let noSpace = Errno(rawValue: ENOSPC)
    package static let brokenPipe = Errno(rawValue: EPIPE)
    package static let timedOut = Errno(rawValue: ETIMEDOUT)
    package static let noSuchProcess = Errno(rawValue: ESRCH)

    package var description: String { String(cString: strerror(rawValue)) }

    /// Runs `call` again while it fails with EINTR (a signal arrived, nothing went wrong), and
    /// turns any other failure (-1) into the Errno it set.
    package static func retryingInterrupts<T: BinaryInteger>(_ call: () -> T) throws(Errno) -> T {
        while true {
            let result = call()
            if result != -1 { return result }
            let error = Errno.current
            if error != .interrupted { throw error }
        }
    }
}
