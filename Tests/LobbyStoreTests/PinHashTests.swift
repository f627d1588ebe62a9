import LobbyStore
import Testing

@Suite struct PinHashTests {
    @Test func hashIsYescryptAndSalted() throws {
        let a = try PinHash.hash("4821")
        let b = try PinHash.hash("4821")
        #expect(a.hasPrefix("$y$"))
        #expect(b.hasPrefix("$y$"))
        #expect(a != b)
        #expect(!a.contains("4821"))
    }

    @Test func verifiesTheRightPinOnly() throws {
        let stored = try PinHash.hash("4821")
        #expect(PinHash.verify("4821", against: stored))
        #expect(!PinHash.verify("4822", against: stored))
        #expect(!PinHash.verify("", against: stored))
        #expect(!PinHash.verify("48210", against: stored))
    }

    @Test func nonAsciiPinsWork() throws {
        let stored = try PinHash.hash("密码١٢٣")
        #expect(PinHash.verify("密码١٢٣", against: stored))
        #expect(!PinHash.verify("密码123", against: stored))
    }

    @Test(arguments: ["", "garbage", "*0", "$y$", "$y$j9T$", "$1$", "abJnggxhB/yWI"])
    func garbageOrLegacyStoredValuesNeverMatch(stored: String) {
        // "abJnggxhB/yWI" is traditional DES crypt("test", "ab"): legacy, refused.
        #expect(!PinHash.verify("test", against: stored))
        #expect(!PinHash.verify("", against: stored))
    }

    @Test func aTamperedHashDoesNotMatch() throws {
        var stored = try PinHash.hash("4821")
        let last = stored.removeLast()
        stored.append(last == "A" ? "B" : "A")
        #expect(!PinHash.verify("4821", against: stored))
    }

    @Test func nulInPinIsRefused() {
        #expect(throws: PinHashError.self) { try PinHash.hash("12\u{0}34") }
        #expect(!PinHash.verify("12\u{0}34", against: "x"))
    }
}
