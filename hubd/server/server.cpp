#include "server/server.hpp"

#include "log.hpp"
#include "server/session.hpp"
#include "server/tls.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/beast/ssl.hpp>

#include <thread>

namespace hubd {

namespace net {

namespace {

/** Sockets and streams bound to their loop's concrete executor: no type-erased executor copied per operation. */
using loop_executor = asio::io_context::executor_type;
using socket_type = asio::basic_stream_socket<asio::ip::tcp, loop_executor>;
using stream_type = beast::basic_stream<asio::ip::tcp, loop_executor>;

std::string peer_of(const socket_type& socket) {
    beast::error_code ec;
    const auto ep = socket.remote_endpoint(ec);
    return ec ? std::string("?") : ep.address().to_string() + ":" + std::to_string(ep.port());
}

class plain_session : public http_session<plain_session>, public std::enable_shared_from_this<plain_session> {
public:
    plain_session(session_env& env, socket_type&& socket)
        : http_session(env, socket.get_executor()), m_stream(std::move(socket)) {
        m_remote = peer_of(m_stream.socket());
    }
    ~plain_session() { leave_env(); }
    void start() {
        enter_env();
        read_request();
    }
    stream_type& stream() { return m_stream; }
    void close() {
        beast::error_code ec;
        m_stream.socket().shutdown(socket_type::shutdown_send, ec);
        m_stream.close();
    }

private:
    stream_type m_stream;
};

class tls_session : public http_session<tls_session>, public std::enable_shared_from_this<tls_session> {
public:
    tls_session(session_env& env, socket_type&& socket, asio::ssl::context& ctx)
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
    beast::ssl_stream<stream_type>& stream() { return m_stream; }
    void close() { beast::get_lowest_layer(m_stream).close(); }

private:
    beast::ssl_stream<stream_type> m_stream;
};

} // namespace

} // namespace net

/**
 * One event loop per I/O thread, each connection on one loop for its whole life: its handlers
 * never run concurrently, so no strand and no lock is taken per operation (a shared loop with
 * a strand per connection spent a quarter of each request there). The acceptor, signals and
 * shutdown timer live on the first loop.
 */
struct server::impl {
    using work_guard = net::asio::executor_work_guard<net::asio::io_context::executor_type>;

    impl(hub& h, const server_settings& s) : settings(s), env(h, settings, s.worker_threads), loops(make_loops(s.io_threads)),
          acceptor(main()), signals(main(), SIGINT, SIGTERM), grace_timer(main()) {
        if (s.tls.enabled()) tls = net::make_tls_context(s.tls);
        const net::asio::ip::tcp::endpoint ep(net::asio::ip::make_address(s.address), s.port);
        acceptor.open(ep.protocol());
        acceptor.set_option(net::asio::socket_base::reuse_address(true));
        acceptor.bind(ep);
        acceptor.listen(net::asio::socket_base::max_listen_connections);
        for (auto& loop : loops) guards.emplace_back(loop->get_executor());
    }

    static std::vector<std::unique_ptr<net::asio::io_context>> make_loops(int n) {
        std::vector<std::unique_ptr<net::asio::io_context>> out;
        for (int i = 0; i < n; ++i) out.push_back(std::make_unique<net::asio::io_context>(1));
        return out;
    }
    net::asio::io_context& main() { return *loops.front(); }
    /** The loops take new connections in turn. */
    net::asio::io_context& next_loop() { return *loops[next++ % loops.size()]; }

    void accept() {
        acceptor.async_accept(next_loop(), [this](net::beast::error_code ec, net::socket_type socket) {
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
    static void refuse_busy(net::socket_type socket) {
        static const std::string busy = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nRetry-After: 1\r\nConnection: close\r\n\r\n";
        auto s = std::make_shared<net::socket_type>(std::move(socket));
        net::asio::async_write(*s, net::asio::buffer(busy), [s](net::beast::error_code, std::size_t) {
            net::beast::error_code ignored;
            s->shutdown(net::socket_type::shutdown_both, ignored);
        });
    }

    /** Stops accepting, lets in-flight requests finish, then stops the loops (at the latest after the grace period). */
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
        if (env.live() == 0 || std::chrono::steady_clock::now() >= stop_deadline) return stop_loops();
        grace_timer.expires_after(std::chrono::milliseconds(20));
        grace_timer.async_wait([this](net::beast::error_code) { wait_for_sessions(); });
    }

    void stop_loops() {
        guards.clear();
        for (auto& loop : loops) loop->stop();
    }

    server_settings settings;
    net::session_env env;
    std::vector<std::unique_ptr<net::asio::io_context>> loops;
    std::vector<work_guard> guards; ///< keep idle loops running until the stop
    std::size_t next = 0;
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
    for (std::size_t i = 1; i < m_impl->loops.size(); ++i) threads.emplace_back([this, i] { m_impl->loops[i]->run(); });
    m_impl->main().run();
    for (auto& t : threads) t.join();
    m_impl->env.join_workers();
}

void server::stop() {
    net::asio::post(m_impl->main(), [this] { m_impl->begin_stop(); });
}

} // namespace hubd
