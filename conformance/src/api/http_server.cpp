#include "api/http.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <list>
#include <mutex>
#include <thread>

namespace conformance::api {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr std::chrono::seconds connection_limit{30};

message from_beast(bhttp::request<bhttp::string_body>& req) {
    message m;
    m.method = std::string(req.method_string());
    m.target = std::string(req.target());
    for (const auto& f : req) m.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
    m.body = std::move(req.body());
    return m;
}

bhttp::response<bhttp::string_body> to_beast(const message& m, unsigned version) {
    bhttp::response<bhttp::string_body> res;
    res.result(static_cast<unsigned>(m.status));
    res.version(version);
    for (const auto& [k, v] : m.headers) res.set(k, v);
    res.body() = m.body;
    res.prepare_payload();
    return res;
}

/** Answers the requests of one connection until the client closes it or stays silent too long. */
void serve_connection(tcp::socket socket, const http_server::handler& handle) {
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    for (;;) {
        stream.expires_after(connection_limit);
        bhttp::request_parser<bhttp::string_body> parser;
        parser.body_limit(64U << 20);
        beast::error_code ec;
        bhttp::read(stream, buffer, parser, ec);
        if (ec) break;
        auto req = parser.release();
        const bool keep = req.keep_alive();
        message answer;
        try {
            answer = handle(from_beast(req));
        } catch (const std::exception& e) {
            answer = {500, {}, {}, {{"Content-Type", "text/plain"}}, e.what()};
        }
        auto res = to_beast(answer, req.version());
        res.keep_alive(keep);
        bhttp::write(stream, res, ec);
        if (ec || !keep) break;
    }
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
}

} // namespace

struct http_server::impl {
    asio::io_context io;
    tcp::acceptor acceptor{io};
    handler handle;
    std::thread loop;
    std::mutex mutex;
    std::list<std::thread> connections;

    void accept() {
        acceptor.async_accept([this](beast::error_code ec, tcp::socket s) {
            if (ec) return;
            std::lock_guard lock(mutex);
            connections.emplace_back([this, s = std::move(s)]() mutable { serve_connection(std::move(s), handle); });
            accept();
        });
    }
};

http_server::http_server(const std::string& address, unsigned short port, handler h) : m_impl(std::make_unique<impl>()) {
    m_impl->handle = std::move(h);
    const tcp::endpoint at(asio::ip::make_address(address), port);
    m_impl->acceptor.open(at.protocol());
    m_impl->acceptor.set_option(tcp::acceptor::reuse_address(true));
    m_impl->acceptor.bind(at);
    m_impl->acceptor.listen();
    m_impl->accept();
    m_impl->loop = std::thread([this] { m_impl->io.run(); });
}

http_server::~http_server() {
    asio::post(m_impl->io, [this] { m_impl->acceptor.close(); });
    m_impl->loop.join();
    std::lock_guard lock(m_impl->mutex);
    for (auto& t : m_impl->connections) t.join();
}

unsigned short http_server::port() const { return m_impl->acceptor.local_endpoint().port(); }

} // namespace conformance::api
