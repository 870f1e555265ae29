// SMS through Kannel (Debian packages kannel and kannel-extras): bearerbox and smsbox on loopback,
// fakesmsc playing the operator. hubd sends through Kannel's sendsms interface, Kannel's fake SMSC
// answers with delivery reports, and smsbox calls hubd's report URL. An operator's HTTP API is
// played by a small local receiver.
#include "../hubd/receiver.hpp"
#include "hub_process.hpp"

#include <doctest/doctest.h>

namespace {

const char* bearerbox = "/usr/sbin/bearerbox";
const char* smsbox = "/usr/sbin/smsbox";
const char* fakesmsc = "/usr/lib/kannel/test/fakesmsc";

class kannel {
public:
    kannel() {
        const auto& d = m_dir.path();
        test::write_file(d / "kannel.conf", "group = core\nadmin-port = " + std::to_string(m_admin) + "\nadmin-password = adminpw\n"
                                            "smsbox-port = " + std::to_string(m_box) + "\nbox-allow-ip = 127.0.0.1\nlog-level = 0\n"
                                            "dlr-storage = internal\n\n"
                                            "group = smsc\nsmsc = fake\nsmsc-id = fake\nport = " + std::to_string(m_smsc) +
                                            "\nconnect-allow-ip = 127.0.0.1\n\n"
                                            "group = smsbox\nbearerbox-host = 127.0.0.1\nbearerbox-port = " + std::to_string(m_box) +
                                            "\nsendsms-port = " + std::to_string(m_sendsms) + "\nlog-level = 0\n\n"
                                            "group = sendsms-user\nusername = hub\npassword = secret\nconcatenation = true\nmax-messages = 10\n");
        const auto conf = (d / "kannel.conf").string();
        m_bearerbox = std::make_unique<test::service>(std::vector<std::string>{bearerbox, conf}, d / "bearerbox.log");
        require_port(m_smsc, "bearerbox");
        m_operator = std::make_unique<test::service>(
            std::vector<std::string>{fakesmsc, "-H", "127.0.0.1", "-r", std::to_string(m_smsc), "-m", "0", "1 2 text nop"}, d / "fakesmsc.log");
        m_smsbox = std::make_unique<test::service>(std::vector<std::string>{smsbox, conf}, d / "smsbox.log");
        require_port(m_sendsms, "smsbox");
    }
    std::string sendsms_url() const { return "http://127.0.0.1:" + std::to_string(m_sendsms) + "/cgi-bin/sendsms"; }
    /** What the operator received: one `Got message N: <from to type text>` line each. */
    std::string operator_log() const { return test::read_file(m_dir / "fakesmsc.log"); }

private:
    void require_port(int port, const std::string& what) {
        if (!test::eventually([&] { return test::port_open(port); }, std::chrono::milliseconds(15000)))
            throw std::runtime_error(what + " did not start: " + test::read_file(m_dir / (what + ".log")));
    }

    test::temp_dir m_dir{"kannel"};
    int m_admin = test::free_port(), m_box = test::free_port(), m_smsc = test::free_port(), m_sendsms = test::free_port();
    std::unique_ptr<test::service> m_bearerbox, m_operator, m_smsbox;
};

std::string gateways(const kannel& k, const test::webhook_receiver& op) {
    return R"({"rate_per_second": 50, "sms_gateways": {
        "kannel": {"type": "kannel", "url": ")" + k.sendsms_url() + R"(", "username": "hub", "password": "secret", "from": "COLLEGE", "report_token": "kannel-reports"},
        "operator-b": {"type": "http", "url": ")" + op.url() + R"(", "encoding": "json",
                       "body": "{\"to\": \"{to}\", \"text\": \"{text}\", \"coding\": \"{coding}\", \"ref\": \"{id}\"}",
                       "report_token": "b-reports"}}})";
}

const std::string school_sms_settings = R"({"sms": {"monthly_budget_euros": 1, "routes": [
    {"name": "kannel-metropole", "gateway": "kannel", "prefixes": ["+33"], "cents_per_segment": 3.5},
    {"name": "operator-reunion", "gateway": "operator-b", "prefixes": ["+262"], "cents_per_segment": 5}]}})";

/** A pupil of La Réunion whose guardian gets SMS by the second route. */
std::string reunion_family() {
    interop::model::student s;
    s.id = "E3", s.school = test::notify_uai, s.first_name = "Noé", s.last_name = "Payet";
    return test::delta_of(s, test::guardian_of("G4", "Marie", "Payet", {{interop::model::contact_kind::mobile, "0692 12 34 56"}}, true),
                          test::link_of("E3", "G4", 1));
}

