#pragma once
/** @file Each case of the api suite: a function of the session with the hub and the suite's own state. */

#include "api/receiver.hpp"
#include "suite.hpp"

#include <memory>

namespace conformance::api {

class hub_session;

/** `HTTP 404 <the start of the body>`, for failure reasons. */
inline std::string status_of(const message& m) { return "HTTP " + std::to_string(m.status) + " " + m.body.substr(0, 200); }
inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/** What the cases share besides the session: the webhook receiver, started on first use. */
struct api_state {
    std::unique_ptr<webhook_receiver> receiver;
};

outcome check_token_issued(hub_session& hub, api_state&);
outcome check_token_bad_secret(hub_session& hub, api_state&);
outcome check_no_token(hub_session& hub, api_state&);
outcome check_bad_token(hub_session& hub, api_state&);
outcome check_missing_scope(hub_session& hub, api_state&);
outcome check_isolated_schools(hub_session& hub, api_state&);
outcome check_isolated_records(hub_session& hub, api_state&);
outcome check_isolated_feed(hub_session& hub, api_state&);
outcome check_isolated_oneroster(hub_session& hub, api_state&);
outcome check_paging(hub_session& hub, api_state&);
outcome check_feed_complete(hub_session& hub, api_state&);
outcome check_feed_monotonic(hub_session& hub, api_state&);
outcome check_webhook_signature(hub_session& hub, api_state& state);
outcome check_webhook_retry(hub_session& hub, api_state& state);
outcome check_oneroster_rostering(hub_session& hub, api_state&);
outcome check_oneroster_errors(hub_session& hub, api_state&);
outcome check_calendar_feed(hub_session& hub, api_state&);
outcome check_disconnect(hub_session& hub, api_state&);
outcome check_cleanup(hub_session& hub, api_state&);

} // namespace conformance::api
