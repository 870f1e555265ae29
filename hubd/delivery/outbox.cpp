#include "delivery/outbox.hpp"

#include "auth/encoding.hpp"
#include "json_writer.hpp"

#include <algorithm>

namespace hubd {

bool subscription_wants(const subscription_row& s, const change_entry& c) {
    const auto has = [](const std::vector<std::string>& list, const std::string& item) {
        return std::find(list.begin(), list.end(), item) != list.end();
    };
    return (has(s.schools, "*") || has(s.schools, c.school)) && (s.kinds.empty() || has(s.kinds, c.kind));
}

std::string delivery_payload(const std::string& delivery_id, const std::string& subscription_id,
                             const std::vector<const change_entry*>& changes) {
    json_writer w;
    w.StartObject();
    w.member("delivery_id", delivery_id).member("subscription", subscription_id);
    w.Key("changes");
    w.StartArray();
    for (const auto* c : changes) {
        w.StartObject();
        w.member("seq", c->seq).member("op", to_string(c->op)).member("kind", c->kind).member("school", c->school).member("id", c->id);
        w.member("at", iso_time(c->at)).member("import", c->import_id);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return w.str();
}

std::size_t enqueue_deliveries(store_writer& w, const std::vector<change_entry>& changes, millis now) {
    if (changes.empty()) return 0;
    std::size_t count = 0;
    for (const auto& sub : w.subscriptions()) {
        std::vector<const change_entry*> wanted;
        for (const auto& c : changes)
            if (subscription_wants(sub, c)) wanted.push_back(&c);
        for (std::size_t at = 0; at < wanted.size(); at += changes_per_delivery) {
            const std::vector<const change_entry*> batch(wanted.begin() + static_cast<std::ptrdiff_t>(at),
                                                         wanted.begin() + static_cast<std::ptrdiff_t>(std::min(wanted.size(), at + changes_per_delivery)));
            delivery_row d;
            d.id = "dlv_" + random_hex(10);
            d.subscription = sub.id;
            d.first_seq = batch.front()->seq;
            d.last_seq = batch.back()->seq;
            d.payload = delivery_payload(d.id, sub.id, batch);
            d.next_attempt_at = now;
            d.created_at = now;
            w.add_delivery(d);
            ++count;
        }
    }
    return count;
}

} // namespace hubd