bool kannel_can_run() {
    for (const char* p : {bearerbox, smsbox, fakesmsc})
        if (!test::fs::exists(p)) {
            MESSAGE("skipped: " << p << " is missing (scripts/deps.sh installs kannel and kannel-extras)");
            return false;
        }
    return true;
}

} // namespace

TEST_CASE("hubd sends SMS through Kannel in GSM-7 and UCS-2, gets Kannel's delivery reports, and counts the cost per route") {
    if (!kannel_can_run()) return;
    kannel k;
    test::webhook_receiver operator_b;
    test::hub_process hub("notify-kannel", gateways(k, operator_b));
    REQUIRE(hub.call("PUT", "/v1/schools/" + test::notify_uai + "/settings/notifications", school_sms_settings).status == 204);
    hub.at("2026-12-08T10:00:00+01:00"); // a Tuesday morning
    hub.import(test::notify_school_document());
    hub.import(reunion_family());
    hub.import(test::delta_of(test::absence_of("A1", "E1", "2026-12-08T09:00:00+01:00"), test::absence_of("A2", "E2", "2026-12-08T09:00:00+01:00"),
                              test::absence_of("A3", "E3", "2026-12-08T09:00:00+01:00")));

    // Kannel: French in GSM-7 to Léa's guardian, Arabic in UCS-2 to Sami's; delivered, by report.
    REQUIRE(test::eventually([&] { return k.operator_log().find("Got message 3") != std::string::npos; }));
    const auto log = k.operator_log();
    CAPTURE(log);
    CHECK(log.find("COLLEGE +33612345678 text Absence de L") != std::string::npos); // one GSM-7 segment
    CHECK(log.find("Martin le 08/12/2026") != std::string::npos);
    // Arabic in UCS-2 (غياب is 063A 064A 0627 0628), two concatenated segments (UDH 05 00 03 ref 02 n).
    CHECK(log.find("COLLEGE +33798765432 udh %05%00%03") != std::string::npos);
    CHECK(log.find("%02%01 data %06%3A%06J%06'%06(") != std::string::npos);
    CHECK(log.find("%02%02 data ") != std::string::npos);
    CHECK(test::eventually([&] { return hub.count("delivered") == 2; }));

    // The operator's HTTP API: JSON as configured, then its report by form POST.
    REQUIRE(test::eventually([&] { return operator_b.posts().size() == 1; }));
    const auto post = operator_b.posts()[0];
    CHECK(post.body.find(R"("to": "+262692123456")") != std::string::npos);
    CHECK(post.body.find(R"("coding": "gsm7")") != std::string::npos);
    const auto ref = post.body.substr(post.body.find(R"("ref": ")") + 8, 26);
    CHECK(hub.call("POST", "/v1/sms/reports/operator-b", "token=wrong&id=" + ref + "&status=DELIVRD").status == 403);
    const auto report = hubd::http_exchange({"POST", hub.url() + "/v1/sms/reports/operator-b", {{"Content-Type", "application/x-www-form-urlencoded"}},
                                             "token=b-reports&id=" + ref + "&status=DELIVRD"},
                                            std::chrono::seconds(10));
    CHECK(report.status == 204);
    CHECK(hub.count("delivered") == 3);
    CHECK(hub.count("failed") == 1); // Sami's second guardian: no mobile, no e-mail

    // What the school spent, per route.
    rapidjson::Document costs;
    const auto answer = hub.call("GET", "/v1/schools/" + test::notify_uai + "/sms/costs");
    costs.Parse(answer.body.c_str());
    REQUIRE(costs["months"].Size() == 1);
    const auto& month = costs["months"][0];
    CHECK(std::string(month["month"].GetString()) == "2026-12");
    CHECK(month["messages"].GetInt() == 3);
    CHECK(month["budget_euros"].GetDouble() == doctest::Approx(1.0));
    double by_route = 0;
    for (const auto& r : month["routes"].GetArray()) by_route += r["spent_euros"].GetDouble();
    CHECK(month["spent_euros"].GetDouble() == doctest::Approx(by_route));
    // French: 1 GSM-7 segment; Arabic: 2 UCS-2 segments (3.5 c each); La Réunion: 1 segment at 5 c.
    CHECK(month["segments"].GetInt() == 4);
    CHECK(by_route == doctest::Approx(0.155));
}
