#pragma once
/**
 * @file The router: a pure function from request to response. Routes are registered by the
 * resource files in routes/, each with its pattern (`/v1/imports/{id}`) and its limits.
 */

#include "http/message.hpp"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace hubd {

class hub;

using path_params = std::map<std::string, std::string>;
using route_handler = std::function<http::response(const http::request&, const path_params&, hub&)>;

struct route {
    std::string method;
    std::string pattern;          ///< literal segments and `{name}` segments
    route_handler handler;
    std::size_t max_body = 64 << 10; ///< bytes; larger bodies get 413 before they are read
    /** Runs on the worker pool, not on the connection's thread: imports and exports take seconds. */
    bool offload = false;
};

class router {
public:
    void add(route r);

    /**
     * Routes a request: 404 for no path, 405 (with Allow) for a path without this method.
     * `route_index` receives the index of the route taken (routes().size() for none).
     */
    http::response handle(const http::request& req, hub& h, std::size_t& route_index) const;
    /** The route for a method and path, or nullptr; fills `params`. */
    const route* match(std::string_view method, std::string_view path, path_params& params) const;
    /** The route of a request line, known before its body is read (its limit, where it runs); nullptr for none. */
    const route* find(std::string_view method, std::string_view path) const;
    const std::vector<route>& routes() const { return m_routes; }

private:
    std::vector<route> m_routes;
    std::vector<std::vector<std::string>> m_segments; ///< each route's pattern, split once
};

/** Every route of hubd. */
router make_router();

} // namespace hubd
