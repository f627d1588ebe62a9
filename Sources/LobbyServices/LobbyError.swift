import LobbyCore
import LobbyStore
import LobbyText
import LobbyPlatform
import LobbyPrinting

/// The exit codes of interface.md ("Exit codes"), and one for a failure of the machine itself.
package enum ExitCode: Int32 {
    case done = 0
    /// A well-formed request that a field check, a permission or a rule forbids.
    case refused = 1
    /// The command line itself is malformed: unknown command or option, a missing argument, a
    /// value outside the option's choices or not of its type.
    case usage = 2
    /// The database is missing, busy, unreadable, read-only, full or damaged.
    case database = 3
    case notFound = 4
    /// The request was fine but the machine failed it: the printer or another device, standard
    /// output, a system library (PIN hashing, the QR encoder). Not in interface.md's list: none
    /// of its codes says this honestly.
    case failed = 5
}

/// Every way a command can fail, each with its exit code. `Lobby.main` is the only place that
/// turns one into an exit.
package enum LobbyError: Error, CustomStringConvertible {
    /// The command line itself is wrong.
    case usage(String)
    /// A field check, a permission or a rule forbids it; nothing was changed.
    case refused(String)
    /// The database is busy, unreadable, read-only, full or damaged.
    case store(String)
    /// No such ticket, rep or customer.
    case notFound(String)
    /// A device or a system library failed.
    case failed(String)
    /// Any of the above with its text in kiosk-assets/texts.json, for the staff's screens in
    /// their language (the desk); `description` stays the English message.
    case said(StaffMessage)

    package var exitCode: ExitCode {
        switch self {
        case .refused: return .refused
        case .usage: return .usage
        case .store: return .database
        case .notFound: return .notFound
        case .failed: return .failed
        case let .said(message): return message.exit
        }
    }

    package var description: String {
        switch self {
        case let .usage(m), let .refused(m), let .store(m), let .notFound(m), let .failed(m): return m
        case let .said(message): return message.english
        }
    }

    /// The message in `language` (the desk's, or a staff screen's); nil: the English message.
    package func text(_ language: Texts.Language?) -> String {
        guard let language, case let .said(message) = self else { return description }
        return message.text(language)
    }

    /// Maps the errors of the lower layers to the user's words, once, at the edge.
    package static func from(_ error: any Error) -> LobbyError {
        switch error {
        case let error as LobbyError: return error
        case let error as RuleViolation where error.kind == .notFound:
            guard let key = error.key else { return .notFound(error.message) }
            return .said(StaffMessage(.notFound, "refusal." + key, error.values, english: error.message))
        case let error as RuleViolation:
            return .said(StaffMessage(
                .refused, error.key.map { "refusal." + $0 }, error.values, terms: error.terms, rule: error.rule,
                english: error.description, reason: error.message))
        case let error as SQLiteError where error.kind == .constraint:
            // A rule of the schema caught what the command's own checks did not (a race): nothing was written.
            return .refused(error.description)
        case let error as SQLiteError: return .store(error.description)
        case let error as StoreError where error.isRefusal: return .refused(error.description)
        case let error as StoreError: return .store(error.description)
        case let error as PinHashError: return .failed("pin: \(error)")
        case let error as VaultError: return .failed("personal data: \(error)")
        case let error as PrintError: return .failed("printer: \(error)")
        default: return .failed("\(error)")
        }
    }

    package static func invalid(_ field: String, _ why: String) -> LobbyError {
        .refused("\(field): \(why)")
    }
}
