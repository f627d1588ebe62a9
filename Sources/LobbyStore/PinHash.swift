import CLobbyCrypt
import Glibc

/// Staff PINs, stored only as crypt(3) hashes. All the cryptography is libxcrypt's:
/// yescrypt (`$y$`), with a salt libxcrypt draws from the system's random source.
/// Nothing here ever logs or returns a PIN.
public enum PinHash {
    /// The method prefix for new hashes: yescrypt, libxcrypt's recommended default.
    static let method = "$y$"

    /// A new salted hash of `pin`, for storing. Two calls give different strings.
    public static func hash(_ pin: String) throws(PinHashError) -> String {
        guard !pin.utf8.contains(0) else { throw PinHashError("a PIN cannot contain a NUL character") }
        // count 0 = the method's default cost; nil/0 random bytes = libxcrypt fetches them.
        guard let setting = crypt_gensalt_ra(method, 0, nil, 0) else {
            throw PinHashError("could not make a salt (errno \(errno))")
        }
        // crypt_gensalt_ra returns malloc'd memory, ours to free.
        defer { free(setting) }
        guard let hashed = crypt(pin, setting: setting) else {
            throw PinHashError("crypt(3) failed to hash the PIN (errno \(errno))")
        }
        return hashed
    }

    /// Whether `pin` matches `stored`. Garbage, an unknown method or a legacy (weak) one
    /// is simply "no": the caller treats it like a wrong PIN.
    public static func verify(_ pin: String, against stored: String) -> Bool {
        guard !pin.utf8.contains(0), !stored.utf8.contains(0) else { return false }
        switch crypt_checksalt(stored) {
        case CRYPT_SALT_OK, CRYPT_SALT_TOO_CHEAP: break
        default: return false
        }
        // The stored hash is its own setting: crypt reads the method, cost and salt from it.
        guard let candidate = crypt(pin, setting: stored) else { return false }
        return constantTimeEqual(Array(candidate.utf8), Array(stored.utf8))
    }

    /// crypt_rn into a zeroed heap `crypt_data` (32 KB: too big to risk on a thread's
    /// stack), wiped before it is freed. nil on failure (crypt_rn returns NULL; a result
    /// starting with "*" is the other failure form some methods use).
    private static func crypt(_ phrase: String, setting: UnsafePointer<CChar>) -> String? {
        let size = MemoryLayout<crypt_data>.size
        let data = UnsafeMutableRawPointer.allocate(
            byteCount: size, alignment: MemoryLayout<crypt_data>.alignment)
        memset(data, 0, size)
        defer {
            explicit_bzero(data, size)
            data.deallocate()
        }
        guard let out = crypt_rn(phrase, setting, data, Int32(size)) else { return nil }
        let result = String(cString: out)
        return result.hasPrefix("*") ? nil : result
    }

    private static func crypt(_ phrase: String, setting: String) -> String? {
        setting.withCString { crypt(phrase, setting: $0) }
    }

    /// Compares every byte whatever the first difference, so timing does not reveal how
    /// much of a guess was right. (Lengths are not secret: they are fixed by the method.)
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }
}

/// Hashing failed (no random source, out of memory, a PIN crypt(3) cannot take).
/// The message never contains the PIN.
public struct PinHashError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
