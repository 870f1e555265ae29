#include "notify/digest.hpp"

#include "auth/encoding.hpp"
#include "hub.hpp"

#include <interop/text/templates.hpp>

namespace hubd {

namespace {

std::string headline(const std::string& language, const std::string& school) {
    static const std::map<std::string, std::string> words{{"fr", "Résumé de la semaine"}, {"en", "Your week"},
                                                          {"ar", "ملخص الأسبوع"},         {"pt", "Resumo da semana"},
                                                          {"tr", "Haftalık özet"},        {"es", "Resumen de la semana"}};
    const auto it = words.find(language);
    return (it == words.end() ? words.at("fr") : it->second) + ", " + school;
}

std::string digest_cursor(const std::string& school) { return "digest:" + school; }

} // namespace

millis last_digest_time(millis now, const school_rules& rules) {
    const auto& zone = rules.window->zone();
    const auto local = zone.local(now / 1000);
    const auto& at = rules.notify.digest_at;
    const int days_back = (interop::model::iso_weekday(local.day) - at.weekday + 7) % 7;
    auto day = interop::model::add_days(local.day, -days_back);
    auto moment = zone.to_utc(day, at.time.minutes * 60) * 1000;
    if (moment > now) moment = zone.to_utc(interop::model::add_days(day, -7), at.time.minutes * 60) * 1000;
    return moment;
}

std::vector<notification_row> digests_of(const std::vector<notification_row>& items, const school_rules& rules, millis now) {
    std::vector<notification_row> out;
    for (std::size_t i = 0; i < items.size();) {
        const auto& first = items[i];
        notification_row d = first;
        d.id = "n-" + random_hex(12);
        d.event = "digest";
        d.subject_record = "digest/" + std::to_string(last_digest_time(now, rules));
        d.subject = headline(first.language, rules.name);
        d.body = d.subject + "\n";
        d.urgent = false;
        d.actor = "hub";
        d.created_at = now;
        for (; i < items.size() && items[i].recipient == first.recipient && items[i].recipient_kind == first.recipient_kind; ++i)
            d.body += "- " + items[i].body + "\n";
        d.send_at = rules.opens_at(now, first.recipient_kind == "staff" ? interop::policy::audience::staff : interop::policy::audience::families);
        d.status = d.send_at > now ? "held" : "pending";
        d.held_by = d.send_at > now ? rules.window->held_by(now / 1000, interop::policy::audience::families) : "";
        out.push_back(std::move(d));
    }
    return out;
}

std::size_t make_school_digests(hub& h, const std::string& school) {
    auto& ns = h.db().notifications();
    const auto rules = h.rules().of(school);
    const auto now = h.policy_now();
    const auto moment = last_digest_time(now, *rules);
    if (static_cast<std::uint64_t>(moment) <= ns.cursor(digest_cursor(school))) return 0;
    const auto items = ns.digest_items(school, moment);
    const auto digests = digests_of(items, *rules, now);
    ns.commit_events(digests, {}, digest_cursor(school), static_cast<std::uint64_t>(moment));
    for (auto item : items) { // after the digests are stored: a crash between sends an item twice, never not at all
        item.status = "digested";
        ns.update_notification(item);
    }
    return digests.size();
}

} // namespace hubd
