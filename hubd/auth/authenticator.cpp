#include "auth/authenticator.hpp"

#include "auth/encoding.hpp"
#include "auth/jwt.hpp"
#include "auth/password.hpp"
#include "oneroster_rest/rest_access.hpp"

#include <interop/json/bounded.hpp>
#include <rapidjson/document.h>

#include <algorithm>

namespace hubd {

namespace {

constexpr std::size_t max_cached_tokens = 10000;

bool contains(const std::vector<std::string>& items, std::string_view item) {
    return std::find(items.begin(), items.end(), item) != items.end();
}

} // namespace

std::map<std::string, std::vector<std::string>> parse_profile(const std::string& json) {
    std::map<std::string, std::vector<std::string>> out;
    rapidjson::Document d;
    if (interop::json::parse_bounded(json, d) || !d.IsObject()) return out;
    for (const auto& m : d.GetObject()) {
        if (!m.value.IsArray()) continue;
        auto& fields = out[m.name.GetString()];
        for (const auto& f : m.value.GetArray())
            if (f.IsString()) fields.emplace_back(f.GetString());
    }
    return out;
}

namespace {

principal principal_of(const client_row& c, std::vector<std::string> scopes) {
    return principal{c.id, std::move(scopes), c.schools, parse_profile(c.profile), c.pseudonymous, c.audience == "families"};
}

} // namespace

bool principal::has_scope(std::string_view scope) const { return contains(scopes, scope); }

bool principal::sees(std::string_view school) const { return contains(schools, "*") || contains(schools, school); }

const std::vector<std::string>& known_scopes() {
    static const std::vector<std::string> scopes = [] {
        std::vector<std::string> out;
        for (const char* domain : {"roster", "timetable", "attendance", "grades", "homework", "discipline", "news", "notifications"})
            for (const char* verb : {":read", ":write"}) out.push_back(std::string(domain) + verb);
        out.push_back("notifications:urgent"); // messages that go through a closed right-to-disconnect window
        out.push_back("admin");
        out.push_back("audit");
        for (const auto& s : oneroster_rest::scopes()) out.push_back(s);
        return out;
    }();
    return scopes;
}

authenticator::authenticator(store& s, signing_key key, auth_settings settings, std::function<millis()> clock)
    : m_store(s), m_key(std::move(key)), m_settings(std::move(settings)), m_clock(std::move(clock)) {}

std::optional<issued_token> authenticator::issue(const std::string& client_id, const std::string& secret,
                                                 const std::vector<std::string>& requested) {
    const auto client = m_store.client(client_id);
    // A hash cheaper than the default passes only where the configuration lowered the cost (a test's).
    const int min_iterations = std::min(m_settings.secret_iterations, default_secret_iterations);
    if (!client || client->revoked || !verify_secret(secret, client->secret_hash, min_iterations)) return std::nullopt;
    issued_token out;
    if (requested.empty()) {
        out.scopes = client->scopes;
    } else {
        for (const auto& s : requested)
            if (!contains(client->scopes, s)) return issued_token{}; // asked beyond its grant: invalid_scope
        out.scopes = requested;
    }
    const auto now = now_seconds();
    token_claims claims{m_settings.issuer, m_settings.audience, client->id, out.scopes, now, now, now + m_settings.token_seconds,
                        random_hex(12)};
    out.token = issue_token(claims, m_key);
    out.expires_in = m_settings.token_seconds;
    return out;
}

std::optional<principal> authenticator::verify(std::string_view token) {
    const auto now = now_seconds();
    {
        std::lock_guard lock(m_mutex);
        auto it = m_cache.find(token);
        if (it != m_cache.end()) {
            if (now < it->second.expires) return it->second.who;
            m_cache.erase(it);
        }
    }
    const auto check = verify_token(token, m_key, m_settings.issuer, m_settings.audience, now);
    if (!check.claims) return std::nullopt;
    const auto client = m_store.client(check.claims->subject);
    if (!client || client->revoked) return std::nullopt;
    principal who = principal_of(*client, check.claims->scopes);
    std::lock_guard lock(m_mutex);
    if (m_cache.size() >= max_cached_tokens) m_cache.clear();
    m_cache.emplace(std::string(token), cached{who, check.claims->expires});
    return who;
}

std::optional<principal> authenticator::by_certificate(const std::string& fingerprint) {
    const auto it = m_settings.certificate_clients.find(fingerprint);
    if (it == m_settings.certificate_clients.end()) return std::nullopt;
    const auto client = m_store.client(it->second);
    if (!client || client->revoked) return std::nullopt;
    return principal_of(*client, client->scopes);
}

void authenticator::forget(const std::string& client_id) {
    std::lock_guard lock(m_mutex);
    std::erase_if(m_cache, [&](const auto& entry) { return entry.second.who.client == client_id; });
}

std::pair<client_row, std::string> authenticator::add_client(const std::string& name, std::vector<std::string> scopes,
                                                             std::vector<std::string> schools) {
    client_row row;
    row.id = "cl_" + random_hex(8);
    row.name = name;
    const auto secret = random_hex(24);
    row.secret_hash = hash_secret(secret, m_settings.secret_iterations);
    row.scopes = std::move(scopes);
    row.schools = std::move(schools);
    row.created_at = m_clock();
    m_store.add_client(row);
    return {row, secret};
}

} // namespace hubd
