/// The words of rotation.md, as types. Raw values are the spellings of interface.md.

/// A word of the record that is a string and must not be mixed with another kind of word: the
/// shared part of `RepName` and `TicketID`, each its own type.
public protocol NamingWord: RawRepresentable, Hashable, Comparable, Sendable, Codable,
    ExpressibleByStringInterpolation, CustomStringConvertible where RawValue == String
{
    init(rawValue: String)
}

extension NamingWord {
    public init(_ rawValue: String) { self.init(rawValue: rawValue) }
    public init(stringLiteral value: String) { self.init(rawValue: value) }
    public var description: String { rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// A rep's name as the roster spells it. A type of its own, so that a rep cannot be passed
/// where a ticket is meant.
public struct RepName: NamingWord {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// A ticket's number as issued (`A007`).
public struct TicketID: NamingWord {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// Seconds since 1970-01-01T00:00:00Z. The core never reads a clock: every event carries one.
/// Instants subtract to a duration in seconds and move by one; they do not add to each other.
public struct Instant: RawRepresentable, Hashable, Comparable, Sendable, Codable,
    CustomStringConvertible
{
    public let rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }
    public init(_ seconds: Int64) { rawValue = seconds }
    /// Seconds since the epoch.
    public var seconds: Int64 { rawValue }
    public var description: String { String(rawValue) }
    public static func < (a: Instant, b: Instant) -> Bool { a.rawValue < b.rawValue }
    public static func - (a: Instant, b: Instant) -> Int64 { a.rawValue - b.rawValue }
    public static func + (a: Instant, seconds: Int64) -> Instant { Instant(a.rawValue + seconds) }
    public static func - (a: Instant, seconds: Int64) -> Instant { Instant(a.rawValue - seconds) }
    public static func += (a: inout Instant, seconds: Int64) { a = a + seconds }
}

public enum RepState: String, Sendable, Codable, CaseIterable {
    case ready
    case serving
    case servingNamed = "serving-named"
    case servingOther = "serving-other"
    case assisting
    case awayBusiness = "away-business"
    case awayPersonal = "away-personal"
    case off

    /// Every state but `serving` and `off` holds a place in the rotation (rotation.md, "Rep states").
    public var holdsPlace: Bool { self != .serving && self != .off }

    public var isAway: Bool { self == .awayBusiness || self == .awayPersonal }

    /// Busy with a visitor: R19 forbids giving such a rep another one.
    public var isBusy: Bool {
        switch self {
        case .serving, .servingNamed, .servingOther, .assisting: return true
        default: return false
        }
    }
}

/// What a ticket is, decided at check-in (see `Routing`).
public enum Category: String, Sendable, Codable, CaseIterable {
    case new, named, returning, other
}

public enum Purpose: String, Sendable, Codable, CaseIterable {
    case buy, rent, other
}

public enum AwayReason: String, Sendable, Codable, CaseIterable {
    case business, personal

    var state: RepState { self == .business ? .awayBusiness : .awayPersonal }
}

/// How a rep came to serve a ticket. The first five are interface.md's `kind`.
public enum ReceptionKind: String, Sendable, Codable, CaseIterable {
    case rotation      // R1: the rep who was up
    case named         // R9: the visitor named the rep
    case returning     // R11: the customer's own rep
    case cover         // R9/R10: the rep who was up, standing in for a named rep
    case other         // R15: a non-sales visitor, received by the tail rep
    case assigned      // R7: event mode, assigned by the console
    case claimed       // R13: recognized at the door
    case transferred   // R14: taken over at the customer's request
    case assist        // R12: helping another rep's reception

    /// The rep's state while serving this kind of reception.
    var servingState: RepState {
        switch self {
        case .rotation, .assigned: return .serving
        case .named, .returning, .claimed, .transferred: return .servingNamed
        case .other: return .servingOther
        case .cover, .assist: return .assisting
        }
    }
}

/// A refusal by the rules (exit 1) or a reference to something that does not exist (exit 4).
public struct RuleViolation: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable { case refused, notFound }

    public let kind: Kind
    /// The rule id from rotation.md that forbids the action, when one does.
    public let rule: RuleID?
    public let message: String
    /// The refusal's text in kiosk-assets/texts.json (`refusal.KEY`), for staff screens in any
    /// language, with its values; `terms` are values that are themselves keys of texts.json (a
    /// state, a ticket's status) and are shown in the screen's language. Nil: `message` only.
    public var key: String? = nil
    public var values: [String: String] = [:]
    public var terms: [String: String] = [:]

    public static func refused(_ rule: RuleID?, _ message: String) -> RuleViolation {
        RuleViolation(kind: .refused, rule: rule, message: message)
    }

    /// A refusal that staff screens can say in their own language: `key` names its text.
    public static func refused(
        _ rule: RuleID?, _ key: String, _ values: [String: String], terms: [String: String] = [:], _ message: String
    ) -> RuleViolation {
        RuleViolation(kind: .refused, rule: rule, message: message, key: key, values: values, terms: terms)
    }

    public static func notFound(_ message: String) -> RuleViolation {
        RuleViolation(kind: .notFound, rule: nil, message: message)
    }

    /// Something that does not exist, with its text for staff screens (`refusal.KEY`).
    public static func notFound(_ key: String, _ values: [String: String], _ message: String) -> RuleViolation {
        RuleViolation(kind: .notFound, rule: nil, message: message, key: key, values: values)
    }

    public var description: String {
        rule.map { "refused (\($0)): \(message)" } ?? message
    }
}
