#pragma once
/**
 * @file Requests and responses as the router sees them: plain data, no sockets, no Beast. The
 * session converts to and from the wire; everything else is tested on these.
 */

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hubd::http {

using fields = std::vector<std::pair<std::string, std::string>>;

struct request {
    std::string method;  ///< `GET`, `POST`, …
    std::string target;  ///< as received: path and query
    std::string path;    ///< percent-decoded path
    fields query;        ///< percent-decoded, in order
    fields headers;      ///< names lowercased
    std::string body;
    std::string remote;  ///< peer address, for logs
    std::string client_certificate; ///< SHA-256 fingerprint of a verified TLS client certificate

    /** Builds path and query from `target`; false when it is not a valid origin-form target. */
    bool parse_target();
    std::optional<std::string> header(std::string_view name) const;
    std::optional<std::string> param(std::string_view name) const;
};

/** Builds a request for tests and internal calls. */
request make_request(std::string method, std::string target, std::string body = {}, fields headers = {});

struct response {
    int status = 200;
    fields headers;
    std::string body;
    /**
     * Long-poll: when set, the session holds the request until a change is committed or this
     * moment comes, then routes it again (with `wait` spent).
     */
    std::optional<std::chrono::steady_clock::time_point> hold_until;

    response& set(std::string name, std::string value);
    std::optional<std::string> header(std::string_view name) const;
};

response json_response(int status, std::string body);
/** 204, no body. */
response no_content();
/** `{"error": {"code": …, "message": …}}`. */
response error_response(int status, std::string_view code, std::string_view message);

/** Decodes %XX and, in queries, `+`; nullopt on a malformed escape. */
std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space);
std::string percent_encode(std::string_view s);
std::string lower(std::string_view s);

} // namespace hubd::http
