#pragma once
/**
 * @file One connection: read a request under the limits, hand it to the router on a worker,
 * write the response, keep alive. Plain and TLS sessions share this (CRTP over the stream).
 */

#include "log.hpp"
#include "server/request_checks.hpp"
#include "server/session_env.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <limits>
#include <memory>
#include <optional>

namespace hubd::net {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace asio = boost::asio;

template <class Derived>
class http_session {
public:
    explicit http_session(session_env& env, asio::any_io_executor ex) : m_env(env), m_hold_timer(ex) {}

protected:
    Derived& self() { return static_cast<Derived&>(*this); }
    auto& lowest() { return beast::get_lowest_layer(self().stream()); }
    const server_settings& settings() const { return m_env.settings(); }

    /** Waits for the next request: its first byte within the idle timeout, its header within the header timeout. */
    void read_request() {
        m_idle = true;
        if (m_buffer.size() > 0) return read_header();
        lowest().expires_after(settings().idle_timeout);
        auto buf = m_buffer.prepare(4096);
        self().stream().async_read_some(buf, [s = self().shared_from_this()](beast::error_code ec, std::size_t n) {
            if (ec) return s->self().close();
            s->m_buffer.commit(n);
            s->read_header();
        });
    }

    void read_header() {
        m_parser.emplace();
        m_parser->header_limit(static_cast<std::uint32_t>(settings().max_header_bytes));
        // Beast checks Content-Length against the body limit while parsing the header; the route's
        // limit is known only after it, and applied then.
        m_parser->body_limit(std::numeric_limits<std::uint64_t>::max());
        lowest().expires_after(settings().header_timeout);
        bhttp::async_read_header(self().stream(), m_buffer, *m_parser,
                                 [s = self().shared_from_this()](beast::error_code ec, std::size_t) { s->on_header(ec); });
    }

    void on_header(beast::error_code ec) {
        m_idle = false;
        if (ec == bhttp::error::header_limit) return refuse(431, "request_header_too_large", "the request header is too large");
        if (ec == bhttp::error::end_of_stream || (ec && !is_parse_error(ec))) return self().close(); // gone, timed out
        if (ec) return refuse(400, "bad_request", "the request is not valid HTTP/1.1: " + ec.message());
        const auto& h = m_parser->get();
        m_request = http::request{};
        for (const auto& f : h) m_request.headers.emplace_back(http::lower(std::string_view(f.name_string().data(), f.name_string().size())), std::string(f.value()));
        if (auto problem = framing_problem(m_request.headers)) return refuse(400, "bad_framing", *problem);
        m_request.method = std::string(h.method_string());
        m_request.target = std::string(h.target());
        if (!m_request.parse_target()) return refuse(400, "bad_target", "the request target is not a valid path");
        // Looked up once: its limit now, where it runs later (64 KiB and here for unknown paths, which 404).
        const auto* r = m_env.the_hub().routes().find(m_request.method, m_request.path);
        const std::size_t limit = r ? r->max_body : 64 << 10;
        m_offload = r && r->offload;
        if (m_parser->content_length() && *m_parser->content_length() > limit)
            return refuse(413, "payload_too_large", "the body is larger than this route takes (" + std::to_string(limit) + " bytes)");
        m_parser->body_limit(limit);
        if (http::lower(std::string(h[bhttp::field::expect])) == "100-continue") return send_continue();
        if (m_parser->is_done()) return on_request(); // no body (most GETs): no read to wait for
        read_body();
    }

    void send_continue() {
        auto res = std::make_shared<bhttp::response<bhttp::empty_body>>(bhttp::status::continue_, 11);
        lowest().expires_after(settings().write_timeout);
        bhttp::async_write(self().stream(), *res, [s = self().shared_from_this(), res](beast::error_code ec, std::size_t) {
            if (ec) return s->self().close();
            s->read_body();
        });
    }

