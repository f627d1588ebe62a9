import LobbyCore
import LobbyStore
import LobbyText

/// The customer's rights (PIPL): a copy of everything kept about them, its erasure on request
/// or when their retention runs out, and the log of who saw, exported or erased what. Each
/// export and erasure is written to the access log in the transaction that read or changed the
/// data; the erasure itself is the store's one path (`Store.forgetCustomer`, Erasure.swift),
/// which retention shares.
package enum PrivacyService {
    /// The name the access log gives the retention that runs on the first write of each day.
    package static let retentionActor = "retention"

    /// How long the reason for an erasure may be, in characters.
    package static let whyLimit = 500

    /// A phone as staff type it, checked as the kiosk checks it (exit 1 naming the field).
    package static func phone(_ text: String, context: Context) throws -> String {
        try CheckinService.Check.phone(text, pattern: try context.site.phonePattern).mapError(\.error).get()
    }

    /// The reason for an erasure, as kept: refused when empty, too long or with control characters.
    package static func why(_ given: String) throws -> String {
        let text = try CheckinService.Check.text("why", given, limit: whyLimit).mapError(\.error).get()
        guard !text.isEmpty else { throw LobbyError.invalid("why", "is empty: say why the data is erased (the customer's request, …)") }
        return text
    }

    /// The customer with `phone`; exit 4 (without repeating the number) when there is none.
    private static func customer(_ phone: String, store: Store, command: String) throws -> StoredCustomer {
        guard let found = try store.customer(phone: phone) else {
            throw LobbyError.notFound("privacy.noCustomer", ["command": command],
                                      "privacy \(command): no customer has that phone number; nothing is kept about it")
        }
        return found
    }

    /// Everything stored about the customer with `phone`, as one JSON object: their rows, and
    /// the free texts elsewhere that mention them. The export is
    /// recorded first, in the same transaction, so the copy lists it among the access-log entries.
    package static func export(phone: String, context: Context) throws -> JSON {
        let key = try context.dayKey()
        let settings = try context.site.rules
        let now = context.now
        return try context.write(key) { store in
            let id = try customer(phone, store: store, command: "export").id
            guard let file = try CustomerFile.read(customer: id, store: store, settings: settings, now: now) else {
                throw LobbyError.store("privacy export: customer \(id) vanished while being read")
            }
            try store.recordAccess(actor: context.actor, action: .export, customer: id, what: "customer \(id)", at: now)
            return exportJSON(
                file, record: file.details.customer.record, changes: try store.pendingChanges(customer: id),
                bookings: try store.storedBookings(customer: id), feedback: try store.storedFeedback(customer: id),
                complaints: try store.storedComplaints(customer: id),
                mentions: try store.mentions(of: [phone] + (file.details.name.map { [$0] } ?? [])), log: try store.accessLog(customer: id),
                exported: (now, context.actor), offset: key.utcOffset)
        }
    }

    /// What an erasure on request did.
    package struct Erasure: Sendable {
        package let customer: Int64
        package let erased: Erased
    }

    /// Erases the customer with `phone` everywhere: their own rows through the one erasure path,
    /// then the free texts linked to no one (or to someone else) that name their phone or name.
    package static func erase(phone: String, why: String, context: Context) throws -> Erasure {
        let key = try context.dayKey()
        return try context.write(key) { store in
            let id = try customer(phone, store: store, command: "erase").id
            let name = try store.customerDetails(id: id)?.name
            var erased = try store.forgetCustomer(id)
            erased += try store.forgetMentions(of: [phone] + (name.map { [$0] } ?? []))
            try store.recordAccess(actor: context.actor, action: .erase, customer: id, what: "customer \(id): " + erased.summary,
                                   why: why, at: context.now)
            return Erasure(customer: id, erased: erased)
        }
    }

    /// What `privacy purge` did: everything older than `cutoff` erased.
    package struct Purge: Sendable {
        package let days: Int
        package let cutoff: Instant
        package let erased: Erased
    }

    /// Erases the personal data older than `consentRetentionDays` now, through the path the
    /// daily retention takes (which counts from the day's start; this, from this moment).
    package static func purge(context: Context) throws -> Purge {
        let store = try context.store
        let days = try context.site.retentionDays
        let cutoff = context.now - Int64(days) * 86_400
        let key = try context.dayKey()
        return try store.write {
            let erased = try store.forgetPersonalData(olderThan: cutoff)
            try store.recordAccess(actor: context.actor, action: .purge, customer: nil, what: erased.summary,
                                   why: "consentRetentionDays \(days): older than \(context.iso8601(cutoff, key: key))", at: context.now)
            return Purge(days: days, cutoff: cutoff, erased: erased)
        }
    }

    /// The access log, in the order it was written.
    package static func log(context: Context) throws -> [AccessEntry] {
        let store = try context.store
        return try store.read { try store.accessLog() }
    }

    /// One access-log entry as `privacy log --json` and the export print it.
    package static func json(_ entry: AccessEntry, offset: Int) -> JSON {
        .object([
            ("id", .int(Int(entry.id))), ("at", .string(CivilTime(entry.at, offset: offset).iso8601)),
            ("actor", .string(entry.actor)), ("action", .string(entry.action.rawValue)),
            ("customer", entry.customer.map { .int(Int($0)) } ?? .null), ("what", .string(entry.what)), ("why", .string(entry.why)),
        ])
    }

    // The export's fields: every column kept about the person, by table.
    static func exportJSON(
        _ file: CustomerFile, record: CustomerRecord, changes: [PendingChange], bookings: [ExportedBooking],
        feedback: [StoredFeedback], complaints: [StoredComplaint], mentions: [Mention], log: [AccessEntry], exported: (at: Instant, by: String), offset: Int
    ) -> JSON {
        func iso(_ instant: Instant) -> JSON { .string(CivilTime(instant, offset: offset).iso8601) }
        func iso(_ instant: Instant?) -> JSON { instant.map { iso($0) } ?? .null }
        return .object([
            ("exportedAt", iso(exported.at)), ("exportedBy", .string(exported.by)),
            ("customer", .int(Int(file.id))), ("name", .string(file.details.name)), ("phone", .string(file.details.phone)),
            ("owner", .string(record.owner)), ("ownershipLapses", .string(file.ownedUntil.map { CivilTime($0, offset: offset).date })),
            ("lastActivity", iso(record.lastActivity)), ("returnedUnit", .bool(record.returnedUnit)),
            ("visits", .array(file.visits.map { visit in
                .object([
                    ("date", .string(visit.day)), ("ticket", .string(visit.id)), ("issuedAt", iso(visit.issuedAt)),
                    ("category", .string(visit.category.rawValue)), ("purpose", .string(visit.purpose.rawValue)),
                    ("party", .int(visit.party)), ("name", .string(visit.name)), ("project", .string(visit.project)),
                    ("budget", .string(visit.budget)), ("source", .string(visit.source)), ("firstVisit", .string(visit.firstVisit)),
                    ("rep", .string(visit.rep)),
                ])
            })),
            ("receptions", .array(file.receptions.map { reception in
                .object([("date", .string(reception.day)), ("ticket", .string(reception.ticket)), ("rep", .string(reception.rep)),
                         ("kind", .string(reception.kind.rawValue)), ("counted", .bool(reception.counted)), ("at", iso(reception.calledAt))])
            })),
            ("followups", .array(file.followUps.map { followUp in
                .object([("at", iso(followUp.at)), ("rep", .string(followUp.rep)), ("note", .string(followUp.note)),
                         ("by", .string(followUp.actor))])
            })),
            ("changes", .array(changes.map { change in
                .object([("id", .int(Int(change.id))), ("field", .string(change.field)), ("value", .string(change.value)), ("at", iso(change.at))])
            })),
            ("bookings", .array(bookings.map { booking in
                .object([
                    ("code", .string(booking.code)), ("at", iso(booking.at)), ("rep", .string(booking.rep)), ("party", .int(booking.party)),
                    ("note", .string(booking.note)), ("status", .string(booking.status)), ("day", .string(booking.day)),
                    ("ticket", .string(booking.ticket)), ("madeAt", iso(booking.madeAt)), ("madeBy", .string(booking.madeBy)),
                    ("changedAt", iso(booking.changedAt)), ("changedBy", .string(booking.changedBy)),
                ])
            })),
            ("feedback", .array(feedback.map { answer in
                .object([("date", .string(answer.day)), ("ticket", .string(answer.ticket)), ("rep", .string(answer.rep)),
                         ("score", .int(answer.score)), ("comment", .string(answer.comment)), ("at", iso(answer.at))])
            })),
            ("complaints", .array(complaints.map { complaint in
                .object([
                    ("id", .int(Int(complaint.id))), ("day", .string(complaint.day)), ("ticket", .string(complaint.ticket)),
                    ("rep", .string(complaint.rep)), ("text", .string(complaint.text)), ("openedAt", iso(complaint.openedAt)),
                    ("openedBy", .string(complaint.openedBy)), ("resolvedAt", iso(complaint.resolvedAt)),
                    ("resolvedBy", .string(complaint.resolvedBy)), ("resolution", .string(complaint.resolution)),
                ])
            })),
            // Free texts anywhere that name their phone or name, their own rows' included: what
            // an erasure also takes away.
            ("mentions", .array(mentions.map { mention in
                .object([("table", .string(mention.table)), ("row", .string(mention.key)), ("column", .string(mention.column)),
                         ("text", .string(mention.text))])
            })),
            ("accessLog", .array(log.map { json($0, offset: offset) })),
        ])
    }
}
