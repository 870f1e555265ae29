#include "http/message.hpp"

#include "json_writer.hpp"

namespace hubd::http {

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::optional<std::string> find(const fields& f, std::string_view name) {
    for (const auto& [k, v] : f)
        if (k == name) return v;
    return std::nullopt;
}

bool parse_query(std::string_view q, fields& out) {
    std::size_t start = 0;
    while (start <= q.size()) {
        auto end = q.find('&', start);
        if (end == std::string_view::npos) end = q.size();
        const auto pair = q.substr(start, end - start);
        if (!pair.empty()) {
            const auto eq = pair.find('=');
            auto name = percent_decode(pair.substr(0, eq), true);
            auto value = percent_decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), true);
            if (!name || !value) return false;
            out.emplace_back(std::move(*name), std::move(*value));
        }
        start = end + 1;
    }
    return true;
}

} // namespace

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%') {
            const int hi = i + 1 < s.size() ? hex_value(s[i + 1]) : -1, lo = i + 2 < s.size() ? hex_value(s[i + 2]) : -1;
            if (hi < 0 || lo < 0) return std::nullopt;
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
        } else {
            out += plus_is_space && s[i] == '+' ? ' ' : s[i];
        }
    }
    return out;
}

std::string percent_encode(std::string_view s) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                           c == '.' || c == '~';
        if (plain) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

bool request::parse_target() {
    if (target.empty() || target[0] != '/') return false;
    const auto q = target.find('?');
    auto decoded = percent_decode(std::string_view(target).substr(0, q), false);
    if (!decoded || decoded->find('\0') != std::string::npos) return false;
    path = std::move(*decoded);
    query.clear();
    return q == std::string::npos || parse_query(std::string_view(target).substr(q + 1), query);
}

std::optional<std::string> request::header(std::string_view name) const { return find(headers, name); }
std::optional<std::string> request::param(std::string_view name) const { return find(query, name); }

request make_request(std::string method, std::string target, std::string body, fields headers) {
    request r;
    r.method = std::move(method);
    r.target = std::move(target);
    r.body = std::move(body);
    for (auto& [k, v] : headers) r.headers.emplace_back(lower(k), std::move(v));
    r.parse_target();
    return r;
}

response& response::set(std::string name, std::string value) {
    for (auto& [k, v] : headers)
        if (lower(k) == lower(name)) {
            v = std::move(value);
            return *this;
        }
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
}

std::optional<std::string> response::header(std::string_view name) const {
    for (const auto& [k, v] : headers)
        if (lower(k) == lower(name)) return v;
    return std::nullopt;
}

response no_content() {
    response res;
    res.status = 204;
    return res;
}

response json_response(int status, std::string body) {
    response r;
    r.status = status;
    r.body = std::move(body);
    r.set("Content-Type", "application/json");
    return r;
}

response error_response(int status, std::string_view code, std::string_view message) {
    json_writer w;
    w.StartObject();
    w.Key("error");
    w.StartObject();
    w.member("code", code).member("message", message);
    w.EndObject();
    w.EndObject();
    return json_response(status, w.str());
}

} // namespace hubd::http
