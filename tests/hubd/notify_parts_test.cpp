// The notification pieces on their own: the SMS budget under concurrent sends, gateway calls
// as operators expect them, the e-mail format, settings errors, and which events a change makes.
#include "hub_fixture.hpp"
#include "notify_school.hpp"

#include "notify/channels.hpp"
#include "notify/composer.hpp"
#include "notify/mail_format.hpp"
#include "notify/notify_settings.hpp"
#include "policy/school_rules.hpp"

#include <interop/errors.hpp>

#include <doctest/doctest.h>

#include <atomic>
#include <thread>

using namespace hubd;

TEST_CASE("the monthly SMS budget is never exceeded, however many sends race for it") {
    test::test_hub h{"hubd-budget"};
    auto& ns = h->db().notifications();
    std::atomic<int> charged{0};
    std::vector<std::thread> senders;
    for (int t = 0; t < 8; ++t)
        senders.emplace_back([&] {
            for (int i = 0; i < 25; ++i)
                if (ns.charge_sms(test::notify_uai, "2026-12", "r", 1, 4500, 100'000)) ++charged;
        });
    for (auto& s : senders) s.join();
    CHECK(charged == 22); // 22 × 4.5 c = 99 c, the 23rd would pass 1 €
    const auto spent = ns.sms_spending(test::notify_uai);
    REQUIRE(spent.size() == 1);
    CHECK(spent[0].millicents == 99'000);
    CHECK(spent[0].messages == 22);
    ns.refund_sms(test::notify_uai, "2026-12", "r", 1, 4500);
    CHECK(ns.charge_sms(test::notify_uai, "2026-12", "r", 1, 4500, 100'000));
    CHECK(ns.charge_sms(test::notify_uai, "2027-01", "r", 1, 4500, 100'000)); // a new month, a new budget
}

TEST_CASE("the SMS channel takes the cheapest route, charges it, and gives the charge back when the operator refuses") {
    test::test_hub h{"hubd-sms-channel"};
    std::vector<http_call> calls;
    http_answer answer{200, "0: Accepted for delivery", ""};
    gateway_settings k;
    k.name = "kannel", k.type = "kannel", k.url = "http://127.0.0.1:13013/cgi-bin/sendsms", k.username = "hub", k.password = "p&w";
    k.report_token = "t", k.report_url = "https://hub.example";
    std::map<std::string, sms_gateway> gateways;
    gateways.emplace("kannel", sms_gateway(k, [&](const http_call& c) {
                         calls.push_back(c);
                         return answer;
                     }));
    sms_channel channel(h->db().notifications(), std::move(gateways), [] { return test::ms("2026-12-08T10:00:00+01:00"); });
    school_rules rules;
    rules.school = test::notify_uai;
    rules.notify = read_notify_rules(R"({"sms": {"monthly_budget_euros": 0.1, "routes": [
        {"name": "dear", "gateway": "kannel", "prefixes": ["+33"], "cents_per_segment": 6},
        {"name": "cheap", "gateway": "kannel", "prefixes": ["+336"], "cents_per_segment": 3.5}]}})",
                                     "test");
    rules.window = std::make_shared<interop::policy::right_to_disconnect>(interop::model::establishment{}, interop::calendar::holiday_table{});
    notification_row n;
    n.id = "n-1", n.school = test::notify_uai, n.address = "+33612345678", n.body = "Retard de Léa le 08/12/2026 à 08:10.";
    const auto r = channel.send(n, rules);
    REQUIRE(r.sent);
    CHECK(n.route == "cheap");
    CHECK(n.segments == 1);
    CHECK(n.cost_millicents == 3500);
    REQUIRE(calls.size() == 1);
    CHECK(calls[0].method == "GET");
    CHECK(calls[0].url.find("password=p%26w") != std::string::npos);
    CHECK(calls[0].url.find("to=%2B33612345678") != std::string::npos);
    CHECK(calls[0].url.find("coding=0") != std::string::npos);
    CHECK(calls[0].url.find("dlr-url=https%3A%2F%2Fhub.example%2Fv1%2Fsms%2Freports%2Fkannel%3Ftoken%3Dt%26id%3Dn-1%26status%3D%25d") !=
          std::string::npos);

    answer = {403, "Authorization failed for sendsms", ""};
    n.id = "n-2";
    const auto refused = channel.send(n, rules);
    CHECK_FALSE(refused.sent);
    CHECK(refused.final_failure);
    CHECK(refused.error.find("Authorization failed") != std::string::npos);
    CHECK(h->db().notifications().sms_spending(test::notify_uai)[0].millicents == 3500); // given back

    answer = {200, "0: Accepted for delivery", ""};
    n.body = "Mensagem: reunião amanhã às 18h ç"; // ç is not GSM-7: UCS-2
    n.id = "n-3";
    REQUIRE(channel.send(n, rules).sent);
    CHECK(calls.back().url.find("coding=2") != std::string::npos);
    n.id = "n-4";
    const auto over = channel.send(n, rules); // 3 × 3.5 c is past the 10 c budget
    CHECK_FALSE(over.sent);
    CHECK(over.error.find("budget") != std::string::npos);
}

TEST_CASE("an HTTP gateway gets its body as configured, escaped, and its message id is read from the answer") {
    gateway_settings g;
    g.name = "op", g.url = "https://api.op.example/v2/sms?key=K", g.encoding = "json", g.from = "College";
    g.body_template = R"({"to": "{to}", "text": "{text}", "sender": "{from}"})";
    g.headers = {{"Authorization", "Bearer abc"}};
    g.success = "\"accepted\"";
    g.message_id_pattern = R"re("id": *"([^"]+)")re";
    http_call seen;
    const sms_gateway gw(g, [&](const http_call& c) {
        seen = c;
        return http_answer{201, R"({"status": "accepted", "id": "op-778"})", ""};
    });
    const auto r = gw.send({"+33612345678", "Il a dit \"non\"\nFin", "n-9", false});
    CHECK(r.sent);
    CHECK(r.external_id == "op-778");
    CHECK(seen.body == R"({"to": "+33612345678", "text": "Il a dit \"non\"\nFin", "sender": "College"})");
    CHECK(seen.headers.size() == 2);
    CHECK(gw.report_outcome("DELIVRD") == std::optional<bool>(true));
    CHECK(gw.report_outcome("UNDELIV") == std::optional<bool>(false));
    CHECK_FALSE(gw.report_outcome("ENROUTE"));

    const sms_gateway refusing(g, [](const http_call&) { return http_answer{200, R"({"status": "rejected"})", ""}; });
    const auto no = refusing.send({"+33612345678", "x", "n-10", false});
    CHECK_FALSE(no.sent);
    CHECK(no.final_failure);
    const sms_gateway down(g, [](const http_call&) { return http_answer{503, "", ""}; });
    const auto later = down.send({"+33612345678", "x", "n-11", false});
    CHECK_FALSE(later.final_failure); // retried
}

TEST_CASE("an e-mail is UTF-8 in base64, its subject encoded, and a line starting with a dot is doubled") {
    mail_message m{"vie-scolaire@college.example", "Collège", "anne@example.org", "Retard", "Ligne\r\n.point", "<p>x</p>", "<n-1@college.example>"};
    const auto text = format_mail(m, mail_date(1'796'000'000));
    CHECK(text.find("From: =?UTF-8?B?" + base64("Collège") + "?= <vie-scolaire@college.example>\r\n") != std::string::npos);
    CHECK(text.find("Subject: Retard\r\n") != std::string::npos);
    CHECK(text.find("Date: Mon, 30 Nov 2026 00:53:20 +0000\r\n") != std::string::npos);
    CHECK(text.find(base64("Ligne\r\n.point")) != std::string::npos);
    CHECK(dot_stuffed("a\r\n.b\r\n") == "a\r\n..b\r\n.\r\n");
    CHECK(base64("") == "");
    CHECK(base64("f") == "Zg==");
    CHECK(base64("fo") == "Zm8=");
    CHECK(base64("foo") == "Zm9v");
}

TEST_CASE("bad settings are refused naming the member") {
    auto refused = [](const std::string& json) {
        try {
            read_notify_rules(json, "settings/notifications");
        } catch (const interop::parse_error& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    CHECK(refused(R"({"events": {"fire": ["guardians"]}})").find("events.fire") != std::string::npos);
    CHECK(refused(R"({"events": {"absence": ["cousins"]}})").find("cousins") != std::string::npos);
    CHECK(refused(R"({"sms": {"monthly_budget_euros": 5, "routes": [{"name": "a", "gateway": "k", "cents_per_segment": 3, "prefixes": ["33"]}]}})")
              .find("E.164") != std::string::npos);
    CHECK(refused(R"({"digest": {"at": "someday 17:00"}})").find("digest.at") != std::string::npos);
    CHECK(refused(R"({"sender": {"address": "nobody"}})").find("sender.address") != std::string::npos);
    CHECK(refused("[1]").find("JSON object") != std::string::npos);
    const auto ok = read_notify_rules(R"({"events": {"homework_set": [], "absence": ["guardians", "students"]}})", "x");
    CHECK(ok.audiences("homework_set").empty());
    CHECK(ok.audiences("absence").size() == 2);
    CHECK(ok.audiences("news_published").size() == 1);

    auto config_refused = [](const std::string& json) {
        try {
            read_notify_settings(json, "hubd.json", "");
        } catch (const std::runtime_error& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    CHECK(config_refused(R"({"sms_gateways": {"k": {"type": "kannel", "url": "http://x/cgi-bin/sendsms"}}})").find("report_token") !=
          std::string::npos);
    CHECK(config_refused(R"({"sms_gateways": {"h": {"url": "ftp://x"}}})").find("sms_gateways.h.url") != std::string::npos);
    CHECK(config_refused(R"({"sms_gateways": {"h": {"url": "http://x", "message_id": "(("}}})").find("message_id") != std::string::npos);
    CHECK(config_refused(R"({"smtp": {"host": "m", "starttls": "maybe"}})").find("smtp.starttls") != std::string::npos);
    const auto s = read_notify_settings(R"({"smtp": {"host": "mail.example", "port": 587}, "push": {"url": "https://ent.example/push", "secret": "s"}})",
                                        "hubd.json", "");
    CHECK(s.channels() == std::set<std::string>{"email", "push"});
    CHECK(s.smtp->port == "587");
}

TEST_CASE("which changes make events: tomorrow's timetable, homework for the class, news once per family") {
    test::test_hub h{"hubd-events", [](hub_settings& s) { s.test_clock = true; }};
    const auto writer = h.token({"roster:write", "timetable:write", "homework:write", "news:write"}, {"*"});
    h->set_test_now(test::ms("2026-12-08T10:00:00+01:00"));
    REQUIRE(h.call("POST", "/v1/imports?school=" + test::notify_uai, test::notify_school_document(), writer).status == 201);
    interop::model::session tomorrow, next_week;
    tomorrow.id = "S1", tomorrow.school = test::notify_uai, tomorrow.day = test::at("2026-12-09T00:00:00").day, tomorrow.start = {10 * 60};
    tomorrow.duration_minutes = 55, tomorrow.subject = "MATHS", tomorrow.classes = {"6A"};
    tomorrow.status = interop::model::session_status::cancelled;
    next_week = tomorrow;
    next_week.id = "S2", next_week.day = test::at("2026-12-15T00:00:00").day;
    interop::model::homework hw;
    hw.id = "H1", hw.school = test::notify_uai, hw.subject = "MATHS", hw.classes = {"6A"}, hw.due = test::at("2026-12-10T00:00:00").day;
    hw.description = "Exercices 3 et 4";
    auto news = test::news_of("N1", "2026-12-08T09:00:00+01:00");
    news.audience = {"everyone"};
    REQUIRE(h.call("POST", "/v1/imports?school=" + test::notify_uai, test::delta_of(tomorrow, next_week, hw, news), writer).status == 201);

    directory people(h->db(), test::notify_uai);
    const auto rules = h->rules().of(test::notify_uai);
    compose_context ctx{people, *rules, {"email", "sms"}, h->policy_now()};
    std::map<std::string, std::vector<notification_row>> by_event;
    for (const auto& c : h->db().changes({0, {}, {}, 1000})) {
        const auto rec = h->db().record({c.kind, c.school, c.id});
        for (const auto& e : events_of(c, *rec, people, *rules, h->db(), ctx.now))
            for (auto& n : compose(e, ctx)) by_event[n.event].push_back(std::move(n));
    }
    const auto& timetable = by_event["timetable_change"];
    REQUIRE(timetable.size() == 5); // two pupils and their three guardians; next week's change is no news today
    const auto to_anne = std::find_if(timetable.begin(), timetable.end(), [](const auto& n) { return n.recipient == "G1"; });
    REQUIRE(to_anne != timetable.end());
    CHECK(to_anne->body == "Emploi du temps de Léa Martin modifié le 09/12/2026 : Mathématiques 10:00 annulé. Collège Jean Moulin");
    CHECK(by_event["homework_set"].size() == 2); // the pupils, by default
    CHECK(by_event["news_published"].size() == 3); // each guardian once
}

TEST_CASE("a delivery report that comes before the send is recorded is kept (found by Kannel) ") {
    test::test_hub h{"hubd-report-race"};
    auto& ns = h->db().notifications();
    notification_row n;
    n.id = "n-race", n.school = test::notify_uai, n.event = "absence", n.recipient = "G1", n.recipient_kind = "guardian", n.channel = "sms";
    n.status = "pending";
    ns.add_notifications({n});
    REQUIRE(ns.claim_due(1, 10).size() == 1);
    auto reported = *ns.notification("n-race");
    reported.status = "delivered", reported.delivered_at = 42;
    ns.update_notification(reported);
    n.status = "sent", n.sent_at = 41, n.external_id = "n-race", n.attempts = 1; // the sender's record, late
    ns.update_notification(n);
    const auto kept = *ns.notification("n-race");
    CHECK(kept.status == "delivered");
    CHECK(kept.delivered_at == std::optional<millis>(42));
    CHECK(kept.sent_at == std::optional<millis>(41));
}
