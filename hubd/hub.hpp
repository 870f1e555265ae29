#pragma once
/** @file Everything a route works with: the store, the formats, auth, imports, the clock. */

#include "audit/audit_log.hpp"
#include "auth/authenticator.hpp"
#include "change_signal.hpp"
#include "export/calendar_feeds.hpp"
#include "import/importer.hpp"
#include "metrics.hpp"
#include "oneroster_rest/rest_view.hpp"
#include "notify/notify_settings.hpp"
#include "policy/school_rules.hpp"
#include "response_cache.hpp"
#include "router.hpp"
#include "store/store.hpp"

#include <interop/adapter/registry.hpp>

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>

namespace hubd {

struct hub_settings {
    std::filesystem::path data;             ///< the data folder: store, keys, spool
    auth_settings auth;
    std::size_t max_import_bytes = 256U << 20;
    std::uint64_t max_import_records = 5'000'000; ///< records one import may hold
    double max_import_seconds = 600;              ///< time one import may take to read; 0: no bound
    std::size_t default_page = 100, max_page = 1000;
    int max_wait_seconds = 60;              ///< longest long-poll
    std::string public_url;                 ///< how clients reach the hub (`https://hub.example`), for feed URLs
    bool test_clock = false;                ///< `PUT /v1/test/clock` may set the time policies see (tests and audits only)
    notify_settings notify;                 ///< channels and gateways
};

class hub {
public:
    /** Opens the store and the key in the data folder (creating both if absent). */
    hub(hub_settings settings, std::function<millis()> clock);
    hub(const hub&) = delete;
    hub& operator=(const hub&) = delete;

    store& db() { return *m_store; }
    const interop::registry& formats() const { return m_formats; }
    authenticator& auth() { return m_auth; }
    importer& imports() { return m_importer; }
    change_signal& changes() { return m_changes; }
    audit_log& audit() { return *m_audit; }
    calendar_feeds& feeds() { return m_feeds; }
    response_cache& answers() { return m_answers; }
    /** Each school's OneRoster objects, rebuilt after a commit. */
    oneroster_rest::views& oneroster() { return m_oneroster; }
    const router& routes() const { return m_router; }
    const hub_settings& settings() const { return m_settings; }
    millis now() const { return m_clock(); }
    /**
     * The time the right to disconnect and release delays are decided at: now, unless a test
     * clock was set (tokens, logs and audit keep the real time).
     */
    millis policy_now() const {
        const auto t = m_test_now.load();
        return t ? t : m_clock();
    }
    /** Sets the test clock (0: back to the real time); false when the configuration does not allow one. */
    bool set_test_now(millis t) {
        if (!m_settings.test_clock) return false;
        m_test_now = t;
        return true;
    }
    /** Each school's policies and notification settings. */
    school_rule_book& rules() { return m_rules; }
    std::filesystem::path spool() const { return m_settings.data / "spool"; }
    /** The secret from which each client's pseudonym key is derived (created with the data folder). */
    const std::string& pseudonym_key() const { return m_pseudonym_key; }

    /** Routes a request (the session's one call), counting it in the metrics. */
    http::response handle(const http::request& req);
    hubd::metrics& metrics() { return m_metrics; }

private:
    hub_settings m_settings;
    std::function<millis()> m_clock;
    std::atomic<millis> m_test_now{0};
    std::unique_ptr<store> m_store;
    school_rule_book m_rules{*m_store};
    std::string m_pseudonym_key;
    interop::registry m_formats;
    authenticator m_auth;
    importer m_importer;
    change_signal m_changes;
    calendar_feeds m_feeds;
    response_cache m_answers;
    oneroster_rest::views m_oneroster;
    router m_router;
    hubd::metrics m_metrics;
    std::unique_ptr<audit_log> m_audit; // last: flushes into the store as the hub goes
};

/** The wall clock in milliseconds. */
millis system_clock_millis();

/** A test clock's instant: RFC 3339 with its offset (`2026-12-04T21:30:00+01:00`), or nothing. */
std::optional<millis> parse_test_instant(std::string_view text);

} // namespace hubd
