#include "api/http.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <openssl/ssl.h>

#include <stdexcept>
#include <strings.h>

namespace conformance::api {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

constexpr std::chrono::seconds request_limit{30};

std::string message::header(std::string_view name) const {
    for (const auto& [k, v] : headers)
        if (k.size() == name.size() && strncasecmp(k.data(), name.data(), name.size()) == 0) return v;
    return {};
}

url url::parse(const std::string& text) {
    url u;
    std::string rest;
    if (text.rfind("http://", 0) == 0) rest = text.substr(7);
    else if (text.rfind("https://", 0) == 0) u.tls = true, rest = text.substr(8);
    else throw std::runtime_error("not an http(s) URL: " + text);
    const auto slash = rest.find('/');
    const auto authority = rest.substr(0, slash);
    u.target = slash == std::string::npos ? "/" : rest.substr(slash);
    const auto colon = authority.rfind(':');
    const bool has_port = colon != std::string::npos && authority.find(']', colon) == std::string::npos;
    u.host = has_port ? authority.substr(0, colon) : authority;
    u.port = has_port ? authority.substr(colon + 1) : (u.tls ? "443" : "80");
    if (u.host.size() > 2 && u.host.front() == '[') u.host = u.host.substr(1, u.host.size() - 2);
    if (u.host.empty()) throw std::runtime_error("no host in URL: " + text);
    return u;
}

namespace {

bhttp::request<bhttp::string_body> to_beast(const std::string& method, const url& u, const header_list& headers, const std::string& body) {
    bhttp::request<bhttp::string_body> req;
    req.method_string(method);
    req.target(u.target);
    req.version(11);
    const bool default_port = u.port == (u.tls ? "443" : "80");
    const auto host = u.host.find(':') != std::string::npos ? "[" + u.host + "]" : u.host; // IPv6
    req.set(bhttp::field::host, default_port ? host : host + ":" + u.port);
    req.set(bhttp::field::user_agent, "interop-conformance");
    req.set(bhttp::field::connection, "close");
    for (const auto& [k, v] : headers) req.set(k, v);
    req.body() = body;
    req.prepare_payload();
    return req;
}

message from_beast(bhttp::response<bhttp::string_body>& res) {
    message m;
    m.status = static_cast<int>(res.result_int());
    for (const auto& f : res) m.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
    m.body = std::move(res.body());
    return m;
}

template <class Stream> message exchange(Stream& stream, const bhttp::request<bhttp::string_body>& req) {
    bhttp::write(stream, req);
    beast::flat_buffer buffer;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(256U << 20);
    bhttp::read(stream, buffer, parser);
    auto res = parser.release();
    return from_beast(res);
}

message plain(const url& u, const bhttp::request<bhttp::string_body>& req) {
    asio::io_context io;
    beast::tcp_stream stream(io);
    stream.expires_after(request_limit);
    stream.connect(tcp::resolver(io).resolve(u.host, u.port));
    auto out = exchange(stream, req);
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    return out;
}

message secure(const url& u, const bhttp::request<bhttp::string_body>& req, bool verify) {
    asio::io_context io;
    asio::ssl::context ctx(asio::ssl::context::tls_client);
    ctx.set_default_verify_paths();
    ctx.set_verify_mode(verify ? asio::ssl::verify_peer : asio::ssl::verify_none);
    beast::ssl_stream<beast::tcp_stream> stream(io, ctx);
    if (!SSL_set_tlsext_host_name(stream.native_handle(), u.host.c_str())) throw std::runtime_error("cannot set SNI for " + u.host);
    if (verify) stream.set_verify_callback(asio::ssl::host_name_verification(u.host));
    beast::get_lowest_layer(stream).expires_after(request_limit);
    beast::get_lowest_layer(stream).connect(tcp::resolver(io).resolve(u.host, u.port));
    stream.handshake(asio::ssl::stream_base::client);
    auto out = exchange(stream, req);
    beast::error_code ec;
    stream.shutdown(ec);
    return out;
}

} // namespace

http_client::http_client(std::string base, bool verify_tls) : m_base(std::move(base)), m_verify_tls(verify_tls) {
    while (!m_base.empty() && m_base.back() == '/') m_base.pop_back();
    url::parse(m_base);
}

message http_client::send(const std::string& method, const std::string& target, const header_list& headers, const std::string& body) const {
    const auto full = target.rfind("http", 0) == 0 ? target : m_base + target;
    const auto u = url::parse(full);
    try {
        const auto req = to_beast(method, u, headers, body);
        return u.tls ? secure(u, req, m_verify_tls) : plain(u, req);
    } catch (const boost::system::system_error& e) {
        throw std::runtime_error(method + " " + full + ": " + e.code().message());
    }
}

} // namespace conformance::api
