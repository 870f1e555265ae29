// E-mail through a real SMTP server: Exim (Debian package exim4-daemon-light) on loopback, with
// STARTTLS and AUTH, delivering to a mailbox file the test reads. (OpenSMTPD 6.8 as packaged in
// Debian 12 fails every TLS handshake with OpenSSL 3, so it cannot test STARTTLS.)
#include "../hubd/daemon.hpp"
#include "../hubd/hub_fixture.hpp"
#include "../hubd/notify_school.hpp"
#include "services.hpp"

#include "notify/channels.hpp"
#include "notify/mail_format.hpp"
#include "notify/notifier.hpp"
#include "notify/smtp_client.hpp"

#include <doctest/doctest.h>

using namespace hubd;

namespace {

const char* exim = "/usr/sbin/exim4";

/** Exim with a self-signed certificate, one account (hub / secret), TLS before AUTH, every message appended to `mailbox`. */
class mail_server {
public:
    mail_server() : m_port(test::free_port()) {
        const auto& d = m_dir.path();
        test::run_command("openssl req -x509 -newkey rsa:2048 -nodes -keyout " + (d / "key.pem").string() + " -out " + (d / "cert.pem").string() +
                          " -days 2 -subj /CN=localhost 2>/dev/null");
        test::fs::create_directories(d / "spool");
        test::run_command("chown -R nobody:nogroup " + (d / "spool").string() + " && chmod 644 " + (d / "key.pem").string());
        test::write_file(d / "exim.conf", "primary_hostname = localhost\nlocal_interfaces = 127.0.0.1\n"
                                          "spool_directory = " + (d / "spool").string() + "\nlog_file_path = " + (d / "%slog").string() +
                                          "\nexim_user = nobody\nexim_group = nogroup\n"
                                          "tls_advertise_hosts = *\ntls_certificate = " + (d / "cert.pem").string() +
                                          "\ntls_privatekey = " + (d / "key.pem").string() +
                                          "\nauth_advertise_hosts = ${if eq{$tls_in_cipher}{}{}{*}}\nacl_smtp_rcpt = check_rcpt\n"
                                          "begin acl\ncheck_rcpt:\n  accept authenticated = *\n  deny message = authentication required\n"
                                          "begin routers\neveryone:\n  driver = accept\n  transport = mailbox\n"
                                          "begin transports\nmailbox:\n  driver = appendfile\n  file = " + (d / "mailbox").string() +
                                          "\n  user = nobody\n  group = nogroup\n  mode = 0666\n"
                                          "begin authenticators\nplain:\n  driver = plaintext\n  public_name = PLAIN\n  server_prompts = :\n"
                                          "  server_condition = ${if and {{eq{$auth2}{hub}}{eq{$auth3}{secret}}}}\n  server_set_id = $auth2\n");
        m_server = std::make_unique<test::service>(
            std::vector<std::string>{exim, "-C", (d / "exim.conf").string(), "-bdf", "-oX", std::to_string(m_port), "-odi"}, d / "exim.out");
        if (!test::eventually([&] { return test::port_open(m_port); }, std::chrono::milliseconds(10000)))
            throw std::runtime_error("exim did not start: " + test::read_file(d / "exim.out"));
    }
    smtp_settings settings(const std::string& password = "secret") const {
        smtp_settings s;
        s.host = "127.0.0.1";
        s.port = std::to_string(m_port);
        s.username = "hub";
        s.password = password;
        s.helo = "hub.test";
        s.verify_peer = false; // a self-signed certificate
        s.timeout = std::chrono::seconds(20);
        return s;
    }
    std::string mailbox() const { return test::fs::exists(m_dir / "mailbox") ? test::read_file(m_dir / "mailbox") : ""; }

private:
    test::open_temp_dir m_dir{"hubd-smtp"};
    int m_port;
    std::unique_ptr<test::service> m_server;
};

bool exim_can_run() {
    if (!test::fs::exists(exim)) {
        MESSAGE("skipped: Exim is not installed (scripts/deps.sh installs exim4-daemon-light)");
        return false;
    }
    if (geteuid() != 0) {
        MESSAGE("skipped: Exim with a test configuration starts as root (it runs as nobody); run as root, as CI does");
        return false;
    }
    return true;
}

mail_message letter(const std::string& to) {
    return {"vie-scolaire@college.example", "Collège Jean Moulin", to, "Absence de Léa", "Absence de Léa Martin le 04/12/2026.",
            "<p>Absence de Léa Martin le 04/12/2026.</p>", "<n-1@college.example>"};
}

} // namespace

TEST_CASE("an e-mail goes through a real SMTP server after STARTTLS and AUTH, as multipart text and HTML in UTF-8") {
    if (!exim_can_run()) return;
    mail_server server;
    const auto sent = make_smtp_sender(server.settings())(letter("anne.martin@example.org"));
    INFO(sent.error);
    REQUIRE(sent.sent);
    REQUIRE(test::eventually([&] { return server.mailbox().find("Message-ID: <n-1@college.example>") != std::string::npos; }));
    const auto box = server.mailbox();
    CHECK(box.find("To: <anne.martin@example.org>") != std::string::npos);
    CHECK(box.find("Subject: =?UTF-8?B?" + base64("Absence de Léa") + "?=") != std::string::npos);
    CHECK(box.find("multipart/alternative") != std::string::npos);
    CHECK(box.find(base64("Absence de Léa Martin le 04/12/2026.")) != std::string::npos);
    CHECK(box.find("with esmtpsa") != std::string::npos); // the server's Received line: TLS and AUTH were used

    const auto refused = make_smtp_sender(server.settings("wrong"))(letter("anne.martin@example.org"));
    CHECK_FALSE(refused.sent);
    CHECK(refused.final_failure);
    CHECK(refused.error.find("AUTH") != std::string::npos);

    auto plain = server.settings();
    plain.starttls = "off";
    const auto never = make_smtp_sender(plain)(letter("anne.martin@example.org"));
    CHECK_FALSE(never.sent);
    CHECK(never.error.find("without TLS") != std::string::npos);
}

TEST_CASE("hubd's notifier sends an absence by e-mail through the SMTP server") {
    if (!exim_can_run()) return;
    mail_server server;
    test::test_hub h{"hubd-smtp-notify", [](hub_settings& s) {
                         s.notify.smtp = smtp_settings{};
                         s.test_clock = true;
                     }};
    const auto writer = h.token({"admin", "roster:write", "attendance:write", "notifications:read"}, {"*"});
    h->set_test_now(test::ms("2026-12-08T10:00:00+01:00"));
    REQUIRE(h.call("POST", "/v1/imports?school=" + test::notify_uai, test::notify_school_document(), writer).status == 201);
    std::map<std::string, std::unique_ptr<channel>> channels;
    channels["email"] = std::make_unique<email_channel>(make_smtp_sender(server.settings()), "hub@hub.test");
    notifier n(*h, h->settings().notify, std::move(channels));
    REQUIRE(h.call("POST", "/v1/imports?school=" + test::notify_uai, test::delta_of(test::absence_of("A1", "E1", "2026-12-08T09:00:00+01:00")),
                   writer)
                .status == 201);
    n.run_once();
    REQUIRE(test::eventually([&] { return server.mailbox().find("To: <anne.martin@example.org>") != std::string::npos; }));
    CHECK(server.mailbox().find(base64("Absence de Léa Martin le 08/12/2026 à 09:00").substr(0, 40)) != std::string::npos);
    const auto sent = test::parse_json(h.call("GET", "/v1/notifications?status=sent", "", writer).body);
    CHECK(sent["items"].Size() == 1);
}
