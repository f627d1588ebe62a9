import LobbyCore
import LobbyText
import LobbyServices

extension Desk {
    /// The open complaints older than 24 h (ComplaintHandling), by id and age, never their text;
    /// nil when there are none.
    static func overdueComplaints(_ session: Context, words: StaffWords) throws -> String? {
        let overdue = try ComplaintService.overdue(context: session)
        guard !overdue.isEmpty else { return nil }
        let key = try session.dayKey()
        let list = overdue.map { complaint in
            words.text("deskComplaintItem", [
                "id": String(complaint.id),
                "opened": String(session.iso8601(complaint.openedAt, key: key).prefix(16)).replacingT(),
                "hours": String((session.now - complaint.openedAt) / 3600),
            ])
        }
        return words.text("deskComplaintsOverdue", ["n": String(overdue.count), "list": list.joined(separator: words.language == .zh ? "，" : ", ")])
    }
}

extension Desk {
    /// Today's bookings by time, rep and code (never who booked), as status shows them; nil when none.
    static func todaysBookings(_ session: Context, words: StaffWords) throws -> String? {
        let (key, day) = try session.today()
        let store = try session.store
        let settings = try session.site.rules
        let bookings = try store.read { try BookingService.today(store, key: key, context: session) }
        return StatusText.bookingsLine(
            bookings.map { TodaysBooking($0, day: day, now: session.now, settings: settings, key: key, context: session) }, words: words)
    }
}

extension String {
    /// "2026-11-23T10:05" → "2026-11-23 10:05".
    fileprivate func replacingT() -> String {
        String(map { $0 == "T" ? " " : $0 })
    }
}
