import CLobbyCrypto

/// OpenSSL's libcrypto, set up once per process before the Vault's first use. Every command is
/// a process, and libcrypto's own set-up by default reads the system's openssl.cnf and
/// registers the legacy names of every cipher and digest: millions of instructions at a start,
/// for nothing Lobby asks of it. The Vault's algorithms (HMAC-SHA-256, AES-256-GCM) come from
/// the default provider, which needs neither, and the site's cryptography then does not change
/// with a machine's OpenSSL configuration. (The event chain's SHA-256 calls libcrypto's digest
/// code directly, needing no set-up: see CLobbyCrypto's shim.h.)
enum LibCrypto {
    /// Whether libcrypto set itself up; read before any call into it.
    static let ready: Bool = OPENSSL_init_crypto(
        UInt64(OPENSSL_INIT_NO_LOAD_CONFIG | OPENSSL_INIT_NO_ADD_ALL_CIPHERS | OPENSSL_INIT_NO_ADD_ALL_DIGESTS), nil) == 1
}
