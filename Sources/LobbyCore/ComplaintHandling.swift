/// Complaints (投诉处理时效): how long one may stay open before the desk is reminded of it.
public enum ComplaintHandling {
    /// An open complaint older than this is overdue: the desk shows it.
    public static let overdueSeconds: Int64 = 24 * 3600

    public static func isOverdue(openedAt: Instant, resolvedAt: Instant?, now: Instant) -> Bool {
        resolvedAt == nil && now - openedAt > overdueSeconds
    }

    /// Minutes from opening to resolution; nil while open.
    public static func handlingMinutes(openedAt: Instant, resolvedAt: Instant?) -> Int64? {
        resolvedAt.map { ($0 - openedAt) / 60 }
    }
}
