// Notifications: events become messages for the right people, held by the right to disconnect
// and release delays, sent through their channel in their language, within the SMS budget.
#include "hub_fixture.hpp"
#include "notify_school.hpp"

#include "notify/channels.hpp"
#include "notify/digest.hpp"
#include "notify/notifier.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <thread>

using namespace hubd;
using test::ms;
using test::parse_json;

namespace {

const std::string friday_night = "2026-12-04T21:30:00+01:00", monday_seven = "2026-12-07T07:00:00+01:00";

struct recording_channel : channel {
    std::vector<notification_row> sent;
    std::vector<std::chrono::steady_clock::time_point> times;
    send_result answer{true, false, "", "op-1"};
    std::mutex mutex;
    send_result send(notification_row& n, const school_rules&) override {
        std::lock_guard lock(mutex);
        sent.push_back(n);
        times.push_back(std::chrono::steady_clock::now());
        return answer;
    }
};

/** A hub with the school, e-mail and SMS channels that record what they are given, and a notifier. */
struct notify_hub {
    test::test_hub h{"hubd-notify", [](hub_settings& s) {
                         s.notify.smtp = smtp_settings{};
                         s.notify.gateways["fake"] = gateway_settings{};
                         s.notify.rate_per_second = 1000;
                         s.test_clock = true;
                     }};
    std::string writer = h.token({"admin", "roster:write", "roster:read", "attendance:write", "news:write", "news:read", "grades:write",
                                  "grades:read", "homework:write", "notifications:read", "notifications:write"},
                                 {"*"});
    recording_channel* email = nullptr;
    recording_channel* sms = nullptr;
    std::unique_ptr<notifier> n;

    notify_hub() {
        at(friday_night);
        REQUIRE(h.call("POST", "/v1/imports?school=" + test::notify_uai, test::notify_school_document(), writer).status == 201);
        std::map<std::string, std::unique_ptr<channel>> channels;
        auto e = std::make_unique<recording_channel>();
        auto s = std::make_unique<recording_channel>();
        email = e.get(), sms = s.get();
        channels["email"] = std::move(e);
        channels["sms"] = std::move(s);
        n = std::make_unique<notifier>(*h, h->settings().notify, std::move(channels));
        n->run_once();
    }
    /** The time policies see (tokens keep the fixture's clock). */
    void at(const std::string& instant) { h->set_test_now(ms(instant)); }
    void at(millis instant) { h->set_test_now(instant); }
    void import(const std::string& delta) {
        REQUIRE(h.call("POST", "/v1/imports?school=" + test::notify_uai, delta, writer).status == 201);
    }
    rapidjson::Document notifications(const std::string& query = "") {
        return parse_json(h.call("GET", "/v1/notifications?school=" + test::notify_uai + query, "", writer).body);
    }
};

using test::str;

const rapidjson::Value* for_recipient(const rapidjson::Document& d, const std::string& who) {
    for (const auto& item : d["items"].GetArray())
        if (str(item["recipient"]) == who) return &item;
    return nullptr;
}

} // namespace

TEST_CASE("an absence recorded on Friday at 21:30 reaches the guardians on Monday at 07:00, each by their channel and language") {
    notify_hub s;
    s.import(test::delta_of(test::absence_of("A1", "E1", "2026-12-04T16:00:00+01:00"), test::absence_of("A2", "E2", "2026-12-04T16:00:00+01:00")));
    s.n->run_once();
    CHECK(s.email->sent.empty());
    CHECK(s.sms->sent.empty());
    const auto held = s.notifications("&status=held");
    REQUIRE(held["items"].Size() == 2);
    const auto* anne = for_recipient(held, "G1");
    REQUIRE(anne);
    CHECK(str((*anne)["channel"]) == "email");
    CHECK(str((*anne)["held_by"]).find("weekend") != std::string::npos);
    CHECK(str((*anne)["send_at"]) == "2026-12-07T06:00:00.000Z");
    // The second guardian of Sami has no e-mail and no mobile: the school sees why.
    const auto failed = s.notifications("&status=failed");
    REQUIRE(failed["items"].Size() == 1);
    CHECK(str(failed["items"][0]["recipient"]) == "G3");
    CHECK(str(failed["items"][0]["last_error"]).find("no way to reach") != std::string::npos);

    s.at(ms(monday_seven) - 1000);
    s.n->run_once();
    CHECK(s.email->sent.empty());
    s.at(ms(monday_seven));
    s.n->run_once();
    REQUIRE(s.email->sent.size() == 1);
    CHECK(s.email->sent[0].address == "anne.martin@example.org");
    CHECK(s.email->sent[0].body.find("Absence de Léa Martin le 04/12/2026 à 16:00") != std::string::npos);
    REQUIRE(s.sms->sent.size() == 1);
    CHECK(s.sms->sent[0].address == "+33798765432");
    CHECK(s.sms->sent[0].language == "ar");
    CHECK(s.sms->sent[0].body.find("غياب") != std::string::npos);
    CHECK(s.notifications("&status=sent")["items"].Size() == 2);
    // Replaying the same import notifies no one twice.
    s.import(test::delta_of(test::absence_of("A1", "E1", "2026-12-04T16:00:00+01:00")));
    s.n->run_once();
    CHECK(s.email->sent.size() == 1);
}

