#pragma once
/** @file The hub's ES256 key (ECDSA P-256 with SHA-256): signs tokens and audit checkpoints. */

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

typedef struct evp_pkey_st EVP_PKEY;

namespace hubd {

class signing_key {
public:
    /** Reads the PEM private key at `file`, or generates one there (mode 0600) if absent. @throws std::runtime_error */
    static signing_key load_or_create(const std::filesystem::path& file);
    /** Reads an existing key. @throws std::runtime_error when absent or not a P-256 private key */
    static signing_key load(const std::filesystem::path& file);
    /** A key held only in memory (tests). */
    static signing_key generate();

    /** JOSE form: R ‖ S, 32 bytes each. */
    std::string sign(std::string_view data) const;
    /** False for a wrong length, a bad signature or any OpenSSL failure. */
    bool verify(std::string_view data, std::string_view signature) const;
    /** Key id: the first 8 bytes of the SHA-256 of the public key (DER), in hex. */
    const std::string& id() const { return m_id; }
    /** The public key as a JWK (`{"kty":"EC","crv":"P-256","x":…,"y":…,"kid":…}`). */
    std::string public_jwk() const;

private:
    explicit signing_key(EVP_PKEY* key);
    std::shared_ptr<EVP_PKEY> m_key;
    std::string m_id;
};

} // namespace hubd
