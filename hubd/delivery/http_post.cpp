#include "delivery/http_post.hpp"

#include "delivery/await.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <optional>

namespace hubd {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

struct url_parts {
    bool tls = false;
    std::string host, port, target;
};

std::optional<url_parts> parse_url(const std::string& url) {
    url_parts u;
    std::string rest;
    if (url.starts_with("https://")) {
        u.tls = true;
        rest = url.substr(8);
    } else if (url.starts_with("http://")) {
        rest = url.substr(7);
    } else {
        return std::nullopt;
    }
    const auto slash = rest.find('/');
    const auto authority = rest.substr(0, slash);
    u.target = slash == std::string::npos ? "/" : rest.substr(slash);
    const auto colon = authority.rfind(':');
    const bool bracketed = !authority.empty() && authority.back() == ']';
    if (colon != std::string::npos && !bracketed) {
        u.host = authority.substr(0, colon);
        u.port = authority.substr(colon + 1);
    } else {
        u.host = authority;
        u.port = u.tls ? "443" : "80";
    }
    if (u.host.size() > 2 && u.host.front() == '[') u.host = u.host.substr(1, u.host.size() - 2);
    if (u.host.empty() || u.port.empty()) return std::nullopt;
    return u;
}

template <class Stream>
http_answer exchange(asio::io_context& ioc, Stream& stream, const url_parts& u, const http_call& call,
                     std::chrono::steady_clock::time_point deadline) {
    bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(call.method), u.target, 11};
    req.set(bhttp::field::host, u.host);
    req.set(bhttp::field::user_agent, "hubd");
    for (const auto& [name, value] : call.headers) req.set(name, value);
    req.body() = call.body;
    if (!call.body.empty() || call.method == "POST" || call.method == "PUT") req.prepare_payload();
    beast::get_lowest_layer(stream).expires_at(deadline);
    await(ioc, [&](auto done) { bhttp::async_write(stream, req, done); });
    beast::flat_buffer buffer;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 << 10);
    await(ioc, [&](auto done) { bhttp::async_read(stream, buffer, parser, done); });
    const int status = static_cast<int>(parser.get().result_int());
    return {status, parser.get().body(), status >= 200 && status < 300 ? "" : "HTTP " + std::to_string(status)};
}

} // namespace

http_answer http_exchange(const http_call& call, std::chrono::seconds timeout) {
    const auto u = parse_url(call.url);
    if (!u) return {0, "", "not an http or https URL: " + call.url};
    if (bhttp::string_to_verb(call.method) == bhttp::verb::unknown) return {0, "", "unknown HTTP method " + call.method};
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    try {
        asio::io_context ioc;
        asio::ip::tcp::resolver resolver(ioc);
        const auto endpoints = resolver.resolve(u->host, u->port);
        if (!u->tls) {
            beast::tcp_stream stream(ioc);
            stream.expires_at(deadline);
            await(ioc, [&](auto done) { stream.async_connect(endpoints, done); });
            auto r = exchange(ioc, stream, *u, call, deadline);
            beast::error_code ignored;
            stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
            return r;
        }
        asio::ssl::context ctx(asio::ssl::context::tls_client);
        ctx.set_default_verify_paths();
        ctx.set_verify_mode(asio::ssl::verify_peer);
        SSL_CTX_set_min_proto_version(ctx.native_handle(), TLS1_2_VERSION);
        beast::ssl_stream<beast::tcp_stream> stream(ioc, ctx);
        SSL_set_tlsext_host_name(stream.native_handle(), u->host.c_str());
        stream.set_verify_callback(asio::ssl::host_name_verification(u->host));
        beast::get_lowest_layer(stream).expires_at(deadline);
        await(ioc, [&](auto done) { beast::get_lowest_layer(stream).async_connect(endpoints, done); });
        await(ioc, [&](auto done) { stream.async_handshake(asio::ssl::stream_base::client, done); });
        return exchange(ioc, stream, *u, call, deadline);
    } catch (const std::exception& e) {
        return {0, "", e.what()};
    }
}

webhook_sender make_http_sender(std::chrono::seconds timeout) {
    return [timeout](const std::string& url, const std::string& body, const std::vector<std::pair<std::string, std::string>>& headers) {
        const auto a = http_exchange({"POST", url, headers, body}, timeout);
        return post_result{a.status, a.error};
    };
}

http_caller make_http_caller(std::chrono::seconds timeout) {
    return [timeout](const http_call& call) { return http_exchange(call, timeout); };
}

} // namespace hubd
