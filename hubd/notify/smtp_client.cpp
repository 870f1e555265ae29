#include "notify/smtp_client.hpp"

#include "delivery/await.hpp"
#include "notify/mail_format.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>

#include <chrono>
#include <optional>

namespace hubd {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;

struct reply {
    int code = 0;
    std::string text; ///< every line, joined
};

/** A refusal the session stops at: 5xx is final. */
struct smtp_refusal {
    reply r;
    std::string step;
};

/** Line I/O over a plain or TLS stream, every operation bounded by the session's deadline. */
template <class Stream> class conversation {
public:
    conversation(asio::io_context& ioc, Stream& stream, std::string& buffer) : m_ioc(ioc), m_stream(stream), m_buffer(buffer) {}

    reply read_reply() {
        reply r;
        for (;;) {
            std::size_t n = 0;
            await(m_ioc, [&](auto done) {
                asio::async_read_until(m_stream, asio::dynamic_buffer(m_buffer, 64 << 10), "\r\n",
                                       [&n, done](beast::error_code ec, std::size_t got) mutable {
                                           n = got;
                                           done(ec);
                                       });
            });
            const auto line = m_buffer.substr(0, n - 2);
            m_buffer.erase(0, n);
            if (line.size() < 3) throw std::runtime_error("SMTP: a reply line without its code: " + line);
            r.code = std::stoi(line.substr(0, 3));
            r.text += (r.text.empty() ? "" : " ") + line;
            if (line.size() == 3 || line[3] != '-') return r;
        }
    }

    void write(const std::string& text) {
        await(m_ioc, [&](auto done) { asio::async_write(m_stream, asio::buffer(text), done); });
    }

    /** Sends a command; the reply must have the wanted class (2 or 3), else the session stops. */
    reply command(const std::string& line, int wanted_class, const std::string& step) {
        write(line + "\r\n");
        return expect(wanted_class, step);
    }

    reply expect(int wanted_class, const std::string& step) {
        auto r = read_reply();
        if (r.code / 100 != wanted_class) throw smtp_refusal{r, step};
        return r;
    }

private:
    asio::io_context& m_ioc;
    Stream& m_stream;
    std::string& m_buffer;
};

/** MAIL, RCPT, DATA and the message; returns the server's last reply (its queue id). */
template <class Stream> std::string transaction(conversation<Stream>& c, const mail_message& m, const smtp_settings& s) {
    if (!s.username.empty()) {
        const std::string plain = std::string(1, '\0') + s.username + std::string(1, '\0') + s.password;
        c.command("AUTH PLAIN " + base64(plain), 2, "AUTH");
    }
    c.command("MAIL FROM:<" + m.from + ">", 2, "MAIL FROM");
    c.command("RCPT TO:<" + m.to + ">", 2, "RCPT TO");
    c.command("DATA", 3, "DATA");
    c.write(dot_stuffed(format_mail(m, mail_date(std::time(nullptr)))));
    const auto done = c.expect(2, "the message");
    try {
        c.command("QUIT", 2, "QUIT");
    } catch (...) { // the message is accepted; how the server says goodbye does not matter
    }
    return done.text;
}

send_result session(const mail_message& m, const smtp_settings& s) {
    asio::io_context ioc;
    asio::ip::tcp::resolver resolver(ioc);
    const auto endpoints = resolver.resolve(s.host, s.port);
    const auto deadline = std::chrono::steady_clock::now() + s.timeout;
    beast::tcp_stream plain(ioc);
    plain.expires_at(deadline);
    await(ioc, [&](auto done) { plain.async_connect(endpoints, done); });
    std::string buffer;
    conversation<beast::tcp_stream> c(ioc, plain, buffer);
    c.expect(2, "the greeting");
    const auto ehlo = c.command("EHLO " + s.helo, 2, "EHLO");
    const bool offered = ehlo.text.find("STARTTLS") != std::string::npos;
    if (s.starttls == "required" && !offered) return {false, false, "SMTP: the server offers no STARTTLS, which the configuration requires", ""};
    if (s.starttls == "off" || !offered) {
        if (!s.username.empty()) return {false, true, "SMTP: credentials are never sent without TLS", ""};
        return {true, false, "", transaction(c, m, s)};
    }
    c.command("STARTTLS", 2, "STARTTLS");
    asio::ssl::context ctx(asio::ssl::context::tls_client);
    ctx.set_default_verify_paths();
    ctx.set_verify_mode(s.verify_peer ? asio::ssl::verify_peer : asio::ssl::verify_none);
    SSL_CTX_set_min_proto_version(ctx.native_handle(), TLS1_2_VERSION);
    beast::ssl_stream<beast::tcp_stream> tls(std::move(plain), ctx);
    beast::error_code not_an_address;
    asio::ip::make_address(s.host, not_an_address);
    if (not_an_address) SSL_set_tlsext_host_name(tls.native_handle(), s.host.c_str()); // no IP literal in SNI (RFC 6066)
    if (s.verify_peer) tls.set_verify_callback(asio::ssl::host_name_verification(s.host));
    await(ioc, [&](auto done) { tls.async_handshake(asio::ssl::stream_base::client, done); });
    buffer.clear(); // nothing sent before TLS counts after it
    conversation<beast::ssl_stream<beast::tcp_stream>> secure(ioc, tls, buffer);
    secure.command("EHLO " + s.helo, 2, "EHLO after STARTTLS");
    return {true, false, "", transaction(secure, m, s)};
}

} // namespace

mail_sender make_smtp_sender(smtp_settings settings) {
    return [settings](const mail_message& m) -> send_result {
        try {
            return session(m, settings);
        } catch (const smtp_refusal& e) {
            return {false, e.r.code / 100 == 5, "SMTP " + e.step + ": " + e.r.text, ""};
        } catch (const std::exception& e) {
            return {false, false, std::string("SMTP: ") + e.what(), ""};
        }
    };
}

} // namespace hubd
