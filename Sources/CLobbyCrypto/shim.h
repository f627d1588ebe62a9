/* SHA256_Init/Update/Final are deprecated in OpenSSL 3 in favour of EVP, but stay part of its
   API; lobby_sha256 below uses them (see LibCrypto.swift for why), and only it. */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/crypto.h>
#include <openssl/sha.h>

/* SHA-256 of `count` bytes at `data` into `digest` (32 bytes); 1 on success. libcrypto's own
   SHA-256 code, called directly rather than through EVP: an EVP digest is first fetched from a
   provider, which loads the provider and registers the names of all its algorithms (about
   0.7 million instructions, at every check-in: each is a process that appends to the chain). */
static inline int lobby_sha256(const void *data, size_t count, unsigned char *digest) {
    SHA256_CTX context;
    int ok = SHA256_Init(&context) && SHA256_Update(&context, data, count) && SHA256_Final(digest, &context);
    OPENSSL_cleanse(&context, sizeof context);
    return ok;
}
