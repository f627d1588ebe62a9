import LobbyCore
import LobbyStore
import LobbyText
import LobbyPlatform
import LobbyPrinting
import LobbyServices

/// What the wait estimate knows of each rep: the service times learned from finished receptions.
struct ServiceTimes: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "service-times", abstract: "The service times the wait estimate has learned, per rep.",
        discussion: """
            Learned from every finished reception, recent weeks weighing more (site.json \
            serviceHalfLifeDays); a rep with little history is drawn toward the site as a whole, and \
            a new site starts from defaultServiceMinutes.
            """,
        options: [rebuild, json])

    static let rebuild = Option.flag("--rebuild", help: "recompute them from the recorded events of every day")
    static let json = Option.flag("--json", help: "print them as JSON")

    let rebuild: Bool
    let json: Bool

    init(_ arguments: Arguments) throws(LobbyError) {
        rebuild = arguments.flag(Self.rebuild)
        json = arguments.flag(Self.json)
    }

    func run(_ context: Context) throws {
        let store = try context.store
        let site = try context.site
        if rebuild { try store.rebuildServiceHistory(settings: site.rules) }
        let history = try store.read { try store.serviceHistory() }
        let now = context.now
        let halfLife = site.rules.serviceHalfLifeDays
        let model = history.model(at: now, halfLifeDays: halfLife, prior: site.servicePrior)
        var weights: [RepName: Double] = [:]
        for (key, cell) in history.cells { weights[key.rep, default: 0] += cell.decayed(to: now, halfLifeDays: halfLife).weight }
        let rows: [(rep: RepName?, times: LogNormal, weight: Double)] =
            [(nil, model.distribution(rep: nil, category: .new), weights.values.reduce(0, +))]
            + weights.keys.sorted().map { ($0, model.distribution(rep: $0, category: .new), weights[$0] ?? 0) }
        if json {
            Output.line(JSON.object([("receptions", .array(rows.map { row in
                .object([
                    ("rep", .string(row.rep)), ("median", .int(Int(row.times.median.rounded()))),
                    ("p80", .int(Int(row.times.quantile(0.8).rounded()))),
                    ("weight", .int(Int(row.weight.rounded()))),
                ])
            }))]).text)
            return
        }
        for row in rows {
            Output.line("\(row.rep ?? "(site)")\tmedian \(Int(row.times.median.rounded())) min\tp80 \(Int(row.times.quantile(0.8).rounded())) min\tweight \(Int(row.weight.rounded()))")
        }
    }
}
