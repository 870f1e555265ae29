#pragma once
/**
 * @file The HTTP the api suite needs: a client (HTTP and HTTPS, a connection per request)
 * and a small server (the webhook receiver; a proxy in the tests).
 */

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace conformance::api {

using header_list = std::vector<std::pair<std::string, std::string>>;

struct message {
    int status = 0;          ///< responses
    std::string method;      ///< requests
    std::string target;      ///< requests: path and query
    header_list headers;
    std::string body;
    /** The first header of that name (case-insensitive), or empty. */
    std::string header(std::string_view name) const;
};

/** `scheme://host[:port]` and the rest of a URL. @throws std::runtime_error naming the URL when it is not http(s). */
struct url {
    bool tls = false;
    std::string host, port, target;
    static url parse(const std::string& text);
};

class http_client {
public:
    /** `base` is `http(s)://host[:port]`; targets are paths below it, or whole URLs. */
    explicit http_client(std::string base, bool verify_tls = true);

    /**
     * Sends one request on a new connection (30 s limit) and returns the answer.
     * @throws std::runtime_error naming the URL when no answer comes.
     */
    message send(const std::string& method, const std::string& target, const header_list& headers = {}, const std::string& body = {}) const;
    message get(const std::string& target, const header_list& headers = {}) const { return send("GET", target, headers); }

    const std::string& base() const { return m_base; }

private:
    std::string m_base;
    bool m_verify_tls;
};

/** A threaded HTTP/1.1 server on `address:port` (port 0: a free one), answering each request with `handler`. */
class http_server {
public:
    using handler = std::function<message(const message& request)>;
    http_server(const std::string& address, unsigned short port, handler h);
    http_server(const http_server&) = delete;
    http_server& operator=(const http_server&) = delete;
    ~http_server();
    unsigned short port() const;

private:
    struct impl;
    std::unique_ptr<impl> m_impl;
};

} // namespace conformance::api
