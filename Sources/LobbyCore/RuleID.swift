/// A rule of rotation.md, by its id. It prints as the id, so refusals and reports cite a rule
/// exactly as the specification names it, and a mistyped id cannot be written as a value.
public struct RuleID: RawRepresentable, Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    /// For tests and tables that cite an id as written; the code names the constants below.
    public init(stringLiteral value: String) { rawValue = value }

    public var description: String { rawValue }

    public static let r1: RuleID = "R1"
    public static let r2: RuleID = "R2"
    public static let r3: RuleID = "R3"
    public static let r4: RuleID = "R4"
    public static let r5: RuleID = "R5"
    public static let r6: RuleID = "R6"
    public static let r7: RuleID = "R7"
    public static let r8: RuleID = "R8"
    public static let r9: RuleID = "R9"
    public static let r10: RuleID = "R10"
    public static let r11: RuleID = "R11"
    public static let r12: RuleID = "R12"
    public static let r13: RuleID = "R13"
    public static let r14: RuleID = "R14"
    public static let r15: RuleID = "R15"
    public static let r16: RuleID = "R16"
    public static let r17: RuleID = "R17"
    public static let r18: RuleID = "R18"
    public static let r19: RuleID = "R19"
    public static let r20: RuleID = "R20"
    public static let r21: RuleID = "R21"
    public static let r22: RuleID = "R22"
    public static let r23: RuleID = "R23"
    public static let r24: RuleID = "R24"
    public static let r25: RuleID = "R25"
    public static let r26: RuleID = "R26"
    public static let r27: RuleID = "R27"
}

/// What staff do with the one-shot commands or at the desk, as far as the rules care who does it.
public enum StaffAction: Sendable, Equatable {
    case call, finish, noshow, away, back, assist, transfer, claim, group, followup
    case roster, makeup, eventMode
    case pauseCheckin, resumeCheckin
    /// Recording a complaint and reading the list is any staff member's; resolving one is a supervisor's.
    case complaint, resolveComplaint
    /// Making, moving and cancelling an appointment (预约) is any staff member's.
    case book
    /// The staff list and the site: deactivating, renaming, roles, settings, undo, restore.
    case manageStaff, applySettings, undo, restore
    /// The customer's rights (PIPL): exporting, erasing and purging a person's data and reading
    /// the access log are a supervisor's, who answers for them.
    case privacy
    /// Adding staff; the first supervisor may be added by anyone.
    case addStaff(supervisorExists: Bool)
    /// Changing a PIN: one's own with the current PIN, anyone else's by a supervisor.
    case setPin(own: Bool)

    /// R6: the order of the rotation, event mode and the kiosk's opening are a supervisor's to
    /// change, and so is the staff list once there is a supervisor.
    public var needsSupervisor: Bool {
        switch self {
        case .roster, .makeup, .eventMode, .pauseCheckin, .resumeCheckin: return true
        case .resolveComplaint: return true
        case .complaint, .book: return false
        case .manageStaff, .applySettings, .undo, .restore, .privacy: return true
        case let .addStaff(supervisorExists): return supervisorExists
        case let .setPin(own): return !own
        case .call, .finish, .noshow, .away, .back, .assist, .transfer, .claim, .group, .followup: return false
        }
    }

    /// The rule a refusal for a missing supervisor cites.
    public static let supervisorRule = RuleID.r6
}
