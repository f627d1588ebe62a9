import LobbyCore
import LobbyStore
import LobbyText
import LobbyPlatform

/// Appointments (预约): made by staff for a consenting visitor, kept by the visitor's check-in
/// (by phone, by the code typed or its QR scanned), moved, cancelled, or a no-show once their
/// grace runs out. The rules of holds and no-shows are the core's (`BookingRules`).
package enum BookingService {
    /// The first field of a booking's QR text: not a ticket's (`TicketCodes.scheme`), so a scanner
    /// at the kiosk or the desk tells them apart.
    package static let qrScheme = "LOBBYB1"
    /// How many digits a booking code has: easy to type at the kiosk, never a ticket number
    /// (those start with the site's letters), a menu choice or a phone number.
    package static let codeLength = 6
    /// How long a booking's note may be, in characters.
    package static let noteLimit = 500

    package static func qrText(site: Site, code: String) -> String {
        [qrScheme, site.siteId, code].joined(separator: "|")
    }

    /// Whether `text` is a booking code as typed (six digits, full-width too) or a booking's QR text.
    package static func looksLikeCode(_ text: String) -> Bool {
        let trimmed = text.trimmingSpaces
        if trimmed.hasPrefix(qrScheme + "|") { return true }
        let squeezed = CheckinService.Check.squeezed(trimmed)
        return squeezed.count == codeLength && squeezed.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// The booking code `text` names: six digits, or a QR text of this site. Anything else, or
    /// another site's QR, is refused as not found (exit 4): never guessed.
    package static func code(_ text: String, site: Site) throws -> String {
        let trimmed = text.trimmingSpaces
        if trimmed.hasPrefix(qrScheme + "|") {
            let fields = trimmed.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3, fields[1] == site.siteId, looksLikeCode(fields[2]) else {
                throw LobbyError.notFound("refusal.bookingOtherSite", [:], "booking: this QR code is not a booking of this site")
            }
            return fields[2]
        }
        let squeezed = CheckinService.Check.squeezed(trimmed)
        guard looksLikeCode(squeezed) else {
            throw LobbyError.notFound("refusal.noBookingLike", ["code": TerminalText.value(trimmed)],
                                      "booking: '\(TerminalText.value(trimmed))' is not a booking code (six digits, like 482913)")
        }
        return squeezed
    }

    /// An appointment as staff ask for it, before validation.
    package struct Request {
        package var phone: String
        package var name: String
        package var rep: RepName
        /// An ISO 8601 time, with an offset or in the site's zone (`Time.parse`).
        package var at: String
        package var party = 1
        package var note: String?

        package init(phone: String, name: String, rep: RepName, at: String, party: Int = 1, note: String?) {
            self.phone = phone
            self.name = name
            self.rep = rep
            self.at = at
            self.party = party
            self.note = note
        }
    }

    /// Makes a booking for a consenting visitor: their name and phone go to their customers row
    /// (found by the phone's keyed hash, sealed), the note is sealed with the booking. Refused
    /// (exit 1) for a time already past, a bad phone or name, a receptionist; exit 4 for a rep
    /// not on the staff list.
    package static func book(_ request: Request, context: Context) throws -> StoredBooking {
        let site = try context.site
        let phone = try CheckinService.Check.phone(request.phone, pattern: site.phonePattern).mapError(\.error).get()
        let name = try CheckinService.Check.text("name", request.name, limit: Limits.name).mapError(\.error).get()
        guard !name.isEmpty else { throw LobbyError.invalid("name", "is empty") }
        let note = try request.note.map { try CheckinService.Check.text("note", $0, limit: noteLimit).mapError(\.error).get() }
            .flatMap { $0.isEmpty ? nil : $0 }
        guard CheckinService.Check.partySizes.contains(request.party) else { throw LobbyError.invalid("party", "must be 1–30") }
        try context.requireRep(request.rep)
        let at = try time(request.at, field: "at", context: context)
        let key = try context.dayKey()
        let now = context.now
        return try context.write(key) { store in
            try markNoshows(store, context: context)
            // A booking is a contact with the customer, as a follow-up is: it keeps them (R11)
            // and what they consented to, and a different name waits for staff as at check-in.
            let customer = try store.touchCustomer(phone: phone, name: name, at: now)
            var code = newCode()
            while try store.booking(code: code) != nil { code = newCode() }
            try store.addBooking(code: code, customer: customer.id, rep: request.rep, at: at, party: request.party,
                                 note: note, madeAt: now, by: context.actor)
            guard let booking = try store.booking(code: code) else { throw LobbyError.store("booking: \(code) vanished while being made") }
            return booking
        }
    }

    /// Cancels an open booking; exit 4 for an unknown code, 1 for one that is not open.
    package static func cancel(_ given: String, context: Context) throws -> StoredBooking {
        let code = try code(given, site: try context.site)
        let key = try context.dayKey()
        return try context.write(key) { store in
            try markNoshows(store, context: context)
            let booking = try openBooking(code, store: store, context: context)
            try store.cancelBooking(code: booking.code, at: context.now, by: context.actor)
            return try reread(code, store: store)
        }
    }

    /// Moves an open booking to another time (not one already past).
    package static func move(_ given: String, to text: String, context: Context) throws -> (before: StoredBooking, after: StoredBooking) {
        let code = try code(given, site: try context.site)
        let at = try time(text, field: "at", context: context)
        let key = try context.dayKey()
        return try context.write(key) { store in
            try markNoshows(store, context: context)
            let booking = try openBooking(code, store: store, context: context)
            try store.moveBooking(code: code, to: at, at: context.now, by: context.actor)
            return (booking, try reread(code, store: store))
        }
    }

    private static func openBooking(_ code: String, store: Store, context: Context) throws -> StoredBooking {
        guard let booking = try store.booking(code: code) else {
            throw LobbyError.notFound("refusal.noBooking", ["code": code], "booking: no booking \(code)")
        }
        guard booking.status == .open else {
            throw notOpen(code, booking.status)
        }
        return booking
    }

    private static func notOpen(_ code: String, _ status: BookingStatus) -> LobbyError {
        .said(StaffMessage(.refused, "refusal.bookingNotOpen", ["code": code], terms: ["status": "booking." + status.rawValue],
                           english: "booking: \(code) is \(status.rawValue), not open"))
    }

    private static func reread(_ code: String, store: Store) throws -> StoredBooking {
        guard let booking = try store.booking(code: code) else { throw LobbyError.store("booking: \(code) vanished while being changed") }
        return booking
    }

    /// A time as staff type it: ISO 8601 with an offset, or without one in the site's zone
    /// ("2026-11-24T14:00"). Refused (exit 1) when it is not after now.
    package static func time(_ text: String, field: String, context: Context) throws -> Instant {
        guard let parsed = Time.parse(text) else {
            throw LobbyError.usage("\(field): '\(TerminalText.value(text))' is not a time like 2026-11-24T14:00 or 2026-11-24T14:00+08:00")
        }
        let instant: Instant
        switch parsed {
        case let .instant(value): instant = value
        case let .local(civil):
            // The zone's offset at that time (a guess in UTC first, then the offset found there).
            let guess = CivilTime(year: civil.year, month: civil.month, day: civil.day, hour: civil.hour, minute: civil.minute).instant
            var local = civil
            local.offset = try context.dayKey(at: guess).utcOffset
            instant = local.instant
        }
        guard instant > context.now else {
            throw LobbyError.refused("refusal.bookingPast", ["field": field],
                                     "\(field): \(TerminalText.value(text)) is not in the future (a booking is made for a time to come)")
        }
        return instant
    }

    /// Times as the option parser and the service read them.
    package enum Time {
        case instant(Instant)
        /// A local time without an offset, in the site's zone.
        case local(CivilTime)

        package static func parse(_ text: String) -> Time? {
            if let civil = CivilTime.parse(text) { return .instant(civil.instant) }
            // Without an offset: read as if UTC, then placed in the site's zone by the caller.
            if let civil = CivilTime.parse(text + "Z"), !text.hasSuffix("Z") { return .local(civil) }
            return nil
        }
    }

    private static func newCode() -> String {
        var generator = SystemRandomNumberGenerator()
        return String(Int.random(in: 100_000...999_999, using: &generator))
    }

    /// Writes down the bookings whose grace ran out as no-shows. Call inside `write`.
    package static func markNoshows(_ store: Store, context: Context) throws {
        let settings = try context.site.rules
        try store.markBookingNoshows(graceSeconds: Int64(settings.bookingGraceMinutes) * 60, now: context.now)
    }

    /// Who is held for a booked visitor now (`BookingRules.holds`): bookings due within the hold
    /// and those kept today whose visitor still waits. Call inside `read` or `write`.
    package static func holds(_ store: Store, day: Day, key: DayKey, now: Instant, settings: Settings) throws -> [BookingHold] {
        let grace = Int64(settings.bookingGraceMinutes) * 60
        let ahead = Int64(settings.bookingHoldMinutes) * 60
        let due = try store.bookings(at: now - grace, before: now + ahead + 1)
        let kept = try store.bookingsKept(day: key.date)
        return BookingRules.holds((due + kept).map(\.slot), day: day, at: now, settings: settings)
    }

    /// The start of business day `date` and of the next, in the site's zone.
    package static func bounds(_ date: String, context: Context) throws -> (start: Instant, end: Instant) {
        guard let (y, m, d) = CivilTime.parseDate(date) else { throw LobbyError.usage("date: '\(date)' is not a date like 2026-11-24") }
        let noon = CivilTime(year: y, month: m, day: d, hour: 12).instant
        let start = CivilTime(year: y, month: m, day: d, offset: try context.dayKey(at: noon).utcOffset).instant
        let next = CivilTime(start + 36 * 3600, offset: try context.dayKey(at: start + 36 * 3600).utcOffset)
        let end = CivilTime(year: next.year, month: next.month, day: next.day, offset: next.offset).instant
        return (start, end)
    }

    /// Today's bookings, without anyone's details (status, the desk): code, time, rep, status.
    package static func today(_ store: Store, key: DayKey, context: Context) throws -> [StoredBooking] {
        let (start, end) = try bounds(key.date, context: context)
        return try store.bookings(at: start, before: end)
    }

    /// The booking a visitor checking in today keeps: the one named (code or QR), else with a
    /// consenting phone the customer's first booking of today still open. Call inside `write`.
    package static func forCheckin(code: String?, customer: StoredCustomer?, store: Store, key: DayKey, context: Context) throws -> StoredBooking? {
        let settings = try context.site.rules
        let now = context.now
        let (start, end) = try bounds(key.date, context: context)
        if let code {
            guard let booking = try store.booking(code: code) else {
                throw LobbyError.notFound("refusal.noBooking", ["code": code], "booking: no booking \(code)")
            }
            let status = BookingRules.status(of: booking.slot, at: now, settings: settings)
            guard status == .open else {
                throw notOpen(code, status)
            }
            guard booking.at >= start, booking.at < end else {
                let date = CivilTime(booking.at, offset: try context.dayKey(at: booking.at).utcOffset).date
                throw LobbyError.refused("refusal.bookingOtherDay", ["code": code, "date": date],
                                         "booking: \(code) is for \(date), not today")
            }
            return booking
        }
        guard let customer else { return nil }
        return try store.openBookings(customer: customer.id).first { booking in
            booking.at >= start && booking.at < end && BookingRules.canKeep(booking.slot, at: now, settings: settings)
        }
    }

    /// One booking as staff see it in a list: the visitor's details only for those who may see them.
    package struct Line {
        package let booking: StoredBooking
        /// The effective status (`BookingRules.status`): an open booking past its grace is a no-show.
        package let status: BookingStatus
        package let name: String?
        package let phone: String?
        package let note: String?
        /// Whether the details were this viewer's to see (and so were shown and logged).
        package let shown: Bool
    }

    /// The bookings from `start` (inclusive) to `end`, for one rep or all. The details are opened
    /// for a supervisor, the front desk and the booked rep, each opened booking written to the
    /// access log in the same transaction as the read.
    package static func list(from start: Instant, before end: Instant, rep: RepName?, context: Context) throws -> [Line] {
        let settings = try context.site.rules
        let now = context.now
        return try context.write(try context.dayKey()) { store in
            try markNoshows(store, context: context)
            let viewer = try CustomerViews.viewer(context.actor, store: store)
            var lines: [Line] = []
            for booking in try store.bookings(at: start, before: end) where rep == nil || booking.rep == rep {
                let status = BookingRules.status(of: booking.slot, at: now, settings: settings)
                let may = viewer.map { CustomerAccess.mayViewBooking($0, bookedRep: booking.rep) } ?? false
                guard may, let customer = booking.customer, let details = try store.customerDetails(id: customer) else {
                    lines.append(Line(booking: booking, status: status, name: nil, phone: nil, note: nil, shown: false))
                    continue
                }
                try store.recordAccess(actor: context.actor, action: .view, customer: customer, what: "booking \(booking.code)", at: now)
                lines.append(Line(booking: booking, status: status, name: details.name, phone: details.phone,
                                  note: try store.bookingNote(code: booking.code), shown: true))
            }
            return lines
        }
    }
}
