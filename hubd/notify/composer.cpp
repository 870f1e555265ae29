#include "notify/composer.hpp"

#include "auth/encoding.hpp"

#include <algorithm>

namespace hubd {

namespace {

using interop::policy::audience;

audience audience_of(const person_contact& p) { return p.kind == "staff" ? audience::staff : audience::families; }

/** The send time and what holds the item, when something does. */
std::pair<millis, std::string> send_time(millis not_before, bool urgent, audience who, const compose_context& ctx) {
    const auto base = std::max(ctx.now, not_before);
    std::string held_by = base > ctx.now ? "release delay" : "";
    if (urgent) return {base, held_by};
    const auto opens = ctx.rules.opens_at(base, who);
    if (opens > base) held_by = ctx.rules.window->held_by(base / 1000, who);
    return {opens, held_by};
}

} // namespace

notification_row notification_for(const person_contact& p, const event_occurrence& e, const std::map<std::string, std::string>& base_values,
                                  millis not_before, compose_context& ctx) {
    notification_row n;
    n.id = "n-" + random_hex(12);
    n.school = ctx.rules.school;
    n.event = std::string(interop::text::to_string(e.kind));
    n.subject_record = e.subject_record;
    n.recipient = p.id;
    n.recipient_kind = p.kind;
    n.language = interop::text::template_language(p.language);
    auto values = base_values;
    values["school"] = ctx.rules.name;
    if (e.kind == interop::text::event_kind::timetable_change) values["text"] = timetable_text(values, n.language);
    const auto message = interop::text::render_message(e.kind, n.language, values);
    n.subject = message.subject;
    n.body = message.body;
    n.urgent = e.urgent;
    n.actor = ctx.actor;
    n.created_at = ctx.now;
    std::tie(n.send_at, n.held_by) = send_time(not_before, e.urgent, audience_of(p), ctx);
    n.status = n.held_by.empty() ? "pending" : "held";
    if (p.digest && !e.urgent) n.status = "digest";
    if (const auto way = choose_channel(p, ctx.channels)) {
        n.channel = way->channel;
        n.address = way->address;
    } else {
        n.channel = "none";
        n.status = "failed";
        n.last_error = "no way to reach this person: no e-mail address, no mobile with SMS consent, no app";
    }
    return n;
}

std::vector<notification_row> compose(const event_occurrence& e, compose_context& ctx) {
    std::vector<notification_row> out;
    const auto pupils = e.whole_school ? ctx.people.all("student") : e.pupils;
    for (const auto who : ctx.rules.notify.audiences(interop::text::to_string(e.kind))) {
        if (who == recipients::staff) {
            for (const auto& id : e.staff)
                if (auto p = ctx.people.person("staff", id)) out.push_back(notification_for(*p, e, e.values, e.known_to_pupils, ctx));
            continue;
        }
        for (const auto& pupil : pupils) {
            auto values = e.values;
            values["pupil"] = ctx.people.name_of("student", pupil);
            if (who == recipients::students) {
                if (auto p = ctx.people.person("student", pupil)) out.push_back(notification_for(*p, e, values, e.known_to_pupils, ctx));
            } else {
                for (const auto& g : ctx.people.guardians_of(pupil)) out.push_back(notification_for(g, e, values, e.known_to_guardians, ctx));
            }
        }
    }
    if (e.whole_school || !e.staff.empty()) { // one message per person, however many of their children it names
        auto person = [](const notification_row& n) { return std::tie(n.recipient_kind, n.recipient); };
        std::stable_sort(out.begin(), out.end(), [&](const auto& a, const auto& b) { return person(a) < person(b); });
        out.erase(std::unique(out.begin(), out.end(), [&](const auto& a, const auto& b) { return person(a) == person(b); }), out.end());
    }
    return out;
}

} // namespace hubd