    void read_body() {
        lowest().expires_after(settings().body_timeout);
        bhttp::async_read(self().stream(), m_buffer, *m_parser, [s = self().shared_from_this()](beast::error_code ec, std::size_t) {
            if (ec == bhttp::error::body_limit) return s->refuse(413, "payload_too_large", "the body is larger than this route takes");
            if (ec && is_parse_error(ec)) return s->refuse(400, "bad_request", "the request body is not valid HTTP/1.1 framing: " + ec.message());
            if (ec) return s->self().close();
            s->on_request();
        });
    }

    void on_request() {
        m_request.body = m_parser->release().body();
        m_keep_alive = m_parser->keep_alive();
        m_hold_deadline.reset();
        dispatch();
    }

    static bool is_parse_error(beast::error_code ec) { return ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category(); }

    /**
     * Routes on this connection's thread (most routes answer in microseconds, from memory or
     * an indexed read); routes marked offload (imports, exports) go to the worker pool so that
     * they do not hold up the other connections of this thread.
     */
    void dispatch() {
        m_dispatch_version = m_env.the_hub().changes().version();
        m_request.remote = m_remote;
        m_request.client_certificate = m_client_certificate;
        auto& h = m_env.the_hub();
        if (!m_offload) return on_routed(h.handle(m_request));
        asio::post(m_env.workers(), [s = self().shared_from_this()] {
            auto res = std::make_shared<http::response>(s->m_env.the_hub().handle(s->m_request));
            asio::post(s->self().stream().get_executor(), [s, res] { s->on_routed(std::move(*res)); });
        });
    }

    void on_routed(http::response res) {
        if (res.hold_until && !m_env.stopping()) {
            if (!m_hold_deadline) m_hold_deadline = res.hold_until;
            if (std::chrono::steady_clock::now() < *m_hold_deadline) return hold();
        }
        write(std::move(res), !m_keep_alive || m_env.stopping());
    }

    /** Long-poll: wait for a commit or the deadline, then route again. */
    void hold() {
        m_hold_timer.expires_at(*m_hold_deadline);
        auto wake = [s = self().shared_from_this()] { asio::post(s->m_hold_timer.get_executor(), [s] { s->m_hold_timer.cancel(); }); };
        const auto handle = m_env.the_hub().changes().wait(wake);
        m_hold_timer.async_wait([s = self().shared_from_this(), handle](beast::error_code) {
            s->m_env.the_hub().changes().cancel(handle);
            s->dispatch();
        });
        // A commit between the route's look at the feed and the registration above: look again now.
        if (m_env.the_hub().changes().version() != m_dispatch_version) m_hold_timer.cancel();
    }

    void refuse(int status, std::string_view code, const std::string& message) {
        write(http::error_response(status, code, message), true);
    }

    void write(http::response r, bool close) {
        auto res = std::make_shared<bhttp::response<bhttp::string_body>>(static_cast<bhttp::status>(r.status), 11);
        for (auto& [name, value] : r.headers) res->set(name, value);
        res->body() = std::move(r.body);
        res->keep_alive(!close);
        res->prepare_payload();
        lowest().expires_after(settings().write_timeout);
        bhttp::async_write(self().stream(), *res, [s = self().shared_from_this(), res, close](beast::error_code ec, std::size_t) {
            if (ec || close) return s->self().close();
            s->read_request();
        });
    }

    /** Registered with the environment: at shutdown, a connection between requests is closed. */
    void enter_env() {
        m_handle = m_env.enter([w = std::weak_ptr(self().shared_from_this())] {
            if (auto s = w.lock()) asio::post(s->self().stream().get_executor(), [s] {
                    if (s->m_idle) s->self().close();
                });
        });
    }
    void leave_env() { m_env.leave(m_handle); }

    session_env& m_env;
    beast::flat_buffer m_buffer{1 << 20}; // bounds what a client may pipeline ahead
    std::optional<bhttp::request_parser<bhttp::string_body>> m_parser;
    http::request m_request;
    bool m_keep_alive = true, m_idle = true, m_offload = false;
    std::optional<std::chrono::steady_clock::time_point> m_hold_deadline;
    std::uint64_t m_dispatch_version = 0; ///< change_signal's version when the route was asked
    asio::steady_timer m_hold_timer;
    std::string m_remote, m_client_certificate;
    std::uint64_t m_handle = 0;
};

} // namespace hubd::net
