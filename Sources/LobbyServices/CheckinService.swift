import LobbyCore
import LobbyStore
import LobbyText
import LobbyPlatform
import LobbyPrinting

/// What a visitor told the kiosk (or a script told `lobby checkin`), before validation.
package struct CheckinRequest {
    package var purpose: Purpose = .buy
    package var rep: RepName?
    package var party = 1
    package var firstVisit: Bool?
    package var consent = false
    package var name: String?
    package var phone: String?
    package var project: String?
    package var budget: String?
    package var source: String?
    package var staff = false
    package var brought = false
    /// The booking the visitor names: its code as typed or its QR text as scanned.
    package var booking: String?
    /// False when nobody stated the party size: a booked visitor's is the booking's.
    package var partyStated = true

    package init() {}
}

/// The ticket as the visitor is told it.
package struct IssuedTicket {
    package var record: TicketRecord
    package var category: Category
    package var rep: RepName?
    /// The receiver's name in Latin letters, for English readers.
    package var repLatin: String?
    /// Whether any rep on today's roster is at work (not away, not off): else no wait is told.
    package var repsOnDuty: Bool
    package var ahead: Int
    package var wait: Wait
    /// The simulation's own quantiles before the site's calibration, kept to fit the next one on.
    package var raw: WaitQuantiles
    /// For a visitor waiting for their own rep: the wait if whoever is up received them instead.
    package var coverWait: Wait?
    package var qr: String
    package var issuedAt: String
    /// The booking this check-in kept, if any.
    package var booking: String?

    /// The ticket as it stands in `day`: who will receive the visitor, and the waits.
    package init(record: TicketRecord, info: TicketInfo, day: Day, key: DayKey, context: Context) throws {
        let lane = day.lane(of: info)
        let model = try context.serviceModel()
        let calibration = try context.waitCalibration(key)
        self.record = record
        category = record.category
        rep = day.receiver(of: info)
        repLatin = try rep.flatMap { try context.store.staff($0.rawValue)?.latin }
        repsOnDuty = day.hasRepOnDuty
        ahead = day.ahead(of: record.id)
        raw = WaitEstimator.quantiles(day: day, ticket: record.id, now: context.now, model: model)
        wait = calibration.apply(raw)
        coverWait = lane == nil
            ? nil : calibration.apply(WaitEstimator.quantiles(day: day, ticket: record.id, now: context.now, model: model, covered: true))
        qr = TicketCodes.qrText(site: try context.site, record: record)
        issuedAt = context.iso8601(record.issuedAt, key: key)
    }

    /// Whether the visitor is told a wait: not a visitor on other business (R15), and only
    /// when a rep is on duty to receive them.
    package var tellsWait: Bool { category != .other && repsOnDuty }

    package var json: JSON {
        var fields: [(String, JSON)] = [
            ("ticket", .string(record.id)),
            ("category", .string(category.rawValue)),
            ("ahead", .int(ahead)),
            ("wait", wait.json),
            ("rep", .string(rep)),
            ("qr", .string(qr)),
            ("issuedAt", .string(issuedAt)),
            ("booking", .string(booking)),
        ]
        if let coverWait { fields.append(("coverWait", coverWait.json)) }
        return .object(fields)
    }
}

extension Wait {
    package var json: JSON { .object([("p50", .int(p50)), ("p80", .int(p80))]) }
}

/// An answer a field does not accept: the field, and the reason as a key of texts.json.
package struct FieldProblem: Error {
    package let field: String
    package let key: String
    /// What was given, for the one-shot command's message (the kiosk does not repeat it).
    package let given: String?
    package var values: [String: String] = [:]

    package init(_ field: String, _ key: String, _ given: String?, _ values: [String: String] = [:]) {
        self.field = field
        self.key = key
        self.given = given
        self.values = values
    }

    package func text(_ texts: Texts, _ language: Texts.Language) -> String { texts.text(key, language, values) }

    /// For `lobby checkin`: exit 1, the field named, in English.
    package var error: LobbyError {
        let shown = given.map { "'\(TerminalText.value($0, limit: 40))': " } ?? ""
        return .invalid(field, shown + text(Texts.shared, .en))
    }
}

