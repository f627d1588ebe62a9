import LobbyCore

/// The retention promised when visitors consent. An explicit call, with its setting, made by
/// the caller on the first write of each business day (`ensureDay` returns true then).
extension Store {
    /// Forgets what identifies visitors whose last visit or follow-up is more than
    /// `retentionSeconds` before the start of `day`, through the one erasure path
    /// (`forgetPersonalData`, Erasure.swift). Their tickets and receptions stay, anonymous; the
    /// events never held more than a random person id, so the chain stands.
    @discardableResult
    public func forgetVisitors(retentionSeconds: Int64, asOf day: DayKey) throws -> Erased {
        guard let (y, m, d) = CivilTime.parseDate(day.date) else {
            throw StoreError.damaged(table: "days", row: "day \(day.date)", what: "not a date")
        }
        let midnight = CivilTime(year: y, month: m, day: d, offset: day.utcOffset).instant
        return try forgetPersonalData(olderThan: midnight - retentionSeconds)
    }
}
