#include "notify/notifier.hpp"

#include "delivery/outbox.hpp"
#include "hub.hpp"
#include "log.hpp"
#include "notify/composer.hpp"
#include "notify/digest.hpp"
#include "policy/family_visibility.hpp"

#include <algorithm>
#include <cmath>

namespace hubd {

namespace {

constexpr const char* feed_cursor = "notifier";
constexpr std::size_t changes_per_round = 200;
constexpr millis max_retry_ms = 3'600'000;

/** Kinds whose changes make events or releases. */
bool concerns_families(const std::string& kind) {
    static const std::set<std::string> kinds{"attendance_event", "grade_result", "assessment", "competency_result",
                                             "homework", "news_item", "session"};
    return kinds.count(kind) > 0;
}

bool is_release(const change_entry& c) { return c.import_id.starts_with("release:"); }

/** Whether the client whose import made the change may send through a closed window. */
bool imported_with_urgent_scope(store& db, const change_entry& c) {
    const auto import = db.import(c.import_id);
    const auto client = import ? db.client(import->client) : std::nullopt;
    return client && std::find(client->scopes.begin(), client->scopes.end(), "notifications:urgent") != client->scopes.end();
}

} // namespace

notifier::notifier(hub& h, notify_settings settings, std::map<std::string, std::unique_ptr<channel>> channels)
    : m_hub(h), m_settings(std::move(settings)), m_channels(std::move(channels)) {}

notifier::~notifier() { stop(); }

std::size_t notifier::pump_events() {
    auto& ns = m_hub.db().notifications();
    change_query q;
    q.after = ns.cursor(feed_cursor);
    q.limit = changes_per_round;
    const auto changes = m_hub.db().changes(q);
    if (changes.empty()) return 0;
    const auto now = m_hub.policy_now();
    std::vector<notification_row> added;
    std::vector<release_row> releases;
    for (const auto& c : changes) {
        if (c.op == change_kind::deleted || is_release(c) || !concerns_families(c.kind)) continue;
        const auto rec = m_hub.db().record({c.kind, c.school, c.id});
        if (!rec || rec->seq != c.seq) continue; // changed again since: its latest change is further on
        const auto rules = m_hub.rules().of(c.school);
        if (auto from = family_visible_from(*rec, *rules, m_hub.db()); from && *from > now)
            releases.push_back({c.school, c.kind, c.id, *from});
        if (m_settings.channels().empty()) continue; // a hub with no channel records nothing to send
        directory people(m_hub.db(), c.school);
        compose_context ctx{people, *rules, m_settings.channels(), now};
        for (auto e : events_of(c, *rec, people, *rules, m_hub.db(), now)) {
            if (e.urgent && !imported_with_urgent_scope(m_hub.db(), c)) e.urgent = false; // urgent news waits like the rest
            auto rows = compose(e, ctx);
            if (e.urgent && !rows.empty())
                m_hub.audit().record({0, m_hub.now(), "hub", "notification.urgent", c.school, c.kind, rows.size(),
                                      e.subject_record + " (priority urgent, import " + c.import_id + ")", "", ""});
            std::move(rows.begin(), rows.end(), std::back_inserter(added));
        }
    }
    const auto count = ns.commit_events(added, releases, feed_cursor, changes.back().seq);
    if (count) log_event("info", "notifications_made", {{"count", std::to_string(count)}, {"after_seq", std::to_string(changes.back().seq)}});
    return changes.size();
}

std::size_t notifier::release_due() {
    auto& ns = m_hub.db().notifications();
    const auto due = ns.due_releases(m_hub.policy_now(), changes_per_round);
    for (const auto& r : due) {
        auto w = m_hub.db().write();
        const auto at = m_hub.now();
        if (const auto seq = w->announce({r.kind, r.school, r.id}, "release:" + r.kind, at))
            enqueue_deliveries(*w, {change_entry{*seq, change_kind::updated, r.kind, r.school, r.id, at, "release:" + r.kind}}, at);
        w->commit();
        ns.drop_release(r);
    }
    if (!due.empty()) m_hub.changes().notify();
    return due.size();
}

void notifier::attempt(notification_row n) {
    const auto rules = m_hub.rules().of(n.school);
    auto it = m_channels.find(n.channel);
    send_result r;
    if (it == m_channels.end()) r = {false, true, "hubd has no " + n.channel + " channel configured", ""};
    else r = it->second->send(n, *rules);
    const auto now = m_hub.policy_now();
    ++n.attempts;
    if (r.sent) {
        n.status = "sent";
        n.sent_at = now;
        n.external_id = r.external_id;
        n.last_error.clear();
    } else if (r.final_failure || n.attempts >= m_settings.max_attempts) {
        n.status = "failed";
        n.last_error = r.error;
        log_event("warn", "notification_failed", {{"notification", n.id}, {"channel", n.channel}, {"error", r.error}});
    } else {
        const auto wait = std::min<millis>(max_retry_ms, m_settings.retry_ms << std::min(n.attempts - 1, 20));
        n.status = "pending";
        n.last_error = r.error;
        n.send_at = n.urgent ? now + wait : rules->opens_at(now + wait, n.recipient_kind == "staff" ? interop::policy::audience::staff
                                                                                                   : interop::policy::audience::families);
    }
    m_hub.db().notifications().update_notification(n);
}

std::size_t notifier::dispatch_due(std::size_t budget) {
    const auto due = m_hub.db().notifications().claim_due(m_hub.policy_now(), budget);
    for (auto& n : due) attempt(n);
    return due.size();
}

std::size_t notifier::make_digests() {
    auto& ns = m_hub.db().notifications();
    std::set<std::string> schools;
    notification_query q;
    q.status = "digest";
    q.limit = 1000;
    for (auto page = ns.notifications(q); !page.empty(); page = ns.notifications(q)) {
        for (const auto& n : page) schools.insert(n.school);
        q.after_id = page.back().id;
    }
    std::size_t made = 0;
    for (const auto& school : schools) made += make_school_digests(m_hub, school);
    return made;
}

std::size_t notifier::run_once() {
    std::size_t done = 0;
    while (const auto n = pump_events()) done += n;
    done += release_due();
    done += make_digests();
    while (const auto n = dispatch_due(100)) done += n;
    return done;
}

void notifier::start() {
    auto& ns = m_hub.db().notifications();
    if (ns.cursor(feed_cursor) == 0) // a hub that had no notifier: what happened before is not news
        ns.commit_events({}, {}, feed_cursor, m_hub.db().last_seq());
    const auto requeued = ns.requeue_sending();
    if (requeued) log_event("info", "notifications_requeued", {{"count", std::to_string(requeued)}});
    m_thread = std::thread([this] { loop(); });
}

void notifier::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

void notifier::loop() {
    // A token bucket: at most rate_per_second sends a second, bursts of one second's worth.
    const double rate = m_settings.rate_per_second;
    double tokens = rate;
    auto last = std::chrono::steady_clock::now();
    auto last_digest_check = last - std::chrono::minutes(1);
    while (true) {
        const auto seen = m_hub.changes().version();
        std::size_t sent = 0;
        try {
            while (pump_events()) {}
            release_due();
            const auto now = std::chrono::steady_clock::now();
            if (now - last_digest_check >= std::chrono::seconds(30)) { // digests are weekly: no need to look every round
                make_digests();
                last_digest_check = now;
            }
            tokens = std::min(rate, tokens + rate * std::chrono::duration<double>(now - last).count());
            last = now;
            sent = dispatch_due(static_cast<std::size_t>(std::floor(tokens)));
            tokens -= static_cast<double>(sent);
        } catch (const std::exception& e) {
            log_event("error", "notifier_failed", {{"error", e.what()}});
        }
        const auto handle = m_hub.changes().wait([this] {
            {
                std::lock_guard lock(m_mutex);
                m_poked = true;
            }
            m_wake.notify_all();
        });
        std::unique_lock lock(m_mutex);
        if (!m_stopping) {
            // A full bucket's worth sent: go on as soon as a token is back; else until a commit, or a second.
            const auto wait = sent > 0 ? std::chrono::milliseconds(static_cast<int>(std::ceil(1000.0 / rate))) : std::chrono::milliseconds(1000);
            m_wake.wait_for(lock, wait, [&] { return m_stopping || (sent == 0 && (m_poked || m_hub.changes().version() != seen)); });
        }
        m_poked = false;
        const bool stopping = m_stopping;
        lock.unlock();
        m_hub.changes().cancel(handle);
        if (stopping) return;
    }
}

} // namespace hubd
