// The api suite's change cases: the feed's completeness and order, signed webhooks and their retries.
#include "api/api_checks.hpp"
#include "api/hub_session.hpp"
#include "api/signature.hpp"

#include <chrono>
#include <random>
#include <set>
#include <thread>

namespace conformance::api {

namespace {

/** `op kind/id` of every change after `after` the client sees. */
std::set<std::string> changes_after(hub_session& hub, std::uint64_t after) {
    std::set<std::string> out;
    for (const auto& page : hub.feed_pages(hub.settings().writer, after, 1000))
        for (const auto& c : page["changes"].GetArray())
            out.insert(std::string(c["op"].GetString()) + " " + c["kind"].GetString() + "/" + c["id"].GetString());
    return out;
}

std::string random_secret() {
    std::random_device rd;
    std::string out = "conformance-";
    for (int i = 0; i < 24; ++i) out += "0123456789abcdef"[rd() % 16];
    return out;
}

long long unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

/** A subscription of the writer to its school's pupils, posting to the receiver's `path`; removed when it goes. */
class subscription {
public:
    subscription(hub_session& hub, api_state& state, const std::string& path) : m_hub(hub), m_secret(random_secret()) {
        if (!state.receiver) state.receiver = std::make_unique<webhook_receiver>(hub.settings());
        const auto& w = hub.settings().writer;
        const auto answer = hub.send_json(w, "POST", "/v1/subscriptions",
                                          R"({"url": ")" + state.receiver->url(path) + R"(", "kinds": ["student"], "schools": [")" + w.school +
                                              R"("], "secret": ")" + m_secret + "\"}");
        const auto d = json_of(answer, "the subscription");
        if (answer.status != 201 || !d.IsObject() || !d.HasMember("id")) throw std::runtime_error("cannot subscribe: " + status_of(answer));
        m_id = d["id"].GetString();
    }
    subscription(const subscription&) = delete;
    subscription& operator=(const subscription&) = delete;
    ~subscription() {
        try {
            m_hub.send_json(m_hub.settings().writer, "DELETE", "/v1/subscriptions/" + m_id, "");
        } catch (...) { // the case's own outcome says what went wrong
        }
    }
    const std::string& id() const { return m_id; }
    const std::string& secret() const { return m_secret; }

private:
    hub_session& m_hub;
    std::string m_secret, m_id;
};

/** Why a post is not a valid delivery of a change to pupil `id`; nullopt when it is. */
std::optional<std::string> delivery_problem(const message& post, const std::string& secret, const std::string& id) {
    if (auto bad = webhook_signature_problem(post.header("Interop-Signature"), post.body, secret, unix_now())) return bad;
    const auto d = json_of(post, "the delivery");
    if (!d.IsObject() || !d.HasMember("delivery_id") || !d["delivery_id"].IsString() || d["delivery_id"].GetString() != post.header("Interop-Delivery"))
        return "the body's delivery_id differs from the Interop-Delivery header";
    if (!d.HasMember("changes") || !d["changes"].IsArray()) return "the body has no changes";
    for (const auto& c : d["changes"].GetArray())
        if (c.HasMember("id") && c["id"].IsString() && c["id"].GetString() == id) return std::nullopt;
    return "the delivery does not carry the change to " + id;
}

} // namespace

outcome check_feed_complete(hub_session& hub, api_state&) {
    const auto& school = hub.school();
    const auto first = changes_after(hub, school.seq_before);
    for (const auto& r : school.records)
        if (!first.count("created " + r)) return outcome::failed("the feed lacks 'created " + r + "' after the suite's import");
    const auto head = hub.feed_head(hub.settings().writer);
    const auto renamed = school.students[1], removed = school.students.back(); // copies: forget_student changes the list
    hub.import_delta(hub.rename_delta(renamed, "Renamed"), "conformance-rename");
    hub.import_delta(hub.delete_delta(removed), "conformance-delete");
    hub.forget_student(removed);
    const auto second = changes_after(hub, head);
    for (const auto& expected : {"updated student/" + renamed, "deleted student/" + removed})
        if (!second.count(expected)) return outcome::failed("the feed lacks '" + expected + "' after a delta import");
    return outcome::passed(std::to_string(first.size()) + " changes after the first import, then an update and a deletion");
}