TEST_CASE("a guardian's preferred channel and language win, and a digest instead of messages when asked") {
    notify_hub s;
    interop::model::contact_preference p;
    p.id = "P1", p.school = test::notify_uai, p.person = "G1", p.person_kind = interop::model::person_kind::guardian;
    p.channels = {interop::model::channel::sms};
    p.language = "pt-BR";
    s.import(test::delta_of(p));
    s.at(ms("2026-12-08T10:00:00+01:00")); // a Tuesday morning: the window is open
    s.import(test::delta_of(test::absence_of("A1", "E1", "2026-12-08T09:00:00+01:00")));
    s.n->run_once();
    REQUIRE(s.sms->sent.size() == 1); // Léa's guardian only
    const auto& to_anne = s.sms->sent[0];
    CHECK(to_anne.address == "+33612345678");
    CHECK(to_anne.language == "pt");
    CHECK(to_anne.body.find("Falta de Léa Martin") != std::string::npos);

    p.plain_text_digest = true;
    s.import(test::delta_of(p));
    s.import(test::delta_of(test::absence_of("A2", "E1", "2026-12-09T09:00:00+01:00"), test::absence_of("A3", "E1", "2026-12-10T09:00:00+01:00")));
    s.at(ms("2026-12-10T10:00:00+01:00"));
    s.n->run_once();
    CHECK(s.sms->sent.size() == 1);
    CHECK(s.notifications("&status=digest")["items"].Size() == 2);
    s.at(ms("2026-12-11T17:00:00+01:00")); // Friday 17:00: the digest
    s.n->run_once();
    REQUIRE(s.sms->sent.size() == 2);
    const auto& digest = s.sms->sent[1];
    CHECK(digest.event == "digest");
    CHECK(digest.body.starts_with("Resumo da semana, Collège Jean Moulin\n"));
    CHECK(digest.body.find("09/12/2026") != std::string::npos);
    CHECK(digest.body.find("10/12/2026") != std::string::npos);
    CHECK(s.notifications("&status=digested")["items"].Size() == 2);
    s.n->run_once(); // once a week, not once a round
    CHECK(s.sms->sent.size() == 2);
}

