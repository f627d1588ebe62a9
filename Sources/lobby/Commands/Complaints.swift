import LobbyCore
import LobbyStore
import LobbyText
import LobbyPlatform
import LobbyServices

/// The complaints, open ones first to handle: what the manager's report counts, one by one.
struct Complaints: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "complaints", abstract: "List complaints: when opened and resolved, by whom, how long the handling took.",
        discussion: """
            Staff action. Every complaint, oldest first (--open: only those not resolved), with its \
            opening and resolution times and the minutes between; overdue marks an open one older \
            than 24 h. The text and the resolution note are shown to supervisors only (each one \
            about a known customer is written to the access log); others see null.
            """,
        options: [open, json])

    static let open = Option.flag("--open", help: "only the complaints not yet resolved")
    static let json = Option.flag("--json", help: """
        print {"complaints":[{"id","day","ticket","rep","openedAt","openedBy","resolvedAt","resolvedBy","open","overdue","handlingMinutes","text","resolution"}]}
        """)

    let openOnly: Bool
    let json: Bool

    init(_ arguments: Arguments) throws(LobbyError) {
        openOnly = arguments.flag(Self.open)
        json = arguments.flag(Self.json)
    }

    func staffAction(_ context: Context) -> StaffAction? { .complaint }

    func run(_ context: Context) throws {
        try context.require(self)
        let supervisor = try context.store.staff(context.actor)?.supervisor == true
        let complaints = try ComplaintService.list(openOnly: openOnly, texts: supervisor, context: context)
        let key = try context.dayKey()
        let now = context.now
        if json {
            Output.line(JSON.object([("complaints", .array(complaints.map { c in
                let minutes = ComplaintHandling.handlingMinutes(openedAt: c.openedAt, resolvedAt: c.resolvedAt)
                return .object([
                    ("id", .int(Int(c.id))), ("day", .string(c.day)), ("ticket", .string(c.ticket?.rawValue)),
                    ("rep", .string(c.rep?.rawValue)), ("openedAt", .string(context.iso8601(c.openedAt, key: key))),
                    ("openedBy", .string(c.openedBy)), ("resolvedAt", .string(c.resolvedAt.map { context.iso8601($0, key: key) })),
                    ("resolvedBy", .string(c.resolvedBy)), ("open", .bool(c.isOpen)),
                    ("overdue", .bool(ComplaintHandling.isOverdue(openedAt: c.openedAt, resolvedAt: c.resolvedAt, now: now))),
                    ("handlingMinutes", minutes.map { .int(Int($0)) } ?? .null),
                    ("text", .string(c.text)), ("resolution", .string(c.resolution)),
                ])
            }))]).text)
            return
        }
        guard !complaints.isEmpty else { return Output.line(openOnly ? "No open complaints." : "No complaints.") }
        for c in complaints {
            var line = "\(c.id)  \(context.iso8601(c.openedAt, key: key))  by \(c.openedBy)"
            if let ticket = c.ticket { line += "  ticket \(ticket)" }
            if let rep = c.rep { line += "  rep \(rep)" }
            if let resolved = c.resolvedAt {
                let minutes = ComplaintHandling.handlingMinutes(openedAt: c.openedAt, resolvedAt: resolved) ?? 0
                line += "  resolved \(context.iso8601(resolved, key: key)) by \(c.resolvedBy ?? "?") (\(minutes) min)"
            } else {
                line += ComplaintHandling.isOverdue(openedAt: c.openedAt, resolvedAt: nil, now: now)
                    ? "  OPEN, overdue (\((now - c.openedAt) / 3600) h)" : "  open"
            }
            Output.line(line)
            if let text = c.text { Output.line("    " + TerminalText.escaped(text)) }
            if let resolution = c.resolution { Output.line("    → " + TerminalText.escaped(resolution)) }
        }
    }
}