outcome check_feed_monotonic(hub_session& hub, api_state&) {
    const auto& school = hub.school();
    std::uint64_t last = 0, after = school.seq_before > 50 ? school.seq_before - 50 : 0;
    std::size_t seen = 0;
    for (const auto& page : hub.feed_pages(hub.settings().writer, after, 7)) {
        const auto& changes = page["changes"].GetArray();
        for (const auto& c : changes) {
            const auto seq = c["seq"].GetUint64();
            if (seq <= after || seq <= last) return outcome::failed("seq " + std::to_string(seq) + " after " + std::to_string(std::max(last, after)));
            last = seq;
            ++seen;
        }
        if (!changes.Empty() && page["next_after"].GetUint64() != last) return outcome::failed("next_after is not the page's last seq");
        after = page["next_after"].GetUint64();
    }
    if (seen == 0) return outcome::failed("the feed is empty after the suite's import");
    return outcome::passed(std::to_string(seen) + " changes in pages of 7, strictly increasing, resumed without repeats");
}

outcome check_webhook_signature(hub_session& hub, api_state& state) {
    const auto& school = hub.school();
    const subscription sub(hub, state, "/ok");
    hub.import_delta(hub.rename_delta(school.students[0], "Signed"), "conformance-webhook");
    const auto posts = state.receiver->wait_for("/ok", 1, std::chrono::seconds(hub.settings().webhook_wait_seconds));
    if (posts.empty()) return outcome::failed("no delivery within " + std::to_string(hub.settings().webhook_wait_seconds) + " s");
    if (auto bad = delivery_problem(posts.front(), sub.secret(), school.students[0])) return outcome::failed(*bad);
    return outcome::passed("delivered, signed, carrying the change");
}

outcome check_webhook_retry(hub_session& hub, api_state& state) {
    const auto& school = hub.school();
    const subscription sub(hub, state, "/flaky");
    hub.import_delta(hub.rename_delta(school.students[0], "Retried"), "conformance-retry");
    const auto posts = state.receiver->wait_for("/flaky", 2, std::chrono::seconds(hub.settings().webhook_wait_seconds));
    if (posts.size() < 2) return outcome::failed(std::to_string(posts.size()) + " attempt(s) within " + std::to_string(hub.settings().webhook_wait_seconds) + " s after a 500");
    if (posts[0].header("Interop-Delivery") != posts[1].header("Interop-Delivery")) return outcome::failed("the retry has another delivery id");
    if (posts[0].header("Interop-Attempt") != "1" || posts[1].header("Interop-Attempt") != "2")
        return outcome::failed("attempts numbered " + posts[0].header("Interop-Attempt") + ", " + posts[1].header("Interop-Attempt"));
    for (const auto& p : posts)
        if (auto bad = delivery_problem(p, sub.secret(), school.students[0])) return outcome::failed("attempt " + p.header("Interop-Attempt") + ": " + *bad);
    for (int tries = 0; tries < 50; ++tries) { // the hub marks the delivery once the 200 is in
        const auto history = json_of(hub.get(hub.settings().writer, "/v1/subscriptions/" + sub.id() + "/deliveries"), "the delivery log");
        if (history.IsObject() && history.HasMember("deliveries") && history["deliveries"].IsArray() && !history["deliveries"].Empty() &&
            history["deliveries"][0]["status"] == "delivered")
            return outcome::passed("retried with the same id, attempt 2, then marked delivered");
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return outcome::failed("the delivery log never shows the delivery as delivered");
}

} // namespace conformance::api