/// How long the free-text answers may be, in characters.
package enum Limits {
    package static let name = 40
    package static let text = 100
}

/// The one check-in path: the kiosk dialogue and `lobby checkin` both validate and issue here.
package enum CheckinService {
    /// Field checks shared by the kiosk dialogue and `lobby checkin`: each returns the clean
    /// value or the reason, in the words of texts.json, so both say the same thing.
    package enum Check {
        package static func phone(_ text: String, pattern: String? = nil) -> Result<String, FieldProblem> {
            var digits = squeezed(text).filter { $0 != "-" }
            if let pattern {
                guard let regex = try? Regex(pattern), (try? regex.wholeMatch(in: digits)) != nil else {
                    return .failure(FieldProblem("phone", "badPhonePattern", text))
                }
                return .success(digits)
            }
            if digits.hasPrefix("+86") { digits.removeFirst(3) } else if digits.hasPrefix("0086") { digits.removeFirst(4) }
            let ascii = digits.unicodeScalars.allSatisfy { $0.isASCII && ("0"..."9").contains($0) }
            guard ascii, digits.count == 11, digits.hasPrefix("1"), let second = digits.dropFirst().first, ("3"..."9").contains(second)
            else { return .failure(FieldProblem("phone", "badPhone", text)) }
            return .success(digits)
        }

        package static let partySizes = 1...30

        /// A number of people as visitors type it: "3", "３", "3位", "3 人", "两位".
        package static func party(_ text: String) -> Result<Int, FieldProblem> {
            var answer = squeezed(text)
            for suffix in ["位客人", "个人", "位", "人", "个", "口"] where answer.hasSuffix(suffix) {
                answer.removeLast(suffix.count)
                break
            }
            let words: [String: Int] = ["一": 1, "二": 2, "两": 2, "俩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10]
            guard let value = Int(answer) ?? words[answer], partySizes.contains(value) else {
                return .failure(FieldProblem("party", "badParty", text))
            }
            return .success(value)
        }

        package static func text(_ field: String, _ value: String, limit: Int) -> Result<String, FieldProblem> {
            let trimmed = value.trimmingSpaces
            guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                return .failure(FieldProblem(field, "badControl", nil))
            }
            guard trimmed.count <= limit else { return .failure(FieldProblem(field, "tooLong", nil, ["limit": String(limit)])) }
            return .success(trimmed)
        }

        package static func purpose(_ text: String) -> Result<Purpose, FieldProblem> {
            switch squeezed(text) {
            case "1", "buy", "buying", "买", "买房", "购房", "买房子": return .success(.buy)
            case "2", "rent", "renting", "租", "租房", "租房子": return .success(.rent)
            case "3", "other", "其他", "其它", "其他事务", "找人", "送货", "送快递", "快递", "外卖", "供应商": return .success(.other)
            default: return .failure(FieldProblem("purpose", "badPurpose", text))
            }
        }

        package static func yesNo(_ field: String, _ text: String) -> Result<Bool, FieldProblem> {
            var answer = squeezed(text)
            // "好的。", "yes!": the punctuation people type after a word says nothing more.
            while let last = answer.last, "。.！!，,~～".contains(last) { answer.removeLast() }
            switch answer {
            case "y", "yes", "yeah", "yep", "ok", "okay", "sure", "true", "1", "是", "是的", "对", "对的", "好", "好的", "行",
                "可以", "嗯", "同意", "愿意", "有", "来过", "来过的":
                return .success(true)
            case "n", "no", "nope", "false", "0", "否", "不", "不是", "不要", "不用", "不行", "不同意", "不愿意", "没有", "没",
                "没来过", "第一次":
                return .success(false)
            default: return .failure(FieldProblem(field, "badYesNo", text))
            }
        }

        /// A rep on today's roster: by their number in the list shown, by name or Latin name (case
        /// and spaces do not matter), or by a surname or given name that only one of them has.
        package static func rep(_ text: String, roster: [RepName], latin: [RepName: String] = [:]) -> Result<RepName, FieldProblem> {
            var answer = squeezed(text)
            if let n = Int(answer), roster.indices.contains(n - 1) { return .success(roster[n - 1]) }
            // "王经理", "李顾问": a title after the name.
            for title in ["经理", "顾问", "老师", "先生", "女士", "小姐", "主管"] where answer.hasSuffix(title) && answer.count > title.count {
                answer.removeLast(title.count)
                break
            }
            guard !answer.isEmpty else { return .failure(FieldProblem("rep", "badRep", text)) }
            let whole = roster.filter { squeezed($0.rawValue) == answer || latin[$0].map(squeezed) == answer }
            if whole.count == 1, let rep = whole.first { return .success(rep) }
            let parts = whole.isEmpty ? roster.filter { rep in
                let name = squeezed(rep.rawValue)
                // A Chinese name: the surname leads it and the given name ends it; Latin names by word.
                let han = !rep.rawValue.unicodeScalars.contains(where: \.isASCII) && answer.count < name.count
                    && (name.hasPrefix(answer) || name.hasSuffix(answer))
                let words = [rep.rawValue, latin[rep] ?? ""].flatMap { $0.split(whereSeparator: \.isWhitespace) }.map { squeezed(String($0)) }
                return han || words.contains(answer)
            } : whole
            if parts.count == 1, let rep = parts.first { return .success(rep) }
            return .failure(FieldProblem("rep", parts.isEmpty ? "badRep" : "badRepAmbiguous", text))
        }

        /// An answer as typed on any keyboard: full-width letters and digits (an input method's
        /// "３") as ASCII, lower case, without spaces.
        package static func squeezed(_ text: String) -> String {
            var scalars = String.UnicodeScalarView()
            for scalar in text.unicodeScalars {
                switch scalar.value {
                case 0xFF01...0xFF5E: scalars.append(Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar)
                case 0x3000: continue
                default:
                    if !scalar.properties.isWhitespace { scalars.append(scalar) }
                }
            }
            return String(scalars).lowercased()
        }
    }

    /// Why nothing is issued now: a supervisor paused check-in, or it is outside checkinHours.
    package enum Closed {
        case paused(why: String?)
        case hours(opens: String)

        package func text(_ texts: Texts, _ language: Texts.Language) -> String {
            switch self {
            case let .paused(why):
                return texts.text("paused", language, ["why": why.map { texts.text("pausedWhy", language, ["why": $0]) } ?? ""])
            case let .hours(opens): return texts.text("closedHours", language, ["time": opens])
            }
        }

        package var error: LobbyError {
            switch self {
            case let .paused(why): return .refused("paused: check-in is paused by staff" + (why.map { " (\($0))" } ?? "") + "; a supervisor resumes it with: lobby kiosk resume")
            case let .hours(opens): return .refused("closed: outside check-in hours; check-in opens at \(opens)")
            }
        }
    }

    package static let pauseKey = "kiosk.pause"

    /// Nil when tickets may be issued now.
    package static func closed(context: Context) throws -> Closed? {
        if let pause = try context.store.siteValue(pauseKey), !pause.isEmpty {
            let why = (try? JSON.parse(pause))?["why"]?.stringValue
            return .paused(why: why)
        }
        let site = try context.site
        guard let hours = site.checkinHours else { return nil }
        let key = try context.dayKey()
        let local = CivilTime(context.now, offset: key.utcOffset)
        let minute = local.hour * 60 + local.minute
        if minute >= hours.start && minute < hours.end { return nil }
        return .hours(opens: Site.clock(hours.start))
    }

    package static func issue(_ request: CheckinRequest, context: Context) throws -> IssuedTicket {
        var request = request
        let site = try context.site
        do throws(FieldProblem) {
            if let phone = request.phone { request.phone = try Check.phone(phone, pattern: site.phonePattern).get() }
            if let name = request.name { request.name = try Check.text("name", name, limit: Limits.name).get() }
            if let value = request.project { request.project = try Check.text("project", value, limit: Limits.text).get() }
            if let value = request.budget { request.budget = try Check.text("budget", value, limit: Limits.text).get() }
            if let value = request.source { request.source = try Check.text("source", value, limit: Limits.text).get() }
            guard Check.partySizes.contains(request.party) else { throw FieldProblem("party", "badParty", String(request.party)) }
        } catch {
            throw error.error
        }
        if !request.consent {
            // PIPL: without consent nothing that identifies the visitor is kept, and no free
            // text either: a visitor may type a name or a phone into any field.
            request.name = nil
            request.phone = nil
            request.project = nil
            request.budget = nil
            request.source = nil
        }
        let key = try context.dayKey()
        let now = context.now
        if let rep = request.rep {
            try context.requireRep(rep)
        }
        let code = try request.booking.map { try BookingService.code($0, site: site) }
        return try context.write(key) { store in
            // Inside the transaction, so a pause that lands while a visitor answers still holds.
            if let closed = try closed(context: context) { throw closed.error }
            var day = try store.day(key, settings: site.rules)
            try BookingService.markNoshows(store, context: context)
            var customer = try request.phone.flatMap { try store.customer(phone: $0) }
            // A booking named by its code or QR, or that day's booking of a consenting phone
            // (not for other business, R15, nor when the visitor names another rep, R9).
            let phoneBooking = request.purpose != .other ? customer : nil
            var booking = try BookingService.forCheckin(code: code, customer: phoneBooking, store: store, key: key, context: context)
            if code == nil, let found = booking, let named = request.rep, named != found.rep { booking = nil }
            var party = request.party
            if let booking {
                // R9: a booked visitor is a named visitor for the booked rep (R10 if away); the
                // customer is the one who booked, whose consent the booking holds.
                if let id = booking.customer { customer = try store.customer(id: id) }
                if !request.partyStated { party = booking.party }
            }
            let (category, rep) = Routing.classify(
                purpose: request.purpose, namedRep: booking?.rep ?? request.rep, customer: customer?.record,
                at: now, settings: site.rules)
            var stored = try request.phone.map { try store.touchCustomer(phone: $0, name: request.name, at: now) }
            if booking != nil, let customer, stored?.id != customer.id {
                try store.recordVisit(customer: customer.id, at: now)
                stored = customer
            }
            let sequence = try store.nextTicketSequence(key)
            let id = TicketNumber.format(prefix: site.ticketPrefix, sequence: sequence)
            let info = TicketInfo(
                id: id, category: category, rep: rep, customer: stored?.person, party: party,
                staff: request.staff, brought: request.brought)
            try store.append(.checkin(info), to: &day, key: key, at: now, actor: "kiosk", clock: context.clock)
            let record = TicketRecord(
                day: key.date, sequence: sequence, id: id, token: System.randomToken(length: 8), category: category,
                rep: rep, purpose: request.purpose, party: party, name: request.name,
                project: request.project, budget: request.budget, source: request.source,
                firstVisit: request.firstVisit.map { $0 ? "yes" : "no" }, customer: stored?.id, issuedAt: now)
            // Kept before the wait is worked out: the booked rep is then held for this visitor.
            if let booking { try store.keepBooking(code: booking.code, day: key.date, ticket: id, at: now) }
            day.hold(try BookingService.holds(store, day: day, key: key, now: now, settings: site.rules))
            var issued = try IssuedTicket(record: record, info: info, day: day, key: key, context: context)
            try store.insertTicket(record, quoted: issued.tellsWait ? issued.wait : nil, raw: issued.tellsWait ? issued.raw : nil)
            if let booking {
                try store.setTicketBooking(day: key.date, ticket: id, code: booking.code)
                issued.booking = booking.code
            }
            return issued
        }
    }
}
