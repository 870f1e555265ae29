// The api suite: tokens, 401/403/404, isolation between schools, paging, the change feed,
// OneRoster, calendar feeds and the right to disconnect, all from outside the hub.
#include "api_suite.hpp"

#include "api/api_checks.hpp"
#include "api/hub_session.hpp"

namespace conformance {

std::vector<test_case> api_cases(const std::shared_ptr<api::hub_session>& hub) {
    using namespace api;
    struct entry {
        const char* name;
        const char* description;
        outcome (*check)(hub_session&, api_state&);
    };
    static const entry entries[] = {
        {"token.issued", "POST /oauth/token with client credentials gives a bearer token", check_token_issued},
        {"token.bad-secret", "a wrong client secret gets 401 and no token", check_token_bad_secret},
        {"auth.no-token", "a request without a token gets 401 with WWW-Authenticate: Bearer", check_no_token},
        {"auth.bad-token", "a token with a broken signature gets 401", check_bad_token},
        {"auth.missing-scope", "a client without the write scope cannot import (403)", check_missing_scope},
        {"isolation.schools", "a client lists only its own schools", check_isolated_schools},
        {"isolation.records", "another school's collection and records answer 404, without its data", check_isolated_records},
        {"isolation.feed", "another school's changes never appear in a client's feed", check_isolated_feed},
        {"isolation.oneroster", "another school's pupils never appear in a client's OneRoster users", check_isolated_oneroster},
        {"paging.cursor", "following next_cursor gives every record once, pages within the limit", check_paging},
        {"feed.complete", "after an import, the feed holds each created, updated and deleted record", check_feed_complete},
        {"feed.monotonic", "sequence numbers only grow and next_after resumes without repeats", check_feed_monotonic},
        {"webhook.signature", "a delivery reaches the suite's receiver, signed with the subscription's secret", check_webhook_signature},
        {"webhook.retry", "a delivery answered 500 is retried with the same id and a higher attempt", check_webhook_retry},
        {"oneroster.rostering", "OneRoster users and orgs, paged with X-Total-Count and Link", check_oneroster_rostering},
        {"oneroster.errors", "OneRoster errors are imsx_StatusInfo: 401 unauthorised, 404 unknownobject", check_oneroster_errors},
        {"calendar.feed", "a class calendar feed is iCalendar with ETag and 304, and stops once revoked", check_calendar_feed},
        {"disconnect.closed-window", "an item published in a closed window is hidden from families until the window opens", check_disconnect},
        {"cleanup", "the suite's records are deleted again", check_cleanup},
    };
    auto state = std::make_shared<api_state>();
    std::vector<test_case> out;
    for (const auto& e : entries) {
        const bool required = std::string_view(e.name) != "cleanup";
        out.push_back({"api", e.name, e.description, required, [hub, state, check = e.check] { return check(*hub, *state); }});
    }
    return out;
}

} // namespace conformance
