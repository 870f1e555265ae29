// POST /oauth/token (RFC 6749 §4.4 client credentials) and GET /.well-known/jwks.json.
#include "hub.hpp"
#include "json_writer.hpp"
#include "routes/access.hpp"
#include "routes/routes.hpp"

#include <interop/adapter/support.hpp>

#include <openssl/evp.h>

namespace hubd {

namespace {

http::response oauth_error(int status, std::string_view code, std::string_view description) {
    json_writer w;
    w.StartObject();
    w.member("error", code).member("error_description", description);
    w.EndObject();
    auto res = http::json_response(status, w.str());
    res.set("Cache-Control", "no-store");
    if (status == 401) res.set("WWW-Authenticate", R"(Basic realm="hubd")");
    return res;
}

std::optional<std::string> base64_decode(std::string_view text) {
    if (text.empty() || text.size() % 4 != 0 || text.size() > 4096) return std::nullopt;
    std::string out(text.size() / 4 * 3, '\0');
    const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(text.data()),
                                  static_cast<int>(text.size()));
    if (n < 0) return std::nullopt;
    std::size_t size = static_cast<std::size_t>(n);
    for (std::size_t i = text.size(); i > 0 && text[i - 1] == '='; --i) --size; // DecodeBlock counts padding as zeros
    out.resize(size);
    return out;
}

/** Client id and secret from HTTP Basic (each form-encoded, RFC 6749 §2.3.1) or from the form body. */
std::optional<std::pair<std::string, std::string>> client_credentials(const http::request& req, const http::request& form) {
    if (auto header = req.header("authorization"); header && http::lower(header->substr(0, 6)) == "basic ") {
        const auto decoded = base64_decode(std::string_view(*header).substr(6));
        if (!decoded) return std::nullopt;
        const auto colon = decoded->find(':');
        if (colon == std::string::npos) return std::nullopt;
        auto id = http::percent_decode(decoded->substr(0, colon), true), secret = http::percent_decode(decoded->substr(colon + 1), true);
        if (!id || !secret) return std::nullopt;
        return std::pair{*id, *secret};
    }
    auto id = form.param("client_id"), secret = form.param("client_secret");
    if (!id || !secret) return std::nullopt;
    return std::pair{*id, *secret};
}

http::response token(const http::request& req, const path_params&, hub& h) {
    auto form = http::make_request("POST", "/?" + req.body);
    if (form.query.empty() && !req.body.empty()) return oauth_error(400, "invalid_request", "the body must be application/x-www-form-urlencoded");
    if (form.param("grant_type") != "client_credentials")
        return oauth_error(400, "unsupported_grant_type", "only grant_type=client_credentials is supported");
    const auto credentials = client_credentials(req, form);
    if (!credentials) return oauth_error(401, "invalid_client", "client authentication is required");
    const auto issued = h.auth().issue(credentials->first, credentials->second, interop::adapter_support::split_nonempty(form.param("scope").value_or(""), ' '));
    if (!issued) return oauth_error(401, "invalid_client", "unknown client or wrong secret");
    if (issued->token.empty()) return oauth_error(400, "invalid_scope", "a requested scope is not granted to this client");
    json_writer w;
    w.StartObject();
    w.member("access_token", issued->token).member("token_type", "Bearer").member("expires_in", issued->expires_in);
    std::string scopes;
    for (const auto& s : issued->scopes) scopes += (scopes.empty() ? "" : " ") + s;
    w.member("scope", scopes);
    w.EndObject();
    auto res = http::json_response(200, w.str());
    res.set("Cache-Control", "no-store");
    return res;
}

http::response jwks(const http::request&, const path_params&, hub& h) {
    return http::json_response(200, R"({"keys":[)" + h.auth().key().public_jwk() + "]}");
}

} // namespace

void add_token_routes(router& r) {
    r.add({"POST", "/oauth/token", token});
    r.add({"GET", "/.well-known/jwks.json", jwks});
}

} // namespace hubd
