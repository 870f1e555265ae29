#include "events.hpp"

#include <interop/errors.hpp>

#include <algorithm>
#include <cstdio>
#include <map>
#include <numeric>
#include <set>

namespace interop::ical_adapter {
namespace {

ical::property prop(std::string name, std::string value, std::vector<ical::parameter> params = {}) {
    return {std::move(name), std::move(params), std::move(value), 0};
}

std::string local_stamp(model::date d, int seconds_of_day) {
    char out[32];
    std::snprintf(out, sizeof out, "%04d%02d%02dT%02d%02d%02d", d.year, d.month, d.day, seconds_of_day / 3600,
                  seconds_of_day / 60 % 60, seconds_of_day % 60);
    return out;
}

/** A date-time in the school's zone, as DTSTART/DTEND/EXDATE/RDATE/RECURRENCE-ID take it. */
ical::property zoned(std::string name, std::string values, const event_context& ctx) {
    return prop(std::move(name), std::move(values), {{"TZID", {ctx.zone.name()}}});
}

std::string local_at(model::date d, model::time_of_day t) { return local_stamp(d, t.minutes * 60); }

std::string joined_labels(const std::vector<std::string>& ids, const std::map<std::string, std::string>& labels) {
    std::string out;
    for (const auto& id : ids) out.append(out.empty() ? "" : ", ").append(label_of(labels, id));
    return out;
}

} // namespace

shown shown_of(const model::course* c, const model::session* s) {
    shown out;
    auto pick = [](const std::vector<std::string>& own, const std::vector<std::string>* fallback) {
        return !own.empty() || !fallback ? own : *fallback;
    };
    out.subject = s && s->subject ? *s->subject : c ? c->subject : "";
    out.teachers = s ? pick(s->teachers, c ? &c->teachers : nullptr) : c->teachers;
    out.classes = s ? pick(s->classes, c ? &c->classes : nullptr) : c->classes;
    out.groups = s ? pick(s->groups, c ? &c->groups : nullptr) : c->groups;
    out.rooms = s ? pick(s->rooms, c ? &c->rooms : nullptr) : c->rooms;
    return out;
}

namespace {

/** The ids behind the labels, for readers that know the model (ours): `X-INTEROP-SUBJECT`, `-TEACHERS`, …, ids joined by commas. */
void ids(ical::component& event, const shown& what) {
    auto list = [&](const char* name, const std::vector<std::string>& v) {
        std::string value;
        for (const auto& id : v) value.append(value.empty() ? "" : ",").append(ical::escape_text(id));
        if (!value.empty()) event.properties.push_back(prop(name, std::move(value)));
    };
    list("X-INTEROP-SUBJECT", what.subject.empty() ? std::vector<std::string>{} : std::vector<std::string>{what.subject});
    list("X-INTEROP-TEACHERS", what.teachers);
    list("X-INTEROP-CLASSES", what.classes);
    list("X-INTEROP-GROUPS", what.groups);
    list("X-INTEROP-ROOMS", what.rooms);
}

void describe(ical::component& event, const shown& what, const model::session* s, const event_context& ctx) {
    const auto& school = ctx.school;
    event.properties.push_back(prop("SUMMARY", ical::escape_text(label_of(school.subject_labels, what.subject))));
    if (!what.rooms.empty()) event.properties.push_back(prop("LOCATION", ical::escape_text(joined_labels(what.rooms, school.room_labels))));
    std::string text;
    auto line = [&](std::string_view title, const std::vector<std::string>& ids, const std::map<std::string, std::string>& labels) {
        if (!ids.empty()) text.append(text.empty() ? "" : "\n").append(title).append(" : ").append(joined_labels(ids, labels));
    };
    line("Enseignants", what.teachers, school.staff_labels);
    line("Classes", what.classes, school.class_labels);
    line("Groupes", what.groups, school.group_labels);
    if (s && s->reason) text.append(text.empty() ? "" : "\n").append("Motif : ").append(*s->reason);
    if (!text.empty()) event.properties.push_back(prop("DESCRIPTION", ical::escape_text(text)));
    ids(event, what);
    auto status = s ? s->status : model::session_status::scheduled;
    event.properties.push_back(prop("STATUS", status == model::session_status::cancelled ? "CANCELLED" : "CONFIRMED"));
    if (status != model::session_status::scheduled && status != model::session_status::cancelled)
        event.properties.push_back(prop("CATEGORIES", std::string(model::to_string(status))));
}

ical::component new_event(const std::string& uid, const event_context& ctx) {
    ical::component e{"VEVENT", {}, {}, 0};
    e.properties.push_back(prop("UID", uid));
    e.properties.push_back(prop("DTSTAMP", ctx.dtstamp));
    return e;
}

void add_times(ical::component& e, model::date day, model::time_of_day start, int minutes, const event_context& ctx) {
    e.properties.push_back(zoned("DTSTART", local_at(day, start), ctx));
    auto end = start.minutes + minutes;
    e.properties.push_back(zoned("DTEND", local_at(model::add_days(day, end / 1440), {end % 1440}), ctx));
}

std::string list_of(const std::vector<model::date>& days, model::time_of_day start) {
    std::string out;
    for (const auto& d : days) out.append(out.empty() ? "" : ",").append(local_at(d, start));
    return out;
}

std::int64_t weeks_between(model::date a, model::date b) { return (model::days_since_epoch(b) - model::days_since_epoch(a)) / 7; }

/** RRULE with INTERVAL and EXDATEs, or RDATEs when they are fewer than the EXDATEs would be. */
void add_recurrence(ical::component& e, const model::course& c, const std::vector<model::date>& days, const event_context& ctx) {
    if (days.size() < 2) return;
    std::int64_t step = 0;
    for (std::size_t i = 1; i < days.size(); ++i) step = std::gcd(step, weeks_between(days[i - 1], days[i]));
    std::vector<model::date> gaps;
    for (auto d = days.front(); d <= days.back(); d = model::add_days(d, 7 * step))
        if (!std::binary_search(days.begin(), days.end(), d)) gaps.push_back(d);
    if (gaps.size() >= days.size()) {
        // Explicit dates, in UTC: libical 3.0 reads an RDATE's TZID as floating time, UTC it reads right.
        std::string dates;
        for (auto it = days.begin() + 1; it != days.end(); ++it)
            dates.append(dates.empty() ? "" : ",").append(utc_stamp(ctx.zone.to_utc(*it, c.start.minutes * 60)));
        e.properties.push_back(prop("RDATE", std::move(dates)));
        return;
    }
    auto until = utc_stamp(ctx.zone.to_utc(days.back(), c.start.minutes * 60));
    e.properties.push_back(prop("RRULE", "FREQ=WEEKLY" + (step > 1 ? ";INTERVAL=" + std::to_string(step) : "") + ";UNTIL=" + until));
    if (!gaps.empty()) e.properties.push_back(zoned("EXDATE", list_of(gaps, c.start), ctx));
}

ical::component change_event(const model::course& c, const model::session& s, const event_context& ctx) {
    auto e = new_event(uid_of(c.id, c.school), ctx);
    e.properties.push_back(prop("X-INTEROP-COURSE", ical::escape_text(c.id)));
    e.properties.push_back(zoned("RECURRENCE-ID", local_at(s.original_day.value_or(s.day), c.start), ctx));
    add_times(e, s.day, s.start, s.duration_minutes, ctx);
    describe(e, shown_of(&c, &s), &s, ctx);
    return e;
}

std::string offset_text(int minutes) {
    char out[16];
    int a = std::abs(minutes);
    std::snprintf(out, sizeof out, "%c%02d%02d", minutes < 0 ? '-' : '+', a / 60, a % 60);
    return out;
}

ical::component observance(const timetable::offset_change& c) {
    auto local = c.utc + c.offset_before * 60;
    auto day = day_of(local);
    ical::component o{c.daylight ? "DAYLIGHT" : "STANDARD", {}, {}, 0};
    o.properties.push_back(prop("DTSTART", local_stamp(day, static_cast<int>(local - model::days_since_epoch(day) * 86400))));
    o.properties.push_back(prop("TZOFFSETFROM", offset_text(c.offset_before)));
    o.properties.push_back(prop("TZOFFSETTO", offset_text(c.offset_after)));
    o.properties.push_back(prop("TZNAME", c.abbreviation));
    return o;
}

} // namespace

std::optional<std::pair<model::date, model::date>> school_span(const school_timetable& school) {
    if (school.years.empty()) return std::nullopt;
    auto from = school.years.front().start, to = school.years.front().end;
    for (const auto& y : school.years) {
        from = std::min(from, y.start);
        to = std::max(to, y.end);
    }
    return std::pair{from, to};
}

std::string uid_of(const std::string& id, const std::string& school) { return id + "." + school + "@interop-hub"; }

model::date day_of(std::int64_t t) { return model::date_from_days(t >= 0 ? t / 86400 : (t - 86399) / 86400); }

std::string utc_stamp(std::int64_t t) {
    auto day = day_of(t);
    return local_stamp(day, static_cast<int>(t - model::days_since_epoch(day) * 86400)) + "Z";
}

std::vector<ical::component> course_events(const model::course& c, const std::vector<const model::session*>& changes,
                                           const event_context& ctx, std::vector<const model::session*>& unplaced) {
    const model::week_pattern* pattern = nullptr;
    if (c.week_pattern) {
        auto it = ctx.school.patterns.find(*c.week_pattern);
        if (it == ctx.school.patterns.end())
            throw error("course " + c.id + " of " + c.school + " names week pattern " + *c.week_pattern + ", which the dataset does not hold");
        pattern = &it->second;
    }
    std::vector<model::date> days;
    for (auto d : timetable::course_days(c, pattern, ctx.from, ctx.to))
        if (!ctx.off.contains(d)) days.push_back(d);
    std::vector<ical::component> out;
    if (!days.empty()) {
        auto master = new_event(uid_of(c.id, c.school), ctx);
        master.properties.push_back(prop("X-INTEROP-COURSE", ical::escape_text(c.id)));
        add_times(master, days.front(), c.start, c.duration_minutes, ctx);
        add_recurrence(master, c, days, ctx);
        describe(master, shown_of(&c, nullptr), nullptr, ctx);
        out.push_back(std::move(master));
    }
    std::map<model::date, const model::session*> by_occurrence; // the last record of an occurrence wins, as in expand()
    for (const auto* s : changes) {
        auto planned = s->original_day.value_or(s->day);
        if (std::binary_search(days.begin(), days.end(), planned)) by_occurrence[planned] = s;
        else unplaced.push_back(s);
    }
    for (const auto& [_, s] : by_occurrence) out.push_back(change_event(c, *s, ctx));
    return out;
}

ical::component session_event(const model::session& s, const model::course* c, const event_context& ctx) {
    auto e = new_event(uid_of(s.id, s.school), ctx);
    if (s.course) e.properties.push_back(prop("X-INTEROP-COURSE", ical::escape_text(*s.course)));
    add_times(e, s.day, s.start, s.duration_minutes, ctx);
    describe(e, shown_of(c, &s), &s, ctx);
    return e;
}

ical::component vtimezone(const timetable::time_zone& zone, model::date from, model::date to) {
    ical::component tz{"VTIMEZONE", {prop("TZID", zone.name())}, {}, 0};
    auto start = zone.to_utc({from.year, 1, 1}, 0);
    auto end = zone.to_utc({to.year + 1, 1, 1}, 0);
    auto initial = zone.state(start);
    initial.utc = start;
    tz.children.push_back(observance(initial));
    for (const auto& change : zone.changes(start, end)) tz.children.push_back(observance(change));
    return tz;
}

} // namespace interop::ical_adapter
