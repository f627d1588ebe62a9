import LobbyCore
import LobbyStore

/// What a visitor told the kiosk (or a script told `lobby checkin`), before validation.
struct CheckinRequest {
    var purpose: Purpose = .buy
    var rep: String?
    var party = 1
    var firstVisit: Bool?
    var consent = false
    var name: String?
    var phone: String?
    var project: String?
    var budget: String?
    var source: String?
    var staff = false
    var brought = false
}

/// The ticket as the visitor is told it.
struct IssuedTicket {
    var record: TicketRecord
    var category: Category
    var rep: RepName?
    var ahead: Int
    var wait: Wait
    /// For a visitor waiting for their own rep: the wait if whoever is up received them instead.
    var coverWait: Wait?
    var qr: String
    var issuedAt: String

    var json: JSON {
        var fields: [(String, JSON)] = [
            ("ticket", .string(record.id)),
            ("category", .string(category.rawValue)),
            ("ahead", .int(ahead)),
            ("wait", wait.json),
            ("rep", .string(rep)),
            ("qr", .string(qr)),
            ("issuedAt", .string(issuedAt)),
        ]
        if let coverWait { fields.append(("coverWait", coverWait.json)) }
        return .object(fields)
    }
}

extension Wait {
    var json: JSON { .object([("p50", .int(p50)), ("p80", .int(p80))]) }
}

/// The one check-in path: the kiosk dialogue and `lobby checkin` both validate and issue here.
enum CheckinService {
    /// Field checks shared with the kiosk dialogue; each returns the clean value or a reason.
    enum Check {
        static func phone(_ text: String) -> Result<String, LobbyError> {
            var digits = text.filter { !$0.isWhitespace && $0 != "-" }
            if digits.hasPrefix("+86") { digits.removeFirst(3) } else if digits.hasPrefix("0086") { digits.removeFirst(4) }
            let ascii = digits.unicodeScalars.allSatisfy { $0.isASCII && ("0"..."9").contains($0) }
            guard ascii, digits.count == 11, digits.hasPrefix("1"), let second = digits.dropFirst().first, ("3"..."9").contains(second)
            else { return .failure(.invalid("phone", "'\(text.prefix(40))' is not a mainland mobile number (11 digits, starting 13–19)")) }
            return .success(digits)
        }

        static func party(_ text: String) -> Result<Int, LobbyError> {
            guard let value = Int(text.trimmingSpaces), (1...30).contains(value) else {
                return .failure(.invalid("party", "'\(text.prefix(40))' is not a party size from 1 to 30"))
            }
            return .success(value)
        }

        static func text(_ field: String, _ value: String, limit: Int) -> Result<String, LobbyError> {
            let trimmed = value.trimmingSpaces
            guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                return .failure(.invalid(field, "control characters are not allowed"))
            }
            guard trimmed.count <= limit else { return .failure(.invalid(field, "longer than \(limit) characters")) }
            return .success(trimmed)
        }
    }

    static func issue(_ request: CheckinRequest, context: Context) throws -> IssuedTicket {
        var request = request
        if let phone = request.phone { request.phone = try Check.phone(phone).get() }
        if let name = request.name { request.name = try Check.text("name", name, limit: 40).get() }
        if let value = request.project { request.project = try Check.text("project", value, limit: 100).get() }
        if let value = request.budget { request.budget = try Check.text("budget", value, limit: 100).get() }
        if let value = request.source { request.source = try Check.text("source", value, limit: 100).get() }
        guard (1...30).contains(request.party) else { throw LobbyError.invalid("party", "must be from 1 to 30") }
        if !request.consent {
            // PIPL: without consent nothing that identifies the visitor is kept.
            request.name = nil
            request.phone = nil
        }
        let store = try context.store
        let site = try context.site
        let key = try context.dayKey()
        let now = context.now
        if let rep = request.rep {
            guard try store.staff(rep) != nil else { throw LobbyError.notFound("rep: no rep named '\(rep)'") }
        }
        return try store.write {
            var day = try store.day(key, settings: site.rules)
            let customer = try request.phone.flatMap { try store.customer(phone: $0) }
            let (category, rep) = Routing.classify(
                purpose: request.purpose, namedRep: request.rep, customer: customer?.record,
                at: now, settings: site.rules)
            let customerID = try request.phone.map { try store.touchCustomer(phone: $0, name: request.name, at: now) }
            let sequence = try store.nextTicketSequence(key)
            let id = TicketNumber.format(prefix: site.ticketPrefix, sequence: sequence)
            let info = TicketInfo(
                id: id, category: category, rep: rep, customer: customerID, party: request.party,
                staff: request.staff, brought: request.brought)
            try store.append(.checkin(info), to: &day, key: key, at: now, actor: "kiosk")
            let record = TicketRecord(
                day: key.date, sequence: sequence, id: id, token: System.randomToken(length: 8), category: category,
                rep: rep, purpose: request.purpose, party: request.party, name: request.name,
                project: request.project, budget: request.budget, source: request.source,
                firstVisit: request.firstVisit.map { $0 ? "yes" : "no" }, customer: customerID, issuedAt: now)
            try store.insertTicket(record)
            let receiver: RepName? = category == .other ? day.tail : day.lane(of: info)
            let model = try context.serviceModel()
            return IssuedTicket(
                record: record, category: category, rep: receiver, ahead: day.ahead(of: id),
                wait: WaitEstimator.estimate(day: day, ticket: id, now: now, model: model),
                coverWait: day.lane(of: info) == nil
                    ? nil : WaitEstimator.estimate(day: day, ticket: id, now: now, model: model, covered: true),
                qr: TicketCodes.qrText(site: site, record: record), issuedAt: context.iso8601(now, key: key))
        }
    }
}
