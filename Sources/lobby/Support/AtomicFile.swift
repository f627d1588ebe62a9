#if canImport(Glibc)
import Glibc
#endif

/// Replaces a file so that a reader sees either the old or the new content, never a half file:
/// write a temporary file beside it, fsync, rename over.
enum AtomicFile {
    static func write(_ text: String, to path: String) throws(LobbyError) {
        let directory = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let temporary = (directory.isEmpty ? "" : directory + "/") + ".\(name).\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .refused("cannot write \(temporary): \(reason())") }
        let written = Output.writeAll(fd, text) && fsync(fd) == 0
        let failure = written ? nil : reason()
        close(fd)
        guard written, rename(temporary, path) == 0 else {
            let why = failure ?? reason()
            unlink(temporary)
            throw .refused("cannot write \(path): \(why)")
        }
    }

    private static func reason() -> String { String(cString: strerror(errno)) }
}
