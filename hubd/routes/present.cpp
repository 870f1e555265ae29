#include "routes/present.hpp"

#include "auth/encoding.hpp"
#include "json_writer.hpp"

#include <interop/json/bounded.hpp>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <array>

namespace hubd {

namespace {

constexpr std::array<std::string_view, 3> person_kinds = {"student", "guardian", "staff"};
constexpr std::array<std::string_view, 11> person_fields = {"student", "students", "person", "staff", "teacher", "teachers",
                                                            "guardian", "author", "recorded_by", "given_by", "recipient"};
// What every client receives of a record it may read at all, whatever its profile.
constexpr std::array<std::string_view, 3> always_kept = {"kind", "id", "school"};

bool listed(auto const& list, std::string_view item) { return std::find(list.begin(), list.end(), item) != list.end(); }

std::string hmac_raw(const std::string& key, const std::string& data) {
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac,
         &size);
    return std::string(reinterpret_cast<const char*>(mac), size);
}

std::string hmac_hex(const std::string& key, const std::string& data, std::size_t bytes) { return hex(hmac_raw(key, data).substr(0, bytes)); }

} // namespace

bool is_person_kind(std::string_view kind) { return listed(person_kinds, kind); }

presenter::presenter(const principal& who, const std::string& master_key)
    : m_who(who), m_master(master_key), m_key(who.pseudonymous ? hmac_hex(master_key, "pseudonyms/" + who.client, 32) : ""),
      m_passthrough(who.profile.empty() && !who.pseudonymous) {}

std::string presenter::pseudonym(const std::string& school, const std::string& id) const { return "p" + hmac_hex(m_key, school + "/" + id, 12); }

std::string presenter::id(const std::string& kind, const std::string& school, const std::string& value) const {
    return m_who.pseudonymous && is_person_kind(kind) ? pseudonym(school, value) : value;
}

bool presenter::allows(const std::string& kind, std::string_view field) const {
    const auto it = m_who.profile.find(kind);
    return it == m_who.profile.end() || listed(always_kept, field) || listed(it->second, field);
}

std::string presenter::record(const stored_record& r) const {
    if (m_passthrough) return r.json;
    rapidjson::Document doc;
    if (interop::json::parse_bounded(r.json, doc) || !doc.IsObject()) return r.json;
    json_writer w;
    w.StartObject();
    for (auto& m : doc.GetObject()) {
        const std::string_view name(m.name.GetString(), m.name.GetStringLength());
        if (!allows(r.kind, name)) continue;
        if (m_who.pseudonymous && name == "external_ids" && is_person_kind(r.kind)) continue; // INE, vendor ids: they identify
        w.Key(m.name.GetString(), m.name.GetStringLength());
        const bool people = m_who.pseudonymous && (listed(person_fields, name) || (name == "id" && is_person_kind(r.kind)));
        if (people && m.value.IsString()) {
            w.value(pseudonym(r.school, m.value.GetString()));
        } else if (people && m.value.IsArray()) {
            w.StartArray();
            for (const auto& v : m.value.GetArray()) {
                if (v.IsString()) w.value(pseudonym(r.school, v.GetString()));
                else v.Accept(w);
            }
            w.EndArray();
        } else {
            m.value.Accept(w);
        }
    }
    w.EndObject();
    return w.str();
}

namespace {

constexpr std::size_t nonce_bytes = 12;

/** XOR with an HMAC keystream of the nonce: the same call hides and reveals. */
std::string keystream_xor(const std::string& key, const std::string& nonce, std::string text) {
    std::string stream;
    for (int block = 0; stream.size() < text.size(); ++block) stream += hmac_raw(key, "cursor/" + nonce + std::to_string(block));
    for (std::size_t i = 0; i < text.size(); ++i) text[i] = static_cast<char>(text[i] ^ stream[i]);
    return text;
}

} // namespace

// A deterministic authenticated encryption (SIV-like): the nonce is a MAC of the id, so every
// id gets its own keystream and a forged or altered cursor does not check.
std::string presenter::cursor(const std::string& id) const {
    const auto nonce = hmac_raw(m_master, "cursor-nonce/" + id).substr(0, nonce_bytes);
    return base64url_encode(nonce + keystream_xor(m_master, nonce, id));
}

std::optional<std::string> presenter::cursor_id(const std::string& cursor) const {
    const auto raw = base64url_decode(cursor);
    if (!raw || raw->size() < nonce_bytes || raw->size() > 4096) return std::nullopt;
    const auto nonce = raw->substr(0, nonce_bytes);
    auto id = keystream_xor(m_master, nonce, raw->substr(nonce_bytes));
    if (hmac_raw(m_master, "cursor-nonce/" + id).substr(0, nonce_bytes) != nonce) return std::nullopt;
    return id;
}

std::optional<std::string> presenter::real_person_id(store& s, const std::string& school, const std::string& seen) const {
    if (!m_who.pseudonymous) return seen;
    for (const auto kind : person_kinds) {
        record_query q;
        q.school = school;
        q.kind = std::string(kind);
        q.limit = 5000;
        for (;;) {
            const auto page = s.records(q);
            for (const auto& r : page)
                if (pseudonym(school, r.id) == seen) return r.id;
            if (page.size() < q.limit) break;
            q.after_id = page.back().id;
        }
    }
    return std::nullopt;
}

} // namespace hubd
