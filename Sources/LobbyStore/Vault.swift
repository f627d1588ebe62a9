import CLobbyCrypto
import Glibc

/// Why personal data could not be sealed or opened.
public enum VaultError: Error, CustomStringConvertible, Sendable {
    /// The key file is missing or unreadable while the database holds sealed data.
    case keyUnavailable(path: String, why: String)
    /// The key file exists but is not a lobby key, or is readable by others.
    case badKey(path: String, why: String)
    /// The key opens nothing in this database: another site's key, or the file was replaced.
    case wrongKey(path: String)
    /// A sealed value failed its authentication (changed, or sealed under another key).
    case damaged(table: String, column: String)
    /// libcrypto failed (no randomness, out of memory).
    case library(String)

    public var description: String {
        switch self {
        case let .keyUnavailable(path, why):
            return "the key file \(path) \(why): the visitors' personal data cannot be read or written; restore the key from its backup (see README, Encryption at rest)"
        case let .badKey(path, why): return "the key file \(path) \(why)"
        case let .wrongKey(path):
            return "the key file \(path) is not this database's key: restore the right one from its backup"
        case let .damaged(table, column): return "a sealed value in \(table).\(column) fails its check (changed, or sealed under another key)"
        case let .library(what): return "libcrypto: \(what)"
        }
    }
}

/// Personal data at rest: AES-256-GCM over each value (a random 12-byte nonce, a 16-byte tag),
/// and a keyed hash (HMAC-SHA-256) of each phone so a customer can be found again without the
/// phone being readable. The key is 64 random bytes in a file outside the database (the first
/// half encrypts, the second keys the hash): a copied database alone reveals no name or phone.
/// All cryptography is OpenSSL's libcrypto.
public struct Vault: Sendable {
    static let keyLength = 64
    /// What a sealed value starts with: the format, so a later one can be told apart.
    static let prefix = "s1:"

    private let key: [UInt8]

    init(key: [UInt8]) {
        precondition(key.count == Self.keyLength)
        // Every use of a Vault calls libcrypto: set it up first (LibCrypto).
        _ = LibCrypto.ready
        self.key = key
    }

    /// Reads the key at `path`, or (when `create`) makes a new one there, owner-only, if
    /// there is none. Never replaces an existing file.
    public static func load(path: String, create: Bool) throws(VaultError) -> Vault {
        var fd = Glibc.open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        if fd < 0, errno == ENOENT, create {
            guard LibCrypto.ready else { throw .library("OPENSSL_init_crypto failed") }
            var fresh = [UInt8](repeating: 0, count: keyLength)
            guard RAND_bytes(&fresh, Int32(keyLength)) == 1 else { throw .library("RAND_bytes failed") }
            let out = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if out >= 0 {
                defer { close(out) }
                _ = fchmod(out, 0o600)
                let written = fresh.withUnsafeBytes { Glibc.write(out, $0.baseAddress, keyLength) }
                guard written == keyLength, fsync(out) == 0 else {
                    unlink(path)
                    throw .keyUnavailable(path: path, why: "could not be written (\(String(cString: strerror(errno))))")
                }
                return Vault(key: fresh)
            }
            // Another process made it first: use theirs.
            guard errno == EEXIST else {
                throw .keyUnavailable(path: path, why: "could not be created (\(String(cString: strerror(errno))))")
            }
            fd = Glibc.open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        }
        guard fd >= 0 else {
            throw .keyUnavailable(path: path, why: errno == ENOENT ? "is missing" : "cannot be read (\(String(cString: strerror(errno))))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { throw .badKey(path: path, why: "is not a regular file") }
        guard info.st_mode & 0o077 == 0 else {
            throw .badKey(path: path, why: "can be read by others (mode \(String(info.st_mode & 0o777, radix: 8))): chmod 600 it")
        }
        var bytes = [UInt8](repeating: 0, count: keyLength + 1)
        let count = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, keyLength + 1) }
        guard count == keyLength else { throw .badKey(path: path, why: "is not a lobby key (\(keyLength) bytes)") }
        return Vault(key: Array(bytes.prefix(keyLength)))
    }