TEST_CASE("a school's message: urgent goes out at once with a reason and the urgent scope, and is audited") {
    notify_hub s;
    s.at(ms("2026-12-04T22:00:00+01:00"));
    const auto body = R"({"school": ")" + test::notify_uai + R"(", "text": "Collège fermé demain (inondation).", "audience": {"everyone": true}, )";
    CHECK(s.h.call("POST", "/v1/notifications", body + R"("urgency": "urgent", "reason": "flood"})", s.writer).status == 403);
    const auto urgent_token = s.h.token({"notifications:write", "notifications:urgent", "audit"}, {test::notify_uai});
    CHECK(s.h.call("POST", "/v1/notifications", body + R"("urgency": "urgent"})", urgent_token).status == 400);
    const auto sent = s.h.call("POST", "/v1/notifications", body + R"("urgency": "urgent", "reason": "flood"})", urgent_token);
    REQUIRE(sent.status == 202);
    CHECK(parse_json(sent.body)["count"].GetInt() == 3);
    s.n->run_once();
    CHECK(s.email->sent.size() == 1);
    CHECK(s.sms->sent.size() == 1);
    CHECK(s.email->sent[0].body == "Message de Collège Jean Moulin : Collège fermé demain (inondation).");
    const auto audit = s.h.call("GET", "/v1/audit?limit=1000", "", urgent_token);
    CHECK(audit.body.find("notification.urgent") != std::string::npos);
    CHECK(audit.body.find("flood") != std::string::npos);
    // The same message, not urgent, waits for Monday.
    REQUIRE(s.h.call("POST", "/v1/notifications", body + R"("urgency": "normal"})", s.writer).status == 202);
    s.n->run_once();
    CHECK(s.email->sent.size() == 1);
    CHECK(s.notifications("&status=held")["items"].Size() == 2);
    // An urgent news item from a client with the urgent scope goes at once too, and is audited.
    const auto urgent_news = s.h.token({"news:write", "notifications:urgent", "audit"}, {test::notify_uai});
    REQUIRE(s.h.call("POST", "/v1/imports?school=" + test::notify_uai,
                     test::delta_of(test::news_of("N3", "2026-12-04T22:00:00+01:00", interop::model::priority::urgent)), urgent_news)
                .status == 201);
    s.n->run_once();
    REQUIRE(s.email->sent.size() == 2);
    CHECK(s.email->sent[1].event == "news_published");
    CHECK(s.h.call("GET", "/v1/audit?limit=1000", "", urgent_token).body.find("news_item/N3 (priority urgent") != std::string::npos);
}

TEST_CASE("family-facing clients see news and grades only when the policies let families see them; the feed announces them then") {
    notify_hub s;
    auto client = parse_json(s.h.call("POST", "/v1/clients", R"({"name": "app", "scopes": ["news:read", "grades:read"], "schools": [")" +
                                                                  test::notify_uai + R"("], "audience": "families"})",
                                      s.writer)
                                 .body);
    REQUIRE(client.HasMember("audience"));
    const auto token = parse_json(s.h.call("POST", "/oauth/token", "grant_type=client_credentials&client_id=" + str(client["client_id"]) +
                                                                       "&client_secret=" + str(client["client_secret"]))
                                      .body);
    const auto family = str(token["access_token"]);
    const auto start = parse_json(s.h.call("GET", "/v1/changes?limit=1000", "", family).body)["next_after"].GetUint64();
    s.import(test::delta_of(test::news_of("N1", friday_night), test::news_of("N2", friday_night, interop::model::priority::urgent)));
    s.n->run_once();
    const std::string news = "/v1/schools/" + test::notify_uai + "/news_items";
    CHECK(s.h.call("GET", news + "/N1", "", family).status == 404);
    CHECK(s.h.call("GET", news + "/N1", "", s.writer).status == 200); // staff tools see it at once
    CHECK(s.h.call("GET", news + "/N2", "", family).status == 200);   // urgent
    auto list = parse_json(s.h.call("GET", news, "", family).body);
    CHECK(list["items"].Size() == 1);
    auto feed = s.h.call("GET", "/v1/changes?after=" + std::to_string(start), "", family).body;
    CHECK(feed.find("\"N2\"") != std::string::npos);
    CHECK(feed.find("\"N1\"") == std::string::npos);

    CHECK(s.email->sent.empty()); // urgent news from a client without notifications:urgent: shown, but no message at night
    s.at(ms(monday_seven));
    s.n->run_once(); // the release: the feed says it again
    CHECK(s.email->sent.size() == 2);
    CHECK(s.h.call("GET", news + "/N1", "", family).status == 200);
    feed = s.h.call("GET", "/v1/changes?after=" + std::to_string(start), "", family).body;
    CHECK(feed.find("\"N1\"") != std::string::npos);
    CHECK(feed.find("release:news_item") != std::string::npos);

    // Grades: guardians 24 h after the pupils by default.
    interop::model::assessment a;
    a.id = "EV1", a.school = test::notify_uai, a.subject = "MATHS", a.title = "Fractions", a.classes = {"6A"}, a.day = test::at("2026-12-07T00:00:00").day;
    a.scale = 20;
    a.visible_to_students_at = test::at("2026-12-07T08:00:00+01:00");
    interop::model::grade_result g;
    g.id = "R1", g.school = test::notify_uai, g.assessment = "EV1", g.student = "E1", g.value = 15;
    s.at(ms("2026-12-07T08:00:00+01:00"));
    s.import(test::delta_of(a, g));
    s.n->run_once();
    const std::string grades = "/v1/schools/" + test::notify_uai + "/grade_results/R1";
    CHECK(s.h.call("GET", grades, "", family).status == 404);
    CHECK(s.email->sent.size() == 2);
    s.at(ms("2026-12-08T08:00:00+01:00"));
    s.n->run_once();
    CHECK(s.h.call("GET", grades, "", family).status == 200);
    REQUIRE(s.email->sent.size() == 3);
    CHECK(s.email->sent[2].event == "grade_released");
    CHECK(s.email->sent[2].body.find("Mathématiques") != std::string::npos);
}

