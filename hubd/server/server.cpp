#include "server/server.hpp"

#include "log.hpp"
#include "server/session.hpp"
#include "server/tls.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/ssl.hpp>

#include <thread>

namespace hubd {

namespace net {

namespace {

std::string peer_of(const asio::ip::tcp::socket& socket) {
    beast::error_code ec;
    const auto ep = socket.remote_endpoint(ec);
    return ec ? std::string("?") : ep.address().to_string() + ":" + std::to_string(ep.port());
}

class plain_session : public http_session<plain_session>, public std::enable_shared_from_this<plain_session> {
public:
    plain_session(session_env& env, asio::ip::tcp::socket&& socket)
        : http_session(env, socket.get_executor()), m_stream(std::move(socket)) {
        m_remote = peer_of(m_stream.socket());
    }
    ~plain_session() { leave_env(); }
    void start() {
        enter_env();
        read_request();
    }
    beast::tcp_stream& stream() { return m_stream; }
    void close() {
        beast::error_code ec;
        m_stream.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
        m_stream.close();
    }

private:
    beast::tcp_stream m_stream;
};

class tls_session : public http_session<tls_session>, public std::enable_shared_from_this<tls_session> {
public:
    tls_session(session_env& env, asio::ip::tcp::socket&& socket, asio::ssl::context& ctx)
        : http_session(env, socket.get_executor()), m_stream(std::move(socket), ctx) {
        m_remote = peer_of(beast::get_lowest_layer(m_stream).socket());
    }
    ~tls_session() { leave_env(); }
    void start() {
        enter_env();
        beast::get_lowest_layer(m_stream).expires_after(settings().header_timeout);
        m_stream.async_handshake(asio::ssl::stream_base::server, [s = shared_from_this()](beast::error_code ec) {
            if (ec) return s->close();
            s->m_client_certificate = verified_peer_fingerprint(s->m_stream.native_handle());
            s->read_request();
        });
    }
    beast::ssl_stream<beast::tcp_stream>& stream() { return m_stream; }
    void close() { beast::get_lowest_layer(m_stream).close(); }

private:
    beast::ssl_stream<beast::tcp_stream> m_stream;
};

} // namespace

} // namespace net

struct server::impl {
    impl(hub& h, const server_settings& s)
        : settings(s), env(h, settings, s.worker_threads), acceptor(ioc), signals(ioc, SIGINT, SIGTERM), grace_timer(ioc) {
        if (s.tls.enabled()) tls = net::make_tls_context(s.tls);
        const net::asio::ip::tcp::endpoint ep(net::asio::ip::make_address(s.address), s.port);
        acceptor.open(ep.protocol());
        acceptor.set_option(net::asio::socket_base::reuse_address(true));
        acceptor.bind(ep);
        acceptor.listen(net::asio::socket_base::max_listen_connections);
    }

    void accept() {
        acceptor.async_accept(net::asio::make_strand(ioc), [this](net::beast::error_code ec, net::asio::ip::tcp::socket socket) {
            if (ec) {
                if (acceptor.is_open()) accept();
                return;
            }
            if (env.live() >= settings.max_connections) {
                refuse_busy(std::move(socket));
            } else if (tls) {
                std::make_shared<net::tls_session>(env, std::move(socket), *tls)->start();
            } else {
                std::make_shared<net::plain_session>(env, std::move(socket))->start();
            }
            accept();
        });
    }

    /** Over the connection limit: a short 503 and close, without reading the request. */
    static void refuse_busy(net::asio::ip::tcp::socket socket) {
        static const std::string busy = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nRetry-After: 1\r\nConnection: close\r\n\r\n";
        auto s = std::make_shared<net::asio::ip::tcp::socket>(std::move(socket));
        net::asio::async_write(*s, net::asio::buffer(busy), [s](net::beast::error_code, std::size_t) {
            net::beast::error_code ignored;
            s->shutdown(net::asio::ip::tcp::socket::shutdown_both, ignored);
        });
    }

    /** Stops accepting, lets in-flight requests finish, then stops the loop (at the latest after the grace period). */
    void begin_stop() {
        if (stopping) return;
        stopping = true;
        log_event("info", "stopping", {{"live_connections", std::to_string(env.live())}});
        net::beast::error_code ignored;
        acceptor.close(ignored);
        signals.cancel();
        env.begin_stop();
        stop_deadline = std::chrono::steady_clock::now() + settings.shutdown_grace;
        wait_for_sessions();
    }

    void wait_for_sessions() {
        if (env.live() == 0 || std::chrono::steady_clock::now() >= stop_deadline) return ioc.stop();
        grace_timer.expires_after(std::chrono::milliseconds(20));
        grace_timer.async_wait([this](net::beast::error_code) { wait_for_sessions(); });
    }

    server_settings settings;
    net::asio::io_context ioc;
    net::session_env env;
    net::asio::ip::tcp::acceptor acceptor;
    net::asio::signal_set signals;
    net::asio::steady_timer grace_timer;
    std::unique_ptr<net::asio::ssl::context> tls;
    bool stopping = false;
    std::chrono::steady_clock::time_point stop_deadline;
};

server::server(hub& h, const server_settings& settings) : m_impl(std::make_unique<impl>(h, settings)) {}

server::~server() = default;

unsigned short server::port() const { return m_impl->acceptor.local_endpoint().port(); }

void server::run() {
    m_impl->accept();
    m_impl->signals.async_wait([this](net::beast::error_code ec, int) {
        if (!ec) m_impl->begin_stop();
    });
    std::vector<std::thread> threads;
    for (int i = 1; i < m_impl->settings.io_threads; ++i) threads.emplace_back([this] { m_impl->ioc.run(); });
    m_impl->ioc.run();
    for (auto& t : threads) t.join();
    m_impl->env.join_workers();
}

void server::stop() {
    net::asio::post(m_impl->ioc, [this] { m_impl->begin_stop(); });
}

} // namespace hubd
