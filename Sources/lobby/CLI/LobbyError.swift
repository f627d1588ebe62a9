import LobbyCore
import LobbyStore

/// Every way a command can fail, each with its exit code (interface.md). `Lobby.main` is the
/// only place that turns one into an exit.
enum LobbyError: Error, CustomStringConvertible {
    /// Exit 2: the command line itself is wrong.
    case usage(String)
    /// Exit 1: bad input or a rule forbids it; nothing was changed.
    case refused(String)
    /// Exit 3: the database is busy, unreadable, read-only, full or damaged.
    case store(String)
    /// Exit 4: no such ticket, rep or customer.
    case notFound(String)

    var exitCode: Int32 {
        switch self {
        case .refused: return 1
        case .usage: return 2
        case .store: return 3
        case .notFound: return 4
        }
    }

    var description: String {
        switch self {
        case let .usage(m), let .refused(m), let .store(m), let .notFound(m): return m
        }
    }

    /// Maps the errors of the lower layers to the user's words, once, at the edge.
    static func from(_ error: any Error) -> LobbyError {
        switch error {
        case let error as LobbyError: return error
        case let error as RuleViolation:
            return error.kind == .notFound ? .notFound(error.message) : .refused(error.description)
        case let error as SQLiteError where error.kind == .constraint:
            // A rule of the schema caught what the command's own checks did not (a race): nothing was written.
            return .refused(error.description)
        case let error as SQLiteError: return .store(error.description)
        case let error as StoreError:
            if case .exists = error { return .refused(error.description) }
            return .store(error.description)
        default: return .store("\(error)")
        }
    }

    static func invalid(_ field: String, _ why: String) -> LobbyError {
        .refused("\(field): \(why)")
    }
}