    /// The keyed hash of a phone, hex: equal phones give equal hashes, and without the key
    /// the hash tells nothing.
    public func mac(_ text: String) -> String {
        let data = Array(text.utf8)
        var out = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let macKey = Array(key[32...])
        _ = HMAC(EVP_sha256(), macKey, Int32(macKey.count), data, data.count, &out, &length)
        return out.prefix(Int(length)).map { byte in
            let digits = Array("0123456789abcdef")
            return String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 15)])
        }.joined()
    }

    /// `text` sealed: "s1:" and the base64 of nonce, ciphertext and tag.
    public func seal(_ text: String) throws(VaultError) -> String {
        var nonce = [UInt8](repeating: 0, count: 12)
        guard RAND_bytes(&nonce, 12) == 1 else { throw .library("RAND_bytes failed") }
        let plain = Array(text.utf8)
        guard let context = EVP_CIPHER_CTX_new() else { throw .library("no cipher context") }
        defer { EVP_CIPHER_CTX_free(context) }
        var out = [UInt8](repeating: 0, count: plain.count + 16)
        var length: Int32 = 0
        var tag = [UInt8](repeating: 0, count: 16)
        let encryptKey = Array(key[..<32])
        guard EVP_EncryptInit_ex(context, EVP_aes_256_gcm(), nil, nil, nil) == 1,
              EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_IVLEN, 12, nil) == 1,
              EVP_EncryptInit_ex(context, nil, nil, encryptKey, nonce) == 1,
              EVP_EncryptUpdate(context, &out, &length, plain, Int32(plain.count)) == 1
        else { throw .library("AES-256-GCM encryption failed") }
        var total = Int(length)
        guard out.withUnsafeMutableBufferPointer({ buffer in
            EVP_EncryptFinal_ex(context, buffer.baseAddress.map { $0 + total }, &length) == 1
        }) else { throw .library("AES-256-GCM encryption failed") }
        total += Int(length)
        guard EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_GET_TAG, 16, &tag) == 1 else { throw .library("AES-256-GCM tag failed") }
        return Self.prefix + Self.base64(nonce + out.prefix(total) + tag)
    }

    /// The text of a sealed value; `table` and `column` name it in an error.
    public func unseal(_ sealed: String, table: String, column: String) throws(VaultError) -> String {
        guard sealed.hasPrefix(Self.prefix), let bytes = Self.unbase64(String(sealed.dropFirst(Self.prefix.count))),
              bytes.count >= 28
        else { throw .damaged(table: table, column: column) }
        let nonce = Array(bytes[..<12])
        let cipher = Array(bytes[12..<(bytes.count - 16)])
        var tag = Array(bytes[(bytes.count - 16)...])
        guard let context = EVP_CIPHER_CTX_new() else { throw .library("no cipher context") }
        defer { EVP_CIPHER_CTX_free(context) }
        var out = [UInt8](repeating: 0, count: cipher.count + 16)
        var length: Int32 = 0
        let encryptKey = Array(key[..<32])
        guard EVP_DecryptInit_ex(context, EVP_aes_256_gcm(), nil, nil, nil) == 1,
              EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_IVLEN, 12, nil) == 1,
              EVP_DecryptInit_ex(context, nil, nil, encryptKey, nonce) == 1,
              EVP_DecryptUpdate(context, &out, &length, cipher, Int32(cipher.count)) == 1,
              EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_TAG, 16, &tag) == 1
        else { throw .damaged(table: table, column: column) }
        var total = Int(length)
        guard out.withUnsafeMutableBufferPointer({ buffer in
            EVP_DecryptFinal_ex(context, buffer.baseAddress.map { $0 + total }, &length) == 1
        }) else { throw .damaged(table: table, column: column) }
        total += Int(length)
        return String(decoding: out.prefix(total), as: UTF8.self)
    }

    public func seal(_ text: String?) throws(VaultError) -> String? {
        guard let text else { return nil }
        let sealed: String = try seal(text)
        return sealed
    }

    public func unseal(_ sealed: String?, table: String, column: String) throws(VaultError) -> String? {
        guard let sealed else { return nil }
        let text: String = try unseal(sealed, table: table, column: column)
        return text
    }

    static func base64(_ bytes: [UInt8]) -> String {
        var out = [UInt8](repeating: 0, count: (bytes.count + 2) / 3 * 4 + 1)
        let count = EVP_EncodeBlock(&out, bytes, Int32(bytes.count))
        return String(decoding: out.prefix(Int(count)), as: UTF8.self)
    }

    static func unbase64(_ text: String) -> [UInt8]? {
        let input = Array(text.utf8)
        guard input.count % 4 == 0, !input.isEmpty else { return nil }
        var out = [UInt8](repeating: 0, count: input.count / 4 * 3)
        let count = EVP_DecodeBlock(&out, input, Int32(input.count))
        guard count >= 0 else { return nil }
        // EVP_DecodeBlock keeps the bytes the padding stands for: drop them.
        let padding = input.suffix(2).filter { $0 == UInt8(ascii: "=") }.count
        return Array(out.prefix(Int(count) - padding))
    }
}
