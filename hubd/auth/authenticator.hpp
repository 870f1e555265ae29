#pragma once
/** @file Clients, their tokens, and who a request is: OAuth2 client credentials with ES256 JWTs. */

#include "auth/password.hpp"
#include "auth/signing_key.hpp"
#include "store/store.hpp"

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace hubd {

/** The client behind a valid token. */
struct principal {
    std::string client;
    std::vector<std::string> scopes;
    std::vector<std::string> schools; ///< "*": every school
    /** Data minimisation: per kind, the only fields the client receives (kinds absent: all fields). */
    std::map<std::string, std::vector<std::string>> profile;
    bool pseudonymous = false; ///< people's ids are replaced by per-client pseudonyms
    bool family_facing = false; ///< an app for families: sees only what the school's policies let families see, when they may

    bool has_scope(std::string_view scope) const;
    bool sees(std::string_view school) const;
};

struct auth_settings {
    std::string issuer = "hubd";
    std::string audience = "hubd";
    std::int64_t token_seconds = 900;
    int secret_iterations = default_secret_iterations;
    /** SHA-256 fingerprint (hex) of a verified TLS client certificate → the client it authenticates. */
    std::map<std::string, std::string> certificate_clients;
};

struct issued_token {
    std::string token;
    std::int64_t expires_in = 0;
    std::vector<std::string> scopes;
};

class authenticator {
public:
    authenticator(store& s, signing_key key, auth_settings settings, std::function<millis()> clock);

    /** A token for a client whose secret matches, limited to the requested scopes (all of its own if none). */
    std::optional<issued_token> issue(const std::string& client_id, const std::string& secret, const std::vector<std::string>& requested);
    /** Who holds this token; nullopt for a bad, expired or revoked one. Verified tokens are cached until they expire. */
    std::optional<principal> verify(std::string_view token);
    /** Creates a client; returns its row and its secret (shown once). */
    std::pair<client_row, std::string> add_client(const std::string& name, std::vector<std::string> scopes, std::vector<std::string> schools);

    /** The client a verified TLS client certificate stands for, with all its scopes; nullopt if none. */
    std::optional<principal> by_certificate(const std::string& fingerprint);
    /** Forgets the client's cached tokens, so a revocation takes effect at once. */
    void forget(const std::string& client_id);

    const signing_key& key() const { return m_key; }
    const auth_settings& settings() const { return m_settings; }

private:
    std::int64_t now_seconds() const { return m_clock() / 1000; }

    store& m_store;
    signing_key m_key;
    auth_settings m_settings;
    std::function<millis()> m_clock;
    std::mutex m_mutex;
    struct cached {
        principal who;
        std::int64_t expires;
    };
    /** Looked up by the token as received, without copying it. */
    struct token_hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, cached, token_hash, std::equal_to<>> m_cache;
};

/** A client's profile column (`{"kind": ["field", …]}`) as a map; empty when blank or unreadable. */
std::map<std::string, std::vector<std::string>> parse_profile(const std::string& json);

/** Every scope a client may hold: `<domain>:read|write` for each domain, `admin`, `audit`, and the OneRoster 1.2 scopes. */
const std::vector<std::string>& known_scopes();

} // namespace hubd
