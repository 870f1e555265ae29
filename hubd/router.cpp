#include "router.hpp"

#include "log.hpp"

#include <exception>

namespace hubd {

namespace {

std::vector<std::string_view> segments(std::string_view path) {
    std::vector<std::string_view> out;
    std::size_t start = 1;
    while (start <= path.size()) {
        auto end = path.find('/', start);
        if (end == std::string_view::npos) end = path.size();
        out.push_back(path.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

bool matches(std::string_view pattern, std::string_view path, path_params& params) {
    const auto want = segments(pattern), got = segments(path);
    if (want.size() != got.size()) return false;
    path_params found;
    for (std::size_t i = 0; i < want.size(); ++i) {
        const auto w = want[i];
        if (w.size() > 2 && w.front() == '{' && w.back() == '}') {
            if (got[i].empty()) return false;
            found.emplace(std::string(w.substr(1, w.size() - 2)), std::string(got[i]));
        } else if (w != got[i]) {
            return false;
        }
    }
    params = std::move(found);
    return true;
}

} // namespace

const route* router::match(std::string_view method, std::string_view path, path_params& params) const {
    for (const auto& r : m_routes)
        if (r.method == method && matches(r.pattern, path, params)) return &r;
    return nullptr;
}

std::size_t router::body_limit(std::string_view method, std::string_view path) const {
    path_params ignored;
    if (const auto* r = match(method, path, ignored)) return r->max_body;
    return 64 << 10;
}

http::response router::handle(const http::request& req, hub& h, std::size_t& route_index) const {
    path_params params;
    route_index = m_routes.size();
    if (const auto* r = match(req.method, req.path, params)) {
        route_index = static_cast<std::size_t>(r - m_routes.data());
        try {
            return r->handler(req, params, h);
        } catch (const std::exception& e) {
            // A route that throws is a bug or a store failure: the log says what, the client only that.
            log_event("error", "route_failed", {{"route", r->pattern}, {"error", e.what()}});
            return http::error_response(500, "internal_error", "the request could not be served; see the hub's log");
        }
    }
    std::string allow;
    for (const auto& r : m_routes)
        if (matches(r.pattern, req.path, params) && allow.find(r.method) == std::string::npos) allow += (allow.empty() ? "" : ", ") + r.method;
    if (allow.empty()) return http::error_response(404, "not_found", "no such resource");
    auto res = http::error_response(405, "method_not_allowed", "method " + req.method + " is not allowed here");
    res.set("Allow", allow);
    return res;
}

} // namespace hubd
