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

template <class S> bool matches(const std::vector<S>& want, const std::vector<std::string_view>& got, path_params& params) {
    if (want.size() != got.size()) return false;
    for (std::size_t i = 0; i < want.size(); ++i) {
        const std::string_view w = want[i];
        const bool variable = w.size() > 2 && w.front() == '{' && w.back() == '}';
        if (variable ? got[i].empty() : w != got[i]) return false;
    }
    params.clear();
    for (std::size_t i = 0; i < want.size(); ++i) {
        const std::string_view w = want[i];
        if (w.size() > 2 && w.front() == '{' && w.back() == '}') params.emplace(std::string(w.substr(1, w.size() - 2)), std::string(got[i]));
    }
    return true;
}

} // namespace

void router::add(route r) {
    std::vector<std::string> parts;
    for (auto s : segments(r.pattern)) parts.emplace_back(s);
    m_segments.push_back(std::move(parts));
    m_routes.push_back(std::move(r));
}

const route* router::match(std::string_view method, std::string_view path, path_params& params) const {
    const auto got = segments(path);
    for (std::size_t i = 0; i < m_routes.size(); ++i)
        if (m_routes[i].method == method && matches(m_segments[i], got, params)) return &m_routes[i];
    return nullptr;
}

const route* router::find(std::string_view method, std::string_view path) const {
    path_params ignored;
    return match(method, path, ignored);
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
    const auto got = segments(req.path);
    for (std::size_t i = 0; i < m_routes.size(); ++i)
        if (matches(m_segments[i], got, params) && allow.find(m_routes[i].method) == std::string::npos)
            allow += (allow.empty() ? "" : ", ") + m_routes[i].method;
    if (allow.empty()) return http::error_response(404, "not_found", "no such resource");
    auto res = http::error_response(405, "method_not_allowed", "method " + req.method + " is not allowed here");
    res.set("Allow", allow);
    return res;
}

} // namespace hubd
