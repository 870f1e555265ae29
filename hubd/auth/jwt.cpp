#include "auth/jwt.hpp"

#include "auth/encoding.hpp"
#include "json_writer.hpp"

#include <interop/adapter/support.hpp>
#include <interop/json/bounded.hpp>

#include <rapidjson/document.h>

namespace hubd {

namespace {

constexpr std::int64_t leeway_seconds = 30;
constexpr std::size_t max_token_bytes = 8192;

std::string join_scopes(const std::vector<std::string>& scopes) {
    std::string out;
    for (const auto& s : scopes) out += (out.empty() ? "" : " ") + s;
    return out;
}

std::optional<rapidjson::Document> parse_part(std::string_view b64) {
    auto text = base64url_decode(b64);
    if (!text) return std::nullopt;
    rapidjson::Document doc;
    if (interop::json::parse_bounded(*text, doc) || !doc.IsObject()) return std::nullopt;
    return doc;
}

std::string string_member(const rapidjson::Value& v, const char* name) {
    auto it = v.FindMember(name);
    return it != v.MemberEnd() && it->value.IsString() ? std::string(it->value.GetString(), it->value.GetStringLength()) : std::string();
}

std::optional<std::int64_t> int_member(const rapidjson::Value& v, const char* name) {
    auto it = v.FindMember(name);
    if (it == v.MemberEnd() || !it->value.IsInt64()) return std::nullopt;
    return it->value.GetInt64();
}

token_check reject(std::string why) { return {std::nullopt, std::move(why)}; }

} // namespace

std::string sign_jws(std::string_view payload_json, const signing_key& key, std::string_view type) {
    json_writer header;
    header.StartObject();
    header.member("alg", "ES256").member("typ", type).member("kid", key.id());
    header.EndObject();
    const auto signing_input = base64url_encode(header.str()) + "." + base64url_encode(payload_json);
    return signing_input + "." + base64url_encode(key.sign(signing_input));
}

std::optional<std::string> verify_jws(std::string_view jws, const signing_key& key) {
    const auto dot1 = jws.find('.'), dot2 = jws.rfind('.');
    if (dot1 == std::string_view::npos || dot1 == dot2 || jws.size() > max_token_bytes * 8) return std::nullopt;
    const auto signature = base64url_decode(jws.substr(dot2 + 1));
    if (!signature || !key.verify(jws.substr(0, dot2), *signature)) return std::nullopt;
    const auto header = parse_part(jws.substr(0, dot1));
    if (!header || string_member(*header, "alg") != "ES256") return std::nullopt;
    return base64url_decode(jws.substr(dot1 + 1, dot2 - dot1 - 1));
}

std::string issue_token(const token_claims& c, const signing_key& key) {
    json_writer body;
    body.StartObject();
    body.member("iss", c.issuer).member("aud", c.audience).member("sub", c.subject).member("scope", join_scopes(c.scopes));
    body.member("iat", c.issued_at).member("nbf", c.not_before).member("exp", c.expires).member("jti", c.token_id);
    body.EndObject();
    return sign_jws(body.str(), key);
}

token_check verify_token(std::string_view token, const signing_key& key, const std::string& issuer, const std::string& audience,
                         std::int64_t now) {
    if (token.size() > max_token_bytes) return reject("token too long");
    const auto dot1 = token.find('.');
    const auto dot2 = dot1 == std::string_view::npos ? dot1 : token.find('.', dot1 + 1);
    if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos) return reject("not a compact JWS");
    // The algorithm is pinned: whatever the header says (`none`, an HMAC keyed with our public
    // key), only an ES256 signature by our key passes; nothing unsigned is parsed before that.
    const auto signature = base64url_decode(token.substr(dot2 + 1));
    if (!signature || !key.verify(token.substr(0, dot2), *signature)) return reject("bad signature");
    const auto header = parse_part(token.substr(0, dot1));
    if (!header) return reject("unreadable header");
    if (string_member(*header, "alg") != "ES256") return reject("algorithm is not ES256");
    const auto body = parse_part(token.substr(dot1 + 1, dot2 - dot1 - 1));
    if (!body) return reject("unreadable claims");
    token_claims c;
    c.issuer = string_member(*body, "iss");
    c.audience = string_member(*body, "aud");
    c.subject = string_member(*body, "sub");
    c.scopes = interop::adapter_support::split_nonempty(string_member(*body, "scope"), ' ');
    c.token_id = string_member(*body, "jti");
    const auto exp = int_member(*body, "exp"), nbf = int_member(*body, "nbf"), iat = int_member(*body, "iat");
    if (c.issuer != issuer) return reject("wrong issuer");
    if (c.audience != audience) return reject("wrong audience");
    if (!exp || now >= *exp + leeway_seconds) return reject("expired");
    if (!nbf || now + leeway_seconds < *nbf) return reject("not yet valid");
    if (c.subject.empty()) return reject("no subject");
    c.expires = *exp;
    c.not_before = *nbf;
    c.issued_at = iat.value_or(0);
    return {std::move(c), {}};
}

} // namespace hubd
