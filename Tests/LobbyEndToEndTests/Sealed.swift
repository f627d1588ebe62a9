import Foundation
import LobbyStore
import Testing

extension Lobby {
    /// The site's key, read from the file `lobby init` made beside the database.
    func key() throws -> Vault { try Vault.load(path: db + ".key", create: false) }

    /// `text` with every sealed value in it ("s1:" and base64) replaced by what it seals: how
    /// a test reads what is stored, with the key, as lobby does.
    func unsealed(_ text: String) throws -> String {
        let vault = try key()
        var out = ""
        var rest = Substring(text)
        while let start = rest.range(of: "s1:") {
            out += rest[..<start.lowerBound]
            let token = rest[start.lowerBound...].prefix { $0.isLetter && $0.isASCII || $0.isNumber || "+/=:".contains($0) }
            out += try vault.unseal(String(token), table: "test", column: "test")
            rest = rest[rest.index(start.lowerBound, offsetBy: token.count)...]
        }
        return out + rest
    }
}
