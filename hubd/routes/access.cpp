#include "routes/access.hpp"

#include "hub.hpp"

#include <interop/adapter/support.hpp>

#include <charconv>

namespace hubd {

caller authenticate(const http::request& req, hub& h) {
    const auto header = req.header("authorization");
    constexpr std::string_view bearer = "bearer ";
    if (header && header->size() > bearer.size() && http::lower(header->substr(0, bearer.size())) == bearer)
        if (auto who = h.auth().verify(std::string_view(*header).substr(bearer.size()))) return *who;
    if (!header && !req.client_certificate.empty())
        if (auto who = h.auth().by_certificate(req.client_certificate)) return *who;
    auto res = http::error_response(401, header ? "invalid_token" : "unauthorized",
                                    header ? "the access token is invalid or expired" : "an access token is required");
    res.set("WWW-Authenticate", header ? R"(Bearer realm="hubd", error="invalid_token")" : R"(Bearer realm="hubd")");
    return res;
}

http::response missing_scope(std::string_view scope) {
    auto res = http::error_response(403, "insufficient_scope", "this needs the scope " + std::string(scope));
    res.set("WWW-Authenticate", R"(Bearer realm="hubd", error="insufficient_scope", scope=")" + std::string(scope) + "\"");
    return res;
}

http::response no_such_school() { return http::error_response(404, "not_found", "no such school"); }

std::string scope_for(const kind_info& k, bool write) { return std::string(k.scope) + (write ? ":write" : ":read"); }

std::optional<std::uint64_t> number_param(const http::request& req, std::string_view name, std::uint64_t max,
                                          std::optional<http::response>& error) {
    const auto text = req.param(name);
    if (!text) return std::nullopt;
    std::uint64_t value = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (text->empty() || ec != std::errc() || end != text->data() + text->size() || value > max) {
        error = http::error_response(400, "invalid_parameter",
                                     std::string(name) + " must be a whole number from 0 to " + std::to_string(max));
        return std::nullopt;
    }
    return value;
}

std::vector<std::string> list_param(const http::request& req, std::string_view name) {
    return interop::adapter_support::split_nonempty(req.param(name).value_or(""), ',');
}

} // namespace hubd