TEST_CASE("a school's settings are checked before they are kept") {
    notify_hub s;
    const std::string url = "/v1/schools/" + test::notify_uai + "/settings/";
    auto bad = s.h.call("PUT", url + "notifications", R"({"sms": {"routes": []}})", s.writer);
    CHECK(bad.status == 400);
    CHECK(bad.body.find("monthly_budget_euros") != std::string::npos);
    CHECK(s.h.call("PUT", url + "policy", R"({"families": {"night": {"from": "25:00", "until": "07:00"}}})", s.writer).status == 400);
    CHECK(s.h.call("PUT", url + "colour", "{}", s.writer).status == 404);
    const auto reader = s.h.token({"news:read"}, {test::notify_uai});
    CHECK(s.h.call("PUT", url + "policy", "{}", reader).status == 403);
    CHECK(s.h.call("GET", url + "policy", "", s.writer).status == 404);
    REQUIRE(s.h.call("PUT", url + "policy", R"({"families": {"night": {"from": "19:00", "until": "08:00"}}})", s.writer).status == 204);
    CHECK(s.h.call("GET", url + "policy", "", s.writer).body.find("19:00") != std::string::npos);
    // The new window applies at once: a Tuesday 19:30 absence waits for 08:00.
    s.at(ms("2026-12-08T19:30:00+01:00"));
    s.import(test::delta_of(test::absence_of("A1", "E1", "2026-12-08T17:00:00+01:00")));
    s.n->run_once();
    CHECK(str(s.notifications("&status=held")["items"][0]["send_at"]) == "2026-12-09T07:00:00.000Z");
}

TEST_CASE("the test clock exists only when the configuration allows it") {
    test::test_hub plain{"hubd-no-clock"};
    const auto writer = plain.token({"news:write"}, {"*"});
    CHECK(plain.call("PUT", "/v1/test/clock", R"({"now": "2026-12-04T21:30:00+01:00"})", writer).status == 404);
    notify_hub s;
    CHECK(s.h.call("PUT", "/v1/test/clock", R"({"now": "2026-12-04T21:30:00"})", s.writer).status == 400); // no offset
    CHECK(s.h.call("PUT", "/v1/test/clock", R"({"now": "2026-12-05T10:00:00+01:00"})", s.writer).status == 204);
    CHECK(s.h->policy_now() == ms("2026-12-05T10:00:00+01:00"));
    CHECK(s.h.call("DELETE", "/v1/test/clock", "", s.writer).status == 204);
    CHECK(s.h->policy_now() == s.h.now);
}

TEST_CASE("sends are bounded by the configured rate, however many are due") {
    test::test_hub h{"hubd-notify-rate"};
    notify_settings settings;
    settings.rate_per_second = 20;
    std::vector<notification_row> due;
    for (int i = 0; i < 40; ++i) {
        notification_row n;
        n.id = "n-" + std::to_string(100 + i), n.school = test::notify_uai, n.event = "school_message", n.recipient = "G" + std::to_string(i);
        n.recipient_kind = "guardian", n.channel = "email", n.address = "x@example.org", n.status = "pending", n.send_at = 0;
        due.push_back(n);
    }
    h->db().notifications().add_notifications(due);
    std::map<std::string, std::unique_ptr<channel>> channels;
    auto e = std::make_unique<recording_channel>();
    auto* email = e.get();
    channels["email"] = std::move(e);
    notifier n(*h, settings, std::move(channels));
    n.start();
    for (int i = 0; i < 200; ++i) {
        {
            std::lock_guard lock(email->mutex);
            if (email->sent.size() == 40) break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    n.stop();
    REQUIRE(email->sent.size() == 40);
    // A burst of one second's worth (20), then one every 50 ms: the last 20 take about a second.
    CHECK(std::chrono::duration<double>(email->times.back() - email->times.front()).count() >= 0.8);
}
