import LobbyCore
import LobbyStore
import LobbyText
import LobbyPlatform
import LobbyPrinting
import LobbyServices

struct Followup: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "followup", abstract: "Record a follow-up with a customer (keeps ownership, R11).",
        arguments: [phoneArgument], options: [rep, note, returnedUnit])

    static let phoneArgument = Argument("PHONE", help: "the customer's mobile number")
    static let rep = Option.rep("--rep", help: "the rep who followed up").isRequired()
    static let note = Option.text("--note", "TEXT", help: "what was said").isRequired()
    static let returnedUnit = Option.yesNo("--returned-unit", help: "the customer returned their unit (R17)")

    let phone: String
    let rep: RepName
    let note: String
    let returnedUnit: Bool?

    init(_ arguments: Arguments) throws(LobbyError) {
        rep = try arguments.required(Self.rep)
        note = try arguments.required(Self.note)
        returnedUnit = try arguments.value(Self.returnedUnit)
        phone = try arguments.required(Self.phoneArgument)
    }

    func staffAction(_ context: Context) -> StaffAction? { .followup }

    func run(_ context: Context) throws {
        try context.require(self)
        try context.requireRep(rep)
        let phone = try CheckinService.Check.phone(self.phone, pattern: try context.site.phonePattern).mapError(\.error).get()
        let note = try CheckinService.Check.text("note", self.note, limit: 500).mapError(\.error).get()
        let key = try context.dayKey()
        // Looked up inside the write, after the day's retention: a visitor forgotten today is not found.
        try context.write(key) { store in
            guard let customer = try store.customer(phone: phone) else {
                // The phone is not repeated: an error message never carries personal data.
                throw LobbyError.notFound("customer: no customer with that phone")
            }
            try store.addFollowUp(customer: customer.id, rep: rep, note: note, at: context.now, actor: context.actor)
            if let returnedUnit { try store.setReturnedUnit(customer: customer.id, returnedUnit) }
            try store.appendNote(.followup, key: key, at: context.now, actor: context.actor, rep: rep.rawValue, clock: context.clock)
        }
        Output.line(StaffLanguage.say("done.followup", ["rep": "\(rep)"]))
    }
}
