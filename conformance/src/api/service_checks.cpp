// The api suite's service cases: OneRoster, calendar feeds, the right to disconnect, and the cleanup.
#include "api/api_checks.hpp"
#include "api/hub_session.hpp"

#include <interop/json/canonical.hpp>

#include <cstdlib>

namespace conformance::api {

namespace {

const std::string rostering = "/ims/oneroster/rostering/v1p2";

/** A delta publishing a news item to guardians from `from`. */
std::string news_delta(const std::string& school, const std::string& id, const std::string& from) {
    interop::model::dataset ds;
    ds.metadata.scope = interop::model::scope::delta;
    interop::model::news_item n;
    n.id = id;
    n.school = school;
    n.title = "Conformance: right to disconnect";
    n.body = "Published on a Friday evening.";
    n.audience = {"guardians"};
    n.status = interop::model::news_status::published;
    n.publish_from = *interop::model::parse_date_time(from);
    ds.add(n);
    return interop::json::to_document(ds);
}

outcome set_clock(hub_session& hub, const std::string& now) {
    const auto answer = hub.send_json(hub.settings().writer, "PUT", hub.settings().test_clock, R"({"now": ")" + now + "\"}");
    if (answer.status / 100 != 2) return outcome::failed("the test clock refused " + now + ": " + status_of(answer));
    return outcome::passed();
}

} // namespace

outcome check_oneroster_rostering(hub_session& hub, api_state&) {
    const auto& school = hub.school();
    const auto& w = hub.settings().writer;
    const auto page = hub.get(w, rostering + "/users?limit=2");
    const auto d = json_of(page, "OneRoster users");
    if (page.status != 200 || !d.IsObject() || !d.HasMember("users") || !d["users"].IsArray()) return outcome::failed("users: " + status_of(page));
    if (d["users"].Size() > 2) return outcome::failed("limit=2 gave " + std::to_string(d["users"].Size()) + " users");
    const auto total = std::strtoull(page.header("X-Total-Count").c_str(), nullptr, 10);
    if (total < school.students.size()) return outcome::failed("X-Total-Count '" + page.header("X-Total-Count") + "' is below the suite's pupils");
    if (!contains(page.header("Link"), "rel=\"next\"")) return outcome::failed("no Link rel=\"next\" while more users remain");
    const auto first = std::string(d["users"][0]["sourcedId"].GetString());
    const auto one = hub.get(w, rostering + "/users/" + first);
    if (one.status != 200 || !contains(one.body, "\"user\"")) return outcome::failed("users/" + first + ": " + status_of(one));
    const auto orgs = hub.get(w, rostering + "/orgs");
    const auto o = json_of(orgs, "OneRoster orgs");
    if (orgs.status != 200 || !o.IsObject() || !o.HasMember("orgs") || !o["orgs"].IsArray()) return outcome::failed("orgs: " + status_of(orgs));
    return outcome::passed(std::to_string(total) + " users in pages of 2; a user by sourcedId; orgs listed");
}

outcome check_oneroster_errors(hub_session& hub, api_state&) {
    const auto anonymous = hub.http().get(rostering + "/users");
    if (anonymous.status != 401 || !contains(anonymous.body, "imsx_codeMajor")) return outcome::failed("without a token: " + status_of(anonymous));
    const auto absent = hub.get(hub.settings().writer, rostering + "/users/conformance-absent");
    if (absent.status != 404 || !contains(absent.body, "unknownobject")) return outcome::failed("an unknown sourcedId: " + status_of(absent));
    return outcome::passed();
}

outcome check_calendar_feed(hub_session& hub, api_state&) {
    const auto& school = hub.school();
    const auto& w = hub.settings().writer;
    const auto made = hub.send_json(w, "POST", "/v1/schools/" + w.school + "/calendars", R"({"audience": "class", "id": ")" + school.class_id + "\"}");
    const auto d = json_of(made, "the calendar feed");
    if (made.status != 201 || !d.IsObject() || !d.HasMember("url") || !d.HasMember("id")) return outcome::failed("creating a feed: " + status_of(made));
    const std::string url = d["url"].GetString(), id = d["id"].GetString();
    const auto feed = hub.http().get(url);
    if (feed.status != 200 || feed.header("Content-Type").rfind("text/calendar", 0) != 0) return outcome::failed("the feed: " + status_of(feed));
    if (!contains(feed.body, "BEGIN:VCALENDAR") || !contains(feed.body, "BEGIN:VEVENT")) return outcome::failed("the feed holds no event of the class's lesson");
    const auto etag = feed.header("ETag");
    if (etag.empty()) return outcome::failed("the feed has no ETag");
    const auto again = hub.http().get(url, {{"If-None-Match", etag}});
    if (again.status != 304) return outcome::failed("If-None-Match with its ETag got " + status_of(again));
    const auto revoked = hub.send_json(w, "DELETE", "/v1/schools/" + w.school + "/calendars/" + id, "");
    if (revoked.status / 100 != 2) return outcome::failed("revoking the feed: " + status_of(revoked));
    const auto after = hub.http().get(url);
    if (after.status / 100 == 2) return outcome::failed("the feed still answers once revoked");
    return outcome::passed("iCalendar with events, 304 on its ETag, gone once revoked");
}

outcome check_disconnect(hub_session& hub, api_state&) {
    const auto& cfg = hub.settings();
    if (cfg.test_clock.empty() || !cfg.family) return outcome::skipped("the hub exposes no test clock (test_clock) or no family-facing client (clients.family)");
    hub.school();
    const std::string id = "conformance-news-disconnect";
    const auto target = "/v1/schools/" + cfg.writer.school + "/news_items/" + id;
    if (auto set = set_clock(hub, "2026-12-04T21:30:00+01:00"); set.status == status::fail) return set; // a Friday evening
    hub.import_delta(news_delta(cfg.writer.school, id, "2026-12-04T21:30:00+01:00"), "conformance-news");
    const auto during = hub.get(*cfg.family, target);
    if (auto set = set_clock(hub, "2026-12-07T07:30:00+01:00"); set.status == status::fail) return set; // Monday morning
    const auto after = hub.get(*cfg.family, target);
    hub.send_json(cfg.writer, "DELETE", cfg.test_clock, "");
    if (during.status != 404) return outcome::failed("a family client sees the Friday 21:30 item at once: " + status_of(during));
    if (after.status != 200) return outcome::failed("a family client does not see it on Monday 07:30: " + status_of(after));
    return outcome::passed("hidden on Friday evening, visible on Monday morning");
}

outcome check_cleanup(hub_session& hub, api_state&) {
    if (hub.import_ids().empty()) return outcome::not_applicable("the suite imported nothing");
    hub.import_delta(hub.cleanup_delta(), "conformance-cleanup");
    return outcome::passed("the suite's records deleted");
}

} // namespace conformance::api
