/// The site settings the rules depend on. Defaults are rotation.md's; a site changes them in site.json.
public struct Settings: Sendable, Equatable, Codable {
    public enum BusinessAbsence: String, Sendable, Codable {
        /// A rep away on company business keeps their place when passed (R3).
        case keep
        /// They go to the tail on return unless a supervisor grants a make-up turn (R3, R6).
        case supervisor
    }

    public var businessAbsence: BusinessAbsence = .keep
    /// R11: a customer with no visit and no follow-up for this many days is a new visitor again.
    public var ownershipLapseDays: Int = 30
    /// R21: receptions called outside these local minutes of the day do not count.
    public var workingHoursStart: Int = 9 * 60
    public var workingHoursEnd: Int = 18 * 60
    /// The service time assumed before the site has history of its own.
    public var defaultServiceMinutes: Int = 40
    /// How fast old receptions stop counting in the learned service times: their weight halves
    /// every this many days.
    public var serviceHalfLifeDays: Double = 28
    /// A rep whose booked visitor (预约) is due within this many minutes is given no rotation
    /// visitors and keeps their place, as on company business (R3), so the appointment finds
    /// them free.
    public var bookingHoldMinutes: Int = 10
    /// A booking not kept this many minutes after its time is a booking no-show; the hold ends.
    public var bookingGraceMinutes: Int = 15

    public init() {}

    public func isWorkingTime(localMinute: Int) -> Bool {
        localMinute >= workingHoursStart && localMinute < workingHoursEnd
    }
}
