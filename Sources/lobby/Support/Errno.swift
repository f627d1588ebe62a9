#if canImport(Glibc)
import Glibc
#endif

/// An error of the operating system, after swift-system's `Errno`: the C library's code with a
/// name for the cases the product tells apart, and the C library's own words (strerror) for the
/// reader. Every call into the platform that can fail reports one of these, and nothing else.
struct Errno: Error, Equatable, Hashable, CustomStringConvertible, Sendable {
    let rawValue: Int32

    init(rawValue: Int32) { self.rawValue = rawValue }

    /// The calling thread's errno, read straight after the failing call.
    static var current: Errno { Errno(rawValue: Glibc.errno) }

    static let interrupted = Errno(rawValue: EINTR)
    static let wouldBlock = Errno(rawValue: EAGAIN)
    static let fileExists = Errno(rawValue: EEXIST)
    static let noSuchFile = Errno(rawValue: ENOENT)
    static let permissionDenied = Errno(rawValue: EACCES)
    static let notDirectory = Errno(rawValue: ENOTDIR)
    static let tooManySymbolicLinks = Errno(rawValue: ELOOP)
    static let noSpace = Errno(rawValue: ENOSPC)
    static let brokenPipe = Errno(rawValue: EPIPE)
    static let timedOut = Errno(rawValue: ETIMEDOUT)
    static let noSuchProcess = Errno(rawValue: ESRCH)

    var description: String { String(cString: strerror(rawValue)) }

    /// Runs `call` again while it fails with EINTR (a signal arrived, nothing went wrong), and
    /// turns any other failure (-1) into the Errno it set.
    static func retryingInterrupts<T: BinaryInteger>(_ call: () -> T) throws(Errno) -> T {
        while true {
            let result = call()
            if result != -1 { return result }
            let error = Errno.current
            if error != .interrupted { throw error }
        }
    }
}
