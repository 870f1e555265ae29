#include "notify/directory.hpp"

#include <interop/json/canonical.hpp>
#include <interop/messaging/sms_route.hpp>

#include <algorithm>

namespace hubd {

namespace {

using namespace interop::model;

void take_preferences(person_contact& p, const contact_preference& pref) {
    for (auto c : pref.channels) p.channels.emplace_back(enum_names<channel>::values[static_cast<std::size_t>(c)]);
    if (pref.language) p.language = *pref.language;
    p.digest = pref.plain_text_digest;
}

void take_contacts(person_contact& p, const guardian& g) {
    for (const auto& c : g.contacts) {
        if (c.type == contact_kind::email && p.email.empty()) p.email = c.value;
        if (c.type == contact_kind::mobile && p.mobile.empty())
            if (auto number = interop::messaging::e164(c.value)) p.mobile = *number;
    }
    p.accepts_sms = g.accepts_sms;
    if (g.preferred_language) p.language = *g.preferred_language;
}

std::string full_name(const std::string& first, const std::string& last) { return first.empty() ? last : first + " " + last; }

/** Fills name and addresses from the person's record; false when it is no person. */
bool take_record(person_contact& p, const any_record& any) {
    if (const auto* g = std::get_if<guardian>(&any)) {
        p.name = full_name(g->first_name, g->last_name);
        take_contacts(p, *g);
    } else if (const auto* s = std::get_if<student>(&any)) {
        p.name = full_name(s->first_name, s->last_name);
        p.email = s->email.value_or("");
    } else if (const auto* st = std::get_if<staff>(&any)) {
        p.name = full_name(st->first_name, st->last_name);
        p.email = st->email.value_or("");
    } else {
        return false;
    }
    return true;
}

} // namespace

std::optional<route_choice> choose_channel(const person_contact& p, const std::set<std::string>& available) {
    auto address_on = [&](const std::string& channel) -> std::string {
        if (!available.count(channel)) return "";
        if (channel == "email") return p.email;
        if (channel == "sms") return p.accepts_sms && interop::messaging::french_mobile(p.mobile) ? p.mobile : "";
        if (channel == "push") return p.id;
        return "";
    };
    std::vector<std::string> order = p.channels;
    for (const char* c : {"email", "sms", "push"}) order.emplace_back(c);
    for (const auto& c : order)
        if (auto address = address_on(c); !address.empty()) return route_choice{c, address};
    return std::nullopt;
}

std::vector<stored_record> directory::every(record_query q) {
    q.school = m_school;
    q.limit = 1000;
    std::vector<stored_record> out;
    for (;;) {
        auto page = m_store.records(q);
        if (page.empty()) break;
        q.after_id = page.back().id;
        const bool last = page.size() < q.limit;
        std::move(page.begin(), page.end(), std::back_inserter(out));
        if (last) break;
    }
    return out;
}

std::optional<person_contact> directory::person(const std::string& kind, const std::string& id) {
    const auto rec = m_store.record({kind, m_school, id});
    if (!rec) return std::nullopt;
    person_contact p;
    p.id = id;
    p.kind = kind;
    if (!take_record(p, interop::json::record_from_json(rec->json))) return std::nullopt;
    record_query q;
    q.kind = "contact_preference";
    q.person = id;
    for (const auto& pref : every(q)) {
        const auto any = interop::json::record_from_json(pref.json);
        if (const auto* cp = std::get_if<contact_preference>(&any); cp && cp->person == id) take_preferences(p, *cp);
    }
    return p;
}

std::vector<person_contact> directory::guardians_of(const std::string& pupil) {
    record_query q;
    q.kind = "guardian_link";
    q.person = pupil;
    std::vector<guardian_link> links;
    for (const auto& rec : every(q)) {
        const auto any = interop::json::record_from_json(rec.json);
        if (const auto& link = std::get<guardian_link>(any); link.student == pupil) links.push_back(link);
    }
    // Sources that say who holds legal responsibility (SIECLE, AAF) are followed; those that do
    // not (ONDE lists the responsables without saying) leave every linked guardian in.
    const bool said = std::any_of(links.begin(), links.end(), [](const guardian_link& l) { return l.legal_rank.has_value(); });
    std::vector<person_contact> out;
    for (const auto& link : links)
        if (!said || link.legal_rank)
            if (auto g = person("guardian", link.guardian)) out.push_back(std::move(*g));
    return out;
}

std::vector<std::string> directory::pupils_in(const std::vector<std::string>& classes_or_groups) {
    std::vector<std::string> out;
    for (const auto& g : classes_or_groups) {
        record_query q;
        q.kind = "student";
        q.member_of = g;
        for (const auto& rec : every(q)) out.push_back(rec.id);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::vector<std::string> directory::all(const std::string& kind) {
    record_query q;
    q.kind = kind;
    std::vector<std::string> out;
    for (const auto& rec : every(q)) out.push_back(rec.id);
    return out;
}

std::string directory::name_of(const std::string& kind, const std::string& id) {
    const auto p = person(kind, id);
    return p && !p->name.empty() ? p->name : id;
}

std::string directory::label_of(const std::string& kind, const std::string& id) {
    const auto rec = m_store.record({kind, m_school, id});
    if (!rec) return id;
    const auto any = interop::json::record_from_json(rec->json);
    if (const auto* s = std::get_if<subject>(&any)) return s->long_label.empty() ? s->short_label : s->long_label;
    return id;
}

} // namespace hubd
