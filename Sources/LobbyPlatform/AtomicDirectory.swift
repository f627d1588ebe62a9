#if canImport(Glibc)
import Glibc
#endif
import LobbyText

/// A directory whose files are replaced whole, so that a reader sees either the old or the new
/// content, never a half file: write a temporary file beside it, fsync, rename over.
///
/// The temporary file is the only file created: written unnamed (O_TMPFILE) and linked to its
/// name, or made with O_CREAT|O_EXCL|O_NOFOLLOW, inside the directory held open
/// (openat/linkat/renameat), so a symlink planted at its name, or a directory swapped after the
/// check, is never followed. That is safe only in a directory that
/// no one else can write to, so one writable by its group or by others, or owned by another
/// user, is refused outright instead of being written to carefully.
package struct AtomicDirectory {
    package let path: FilePath
    private let descriptor: FileDescriptor

    package enum Failure: Error, CustomStringConvertible {
        case system(String, FilePath, Errno)
        case sharedDirectory(FilePath)

        package var description: String {
            switch self {
            case let .system(what, path, errno): return "cannot \(what) \(TerminalText.path(path.string)): \(errno)"
            case let .sharedDirectory(path):
                return "\(TerminalText.path(path.string)) can be written by other users; give the board a directory of its own "
                    + "(owned by this user, chmod go-w)"
            }
        }
    }

    /// Opens `path`, creating it (0755) when it is missing, and checks that it is this user's alone.
    package init(_ path: FilePath) throws(Failure) {
        if mkdir(path.string, 0o755) != 0, Errno.current != .fileExists {
            throw .system("create", path, .current)
        }
        let descriptor: FileDescriptor
        do {
            descriptor = try FileDescriptor.open(path, O_RDONLY | O_DIRECTORY)
        } catch {
            throw .system("open the directory", path, error)
        }
        let info: stat
        do { info = try descriptor.status() } catch {
            try? descriptor.close()
            throw .system("inspect", path, error)
        }
        guard info.st_uid == geteuid(), info.st_mode & 0o022 == 0 else {
            try? descriptor.close()
            throw .sharedDirectory(path)
        }
        self.path = path
        self.descriptor = descriptor
    }

    /// Replaces `name` (a plain name inside the directory) with `text`.
    package func replace(_ name: String, with text: String) throws(Failure) {
        let temporary = "." + name + ".tmp"
        do {
            // Two boards on one directory take turns, so neither removes the other's temporary file.
            try descriptor.lockExclusive()
        } catch {
            throw .system("lock", path, error)
        }
        defer { flock(descriptor.rawValue, LOCK_UN) }
        // Where the file system allows, the file is written without a name and named only for
        // the instant before the rename, so a board stopped mid-write leaves nothing behind.
        let anonymous = descriptor.anonymousFile(permissions: 0o644)
        let file: FileDescriptor
        do {
            if let anonymous { file = anonymous } else { file = try create(temporary) }
        } catch {
            throw .system("write", path.appending(temporary), error)
        }
        do {
            try file.writeAll(text)
            try file.sync()
            if anonymous != nil { try link(file, as: temporary) }
            try file.close()
        } catch {
            try? file.close()
            if anonymous == nil { try? descriptor.unlink(temporary) }
            throw .system("write", path.appending(temporary), error)
        }
        do {
            try descriptor.rename(temporary, to: name)
        } catch {
            try? descriptor.unlink(temporary)
            throw .system("write", path.appending(name), error)
        }
    }

    /// Names the anonymous `file`; a leftover at the name is removed as in `create`.
    private func link(_ file: FileDescriptor, as name: String) throws(Errno) {
        do {
            try descriptor.link(file, as: name)
        } catch .fileExists {
            try descriptor.unlink(name)
            try descriptor.link(file, as: name)
        }
    }

    /// A new file, never an existing one and never through a symlink. Whatever already has the
    /// name is a leftover of a board that stopped mid-write (or put there by this same user, as
    /// no one else can write here, and the lock is held): it is removed, itself and not what it
    /// points to, and the creation tried once more.
    private func create(_ name: String) throws(Errno) -> FileDescriptor {
        let flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_NOCTTY
        do {
            return try descriptor.open(name, flags, permissions: 0o644)
        } catch .fileExists {
            try descriptor.unlink(name)
            return try descriptor.open(name, flags, permissions: 0o644)
        }
    }
}
