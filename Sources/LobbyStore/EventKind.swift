/// The kinds of event the rules read, as stored in `events.kind`.
public enum EventKind: String, Sendable, CaseIterable {
    case roster, checkin, call, finish, noshow, away, back, assist, transfer, claim, makeup
    case eventMode = "event"
    case group
    /// A rep's new name from here on (the events before keep the old one).
    case rename
    /// Takes back the day's last staff action that is not taken back yet.
    case undo
    /// The business day ended (written by the next day's first write).
    case closeDay = "close"
}

/// Records the rules do not read (staff changes, follow-ups, kiosk pauses). Stored with the
/// `note:` prefix, their own namespace, so a note can never be taken for a rule event.
public enum NoteKind: String, Sendable, CaseIterable {
    case repAdd = "rep-add"
    case repPin = "rep-pin"
    case kioskPause = "kiosk-pause"
    case kioskResume = "kiosk-resume"
    case followup
    case siteInit = "site-init"
    case siteApply = "site-apply"
    case repDeactivate = "rep-deactivate"
    case repReactivate = "rep-reactivate"
    case repRole = "rep-role"
    /// A rename of a member who is not on today's table (one who is: the rule event `rename`).
    case repRename = "rep-rename"
    case restore

    static let prefix = "note:"

    public var stored: String { Self.prefix + rawValue }
}

/// What a stored `kind` is: a rule event or a note; anything else is a damaged row.
enum StoredKind: Equatable {
    case rule(EventKind)
    case note(NoteKind)

    init?(stored: String) {
        if stored.hasPrefix(NoteKind.prefix) {
            guard let note = NoteKind(rawValue: String(stored.dropFirst(NoteKind.prefix.count))) else { return nil }
            self = .note(note)
        } else {
            guard let kind = EventKind(rawValue: stored) else { return nil }
            self = .rule(kind)
        }
    }
}
