// iCalendar (RFC 5545) → model. Timed events become dated sessions (recurrences expanded,
// EXDATE removed, RDATE added, RECURRENCE-ID instances replacing theirs), in the calendar's
// time zone; all-day events become a calendar of days without classes. Who and where come
// from our X-INTEROP-* ids when the file is ours, else from the labels (SUMMARY, LOCATION and
// `Key : value` lines of DESCRIPTION, as Pronote and our writer give them), each label a record.

#include "calendar_reader.hpp"
#include "event_text.hpp"
#include "events.hpp"

#include <interop/adapter/support.hpp>
#include <interop/errors.hpp>
#include <interop/ical/content.hpp>
#include <interop/ical/recurrence.hpp>
#include <interop/timetable/expand.hpp>
#include <interop/timetable/time_zone.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <numeric>
#include <set>

namespace interop::ical_adapter {
namespace {

constexpr const char* format_name = "ical";
constexpr std::size_t max_occurrences = 10'000;  ///< per event: bounds memory on an endless rule
constexpr std::size_t max_sessions = 500'000;    ///< per file: bounds memory on many rules
constexpr int default_horizon_days = 400;        ///< an endless rule without a school year given

using adapter_support::emit;
using adapter_support::new_record;
using adapter_support::lower_ascii;

using adapter_support::trimmed;

std::int64_t days_to_seconds(model::date d) { return model::days_since_epoch(d) * 86400; }

class calendar_mapper {
public:
    calendar_mapper(const read_options& opt, diagnostics& diags, std::string file) : m_opt(opt), m_diags(diags), m_file(std::move(file)) {}

    void calendar(const ical::component& cal) {
        m_zone = &zone_named(cal.find("X-WR-TIMEZONE") ? trimmed(cal.find("X-WR-TIMEZONE")->value) : "Europe/Paris", cal.line, true);
        if (const auto* name = cal.find("X-WR-CALNAME"); name && m_calendar_name.empty()) m_calendar_name = ical::unescape_text(name->value);
        std::map<std::string, std::vector<const ical::component*>> changes; // UID → RECURRENCE-ID instances
        std::vector<const ical::component*> masters;
        for (const auto& e : cal.children) {
            if (e.name != "VEVENT") continue;
            if (!e.find("DTSTART")) {
                warn("ical.dtstart", e.line, "VEVENT without DTSTART: left out");
                continue;
            }
            if (auto twice = repeated_property(e)) {
                warn("ical.repeated", e.line, "VEVENT with " + *twice + ": RFC 5545 allows one, which one is meant is unknown; left out");
                continue;
            }
            if (!e.find("UID")) warn("ical.uid", e.line, "VEVENT without UID: named by its start and line");
            (e.find("RECURRENCE-ID") ? changes[uid_of(e)] : masters).push_back(&e);
        }
        for (const auto* e : masters) event(*e, changes[uid_of(*e)]);
    }

    /** "2 DTSTART", or "DTEND and DURATION", when a property that may appear once appears more (RFC 5545 §3.6.1). */
    static std::optional<std::string> repeated_property(const ical::component& e) {
        static constexpr std::string_view once[] = {"DTSTART", "DTEND", "DURATION", "SUMMARY", "SEQUENCE", "RECURRENCE-ID", "UID",
                                                    "DTSTAMP", "LOCATION", "DESCRIPTION", "STATUS"};
        for (auto name : once) {
            const auto n = std::count_if(e.properties.begin(), e.properties.end(), [&](const ical::property& p) { return p.name == name; });
            if (n > 1) return std::to_string(n) + " " + std::string(name);
        }
        if (e.find("DTEND") && e.find("DURATION")) return std::string("DTEND and DURATION");
        return std::nullopt;
    }

    void emit_all(io::record_sink& sink) {
        auto named = [&]<class K>(const label_map& labels, auto&& fill) {
            for (const auto& [key, label] : labels) {
                auto r = new_record<K>(key.second, key.first, {format_name, m_file, 0});
                fill(r, label);
                emit(sink, std::move(r));
            }
        };
        named.template operator()<model::subject>(m_labels.subjects, [](model::subject& r, const std::string& l) { r.code = r.short_label = r.long_label = l; });
        named.template operator()<model::staff>(m_labels.teachers, [](model::staff& r, const std::string& l) { r.last_name = l; });
        named.template operator()<model::school_class>(m_labels.classes, [](model::school_class& r, const std::string& l) { r.code = r.label = l; });
        named.template operator()<model::group>(m_labels.groups, [](model::group& r, const std::string& l) { r.code = r.label = l; });
        named.template operator()<model::room>(m_labels.rooms, [](model::room& r, const std::string& l) { r.code = r.name = l; });
        if (!m_days_off.entries.empty()) {
            m_days_off.id = "ical-" + (m_calendar_name.empty() ? std::string("calendar") : slug(m_calendar_name));
            m_days_off.school = m_opt.school;
            m_days_off.provenance = {format_name, m_file, 0};
            std::sort(m_days_off.entries.begin(), m_days_off.entries.end(), [](const auto& a, const auto& b) { return std::tie(a.start, a.end, a.label) < std::tie(b.start, b.end, b.label); });
            emit(sink, std::move(m_days_off));
        }
        // In order of time, sorting positions rather than moving whole sessions about.
        std::vector<std::size_t> order(m_sessions.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) {
            const auto &a = m_sessions[i], &b = m_sessions[j];
            return std::tie(a.day, a.start, a.id, i) < std::tie(b.day, b.start, b.id, j);
        });
        for (auto i : order) emit(sink, std::move(m_sessions[i]));
    }

private:
    using label_map = std::map<std::pair<std::string, std::string>, std::string>; ///< (school, id) → label
    struct label_maps {
        label_map subjects, teachers, classes, groups, rooms;
    };

    [[noreturn]] void fail(std::uint64_t line, const std::string& problem) const { throw parse_error({m_file, line, 0}, format_name, problem); }
    void warn(std::string code, std::uint64_t line, std::string message) { m_diags.add(severity::warning, std::move(code), "", std::move(message), {m_file, line, 0}); }

    static std::string slug(const std::string& name) {
        std::string out;
        for (unsigned char c : name) out.push_back(std::isalnum(c) ? static_cast<char>(std::tolower(c)) : '-');
        return out;
    }

    const timetable::time_zone& zone_named(const std::string& name, std::uint64_t line, bool fallback_quietly = false) {
        auto it = m_zones.find(name);
        if (it != m_zones.end()) return it->second;
        try {
            return m_zones.emplace(name, timetable::time_zone(name)).first->second;
        } catch (const std::exception&) {
            if (!fallback_quietly) warn("ical.tzid", line, "time zone '" + name + "' is not in the tz database: times taken in Europe/Paris");
            return m_zones.emplace(name, timetable::time_zone("Europe/Paris")).first->second;
        }
    }

    /** A DATE-TIME property as a UTC instant: `Z`, its TZID, or floating (the calendar's zone). */
    std::int64_t instant(const ical::property& p, std::string_view value) {
        auto t = ical::parse_date_time(value);
        if (!t) fail(p.line, p.name + " '" + std::string(value) + "' is no DATE-TIME");
        if (t->utc) return days_to_seconds(t->day) + t->seconds;
        const auto* tzid = p.parameter_value("TZID");
        return (tzid ? zone_named(*tzid, p.line) : *m_zone).to_utc(t->day, t->seconds);
    }

    model::date day_of(std::string_view value, std::uint64_t line) const {
        auto d = ical::parse_date(value);
        if (!d) fail(line, "'" + std::string(value) + "' is no DATE");
        return *d;
    }

    bool is_date(const ical::property& p) const {
        const auto* type = p.parameter_value("VALUE");
        return (type && *type == "DATE") || p.value.size() == 8;
    }

    /** The calendar's wall clock at an instant: day and minutes. */
    std::pair<model::date, int> local(std::int64_t utc) const {
        auto t = utc + m_zone->offset_minutes(utc) * 60;
        auto day = ical_adapter::day_of(t);
        return {day, static_cast<int>((t - model::days_since_epoch(day) * 86400) / 60)};
    }

    /** UID, or (RFC 2445 allowed none) the start and line. */
    static std::string uid_of(const ical::component& e) {
        if (const auto* uid = e.find("UID")) return uid->value;
        return e.find("DTSTART")->value + "-" + std::to_string(e.line);
    }

    void event(const ical::component& e, const std::vector<const ical::component*>& changes) {
        const auto* start = e.find("DTSTART");
        if (is_date(*start)) return all_day(e, *start);
        timed(e, *start, changes);
    }

    /** Days of an all-day event (and of its recurrences): days without classes. */
    void all_day(const ical::component& e, const ical::property& start) {
        auto first = ical::parse_date(start.value);
        if (!first) fail(start.line, "DTSTART '" + start.value + "' is no DATE");
        auto last = *first;
        if (const auto* end = e.find("DTEND")) {
            auto d = day_of(end->value, end->line);
            if (d < *first) fail(end->line, "DTEND '" + end->value + "' is before DTSTART");
            if (d == *first) warn("ical.dtend", end->line, "DTEND equals DTSTART: taken as a one-day event");
            else last = model::add_days(d, -1);
        }
        auto label = e.find("SUMMARY") ? ical::unescape_text(e.find("SUMMARY")->value) : std::string();
        auto span = model::days_since_epoch(last) - model::days_since_epoch(*first);
        for (auto day : occurrences(e, *first, [&](model::date d, std::string_view until) { return d > day_of(until, start.line); }))
            m_days_off.entries.push_back({model::calendar_entry_kind::holiday, label, day, model::add_days(day, span)});
    }

    /** Days a master event occurs on (its own first), from RRULE and RDATE, less EXDATE; bounded. */
    std::vector<model::date> occurrences(const ical::component& e, model::date first, const std::function<bool(model::date, std::string_view)>& after_until) {
        std::vector<model::date> days{first};
        if (const auto* rule = e.find("RRULE")) {
            std::string problem;
            auto r = ical::parse_rule(rule->value, problem);
            if (!r) fail(rule->line, problem);
            if (!r->ignored.empty()) {
                std::string parts;
                for (const auto& part : r->ignored) parts.append(parts.empty() ? "" : ", ").append(part);
                warn("ical.rrule", rule->line, "RRULE uses what is not supported (" + parts + "): only its first occurrence and RDATEs are kept");
                return days;
            }
            auto last = m_opt.school_year ? m_opt.school_year->second : model::add_days(first, default_horizon_days);
            if (!r->count && !r->until && !m_opt.school_year)
                warn("ical.unbounded", rule->line, "RRULE without COUNT or UNTIL: expanded over " + std::to_string(default_horizon_days) + " days (give the school year)");
            days = ical::occurrence_days(*r, first, last, [&](model::date d) { return r->until && after_until(d, *r->until); }, max_occurrences);
            if (days.size() == max_occurrences) warn("ical.bound", rule->line, "more than " + std::to_string(max_occurrences) + " occurrences: cut there");
        }
        return days;
    }

    void timed(const ical::component& e, const ical::property& start, const std::vector<const ical::component*>& changes) {
        auto begin = instant(start, start.value);
        auto length = end_of(e, begin) - begin;
        auto zoned = ical::parse_date_time(start.value);
        const auto& zone = zoned->utc ? *m_zone : start.parameter_value("TZID") ? zone_named(*start.parameter_value("TZID"), start.line) : *m_zone;
        auto [first_day, first_minutes] = zoned->utc ? local(begin) : std::pair{zoned->day, zoned->seconds / 60};
        int seconds = zoned->utc ? first_minutes * 60 : zoned->seconds;
        std::set<std::int64_t> instants;
        for (auto day : occurrences(e, first_day, [&](model::date d, std::string_view until) {
                 if (until.size() == 8) return d > day_of(until, start.line);
                 ical::property u{"UNTIL", {}, std::string(until), start.line};
                 return zone.to_utc(d, seconds) > instant(u, until);
             }))
            instants.insert(zone.to_utc(day, seconds));
        for (const auto* p : all(e, "RDATE"))
            for (const auto& v : split_list(p->value, false)) {
                if (v.find('/') != std::string::npos) {
                    warn("ical.rdate", p->line, "RDATE periods are not supported: left out");
                    continue;
                }
                instants.insert(is_date(*p) ? zone.to_utc(day_of(v, p->line), seconds) : instant(*p, v));
            }
        for (const auto* p : all(e, "EXDATE"))
            for (const auto& v : split_list(p->value, false)) {
                if (is_date(*p)) {
                    instants.erase(zone.to_utc(day_of(v, p->line), seconds));
                } else {
                    instants.erase(instant(*p, v));
                }
            }
        std::map<std::int64_t, const ical::component*> replaced;
        for (const auto* c : changes) replaced[instant(*c->find("RECURRENCE-ID"), c->find("RECURRENCE-ID")->value)] = c;
        auto base = who_and_where(e);
        bool recurring = instants.size() > 1 || !changes.empty();
        for (auto at : instants) {
            auto change = replaced.find(at);
            if (change == replaced.end()) {
                add_session(e, base, at, length, recurring, std::nullopt);
                continue;
            }
            const auto& c = *change->second;
            const auto* moved = c.find("DTSTART");
            auto new_start = moved ? instant(*moved, moved->value) : at;
            add_session(c, who_and_where(c, &base), new_start, end_of(c, new_start) - new_start, true, at);
            replaced.erase(change);
        }
        for (const auto& [at, c] : replaced) warn("ical.recurrence-id", c->line, "RECURRENCE-ID names no occurrence of its event: left out");
    }

    static std::vector<const ical::property*> all(const ical::component& e, std::string_view name) {
        std::vector<const ical::property*> out;
        for (const auto& p : e.properties)
            if (p.name == name) out.push_back(&p);
        return out;
    }

    std::int64_t end_of(const ical::component& e, std::int64_t begin) {
        if (const auto* end = e.find("DTEND")) {
            auto t = instant(*end, end->value);
            if (t < begin) fail(end->line, "DTEND before DTSTART");
            return t;
        }
        if (const auto* d = e.find("DURATION")) {
            auto s = duration_seconds(d->value);
            if (!s || *s < 0) fail(d->line, "DURATION '" + d->value + "' is no positive duration");
            return begin + *s;
        }
        return begin;
    }

    /** Our ids when the event carries them (their labels beside), else the labels as ids; a change's missing parts come from its event. */
    people_and_places who_and_where(const ical::component& e, const people_and_places* base = nullptr) {
        auto labels = labels_of(e);
        people_and_places out = base ? *base : people_and_places{};
        auto take = [&](const char* name, std::vector<std::string>& into, const std::vector<std::string>& named, label_map& records) {
            const auto* p = e.find(name);
            if (!p && named.empty()) return;
            auto ids = p ? split_list(p->value, true) : named;
            for (std::size_t i = 0; i < ids.size(); ++i) records.emplace(std::pair{school_of(e), ids[i]}, ids.size() == named.size() ? named[i] : ids[i]);
            into = std::move(ids);
        };
        std::vector<std::string> subject;
        take("X-INTEROP-SUBJECT", subject, labels.subject.empty() ? std::vector<std::string>{} : std::vector<std::string>{labels.subject}, m_labels.subjects);
        if (!subject.empty()) out.subject = subject.front();
        take("X-INTEROP-TEACHERS", out.teachers, labels.teachers, m_labels.teachers);
        take("X-INTEROP-CLASSES", out.classes, labels.classes, m_labels.classes);
        take("X-INTEROP-GROUPS", out.groups, labels.groups, m_labels.groups);
        take("X-INTEROP-ROOMS", out.rooms, labels.rooms, m_labels.rooms);
        if (labels.reason) out.reason = labels.reason;
        return out;
    }

    /** The school of an event's records: the one given, else ours from the UID. */
    std::string school_of(const ical::component& e) const {
        if (!m_opt.school.empty()) return m_opt.school;
        auto ours = our_uid(uid_of(e));
        return ours ? ours->second : std::string();
    }

    void add_session(const ical::component& e, const people_and_places& who, std::int64_t at, std::int64_t length, bool occurrence, std::optional<std::int64_t> planned) {
        // A session lasts no more than a day (model::session_minutes_bounds): an event over several
        // days (a trip) is no lesson; said and left out, not given to a writer to drop.
        if (!model::session_minutes_bounds.admits(static_cast<int>(std::min<std::int64_t>(length / 60, 1 << 30)))) {
            warn("ical.length", e.line, "event of " + std::to_string(length / 60) + " minutes: a session lasts no more than a day; left out");
            return;
        }
        auto uid = uid_of(e);
        auto ours = our_uid(uid);
        std::optional<std::string> course;
        if (const auto* c = e.find("X-INTEROP-COURSE")) course = ical::unescape_text(c->value);
        auto [day, minutes] = local(at);
        auto planned_day = planned ? local(*planned).first : day;
        auto id = ours ? ours->first : uid;
        bool of_course = course && ours && *course == ours->first;
        model::session s;
        s.id = occurrence || of_course ? timetable::occurrence_id(id, planned_day) : id;
        s.school = school_of(e);
        s.provenance = {format_name, m_file, e.line};
        if (course) s.extensions["ical:course"] = *course; // a feed holds occurrences, not the course itself
        s.day = day;
        s.start = {minutes};
        s.duration_minutes = static_cast<int>(length / 60);
        s.subject = who.subject.empty() ? std::nullopt : std::optional<std::string>(who.subject);
        s.teachers = who.teachers;
        s.classes = who.classes;
        s.groups = who.groups;
        s.rooms = who.rooms;
        s.reason = who.reason;
        s.status = status_of(e, planned && *planned != at);
        if (planned && *planned != at) {
            auto [pd, pm] = local(*planned);
            s.original_day = pd;
            s.original_start = model::time_of_day{pm};
        }
        if (const auto* d = e.find("DESCRIPTION"); d && !ours) s.extensions["ical:DESCRIPTION"] = ical::unescape_text(d->value);
        if (m_sessions.size() == max_sessions) fail(e.line, "more than " + std::to_string(max_sessions) + " sessions in one file: refused");
        m_sessions.push_back(std::move(s));
    }

    static model::session_status status_of(const ical::component& e, bool moved) {
        if (const auto* s = e.find("STATUS"); s && s->value == "CANCELLED") return model::session_status::cancelled;
        if (const auto* c = e.find("CATEGORIES"))
            if (auto named = model::parse_enum<model::session_status>(lower_ascii(trimmed(c->value)))) return *named;
        return moved ? model::session_status::moved : model::session_status::scheduled;
    }

    const read_options& m_opt;
    diagnostics& m_diags;
    std::string m_file;
    std::map<std::string, timetable::time_zone> m_zones;
    const timetable::time_zone* m_zone = nullptr;
    std::string m_calendar_name;
    label_maps m_labels;
    model::calendar m_days_off;
    std::vector<model::session> m_sessions;
};

class calendar_reader : public reader {
public:
    explicit calendar_reader(const read_options& opt) : m_opt(opt) {}

    /** Every calendar of the input; an event in several (a folder of audiences) is one session. */
    void read(const io::input& in, io::record_sink& sink, diagnostics& diags) override {
        model::metadata meta;
        meta.source = format_name;
        adapter_support::metadata_first_sink first(sink, meta);
        deduplicating_sink unique(first);
        for (const auto& entry : in.entries()) {
            auto file = in.describe(entry);
            auto stream = in.open_entry(entry);
            calendar_mapper mapper(m_opt, diags, file);
            ical::component loose{"VCALENDAR", {}, {}, 1}; // VEVENTs outside any VCALENDAR (seen in the wild)
            auto components = ical::parse(*stream, file);
            if (components.empty()) throw parse_error({file, 1, 0}, format_name, "no VCALENDAR");
            for (auto& c : components) {
                if (c.name == "VCALENDAR") mapper.calendar(c);
                else if (c.name == "VEVENT") loose.children.push_back(std::move(c));
            }
            if (!loose.children.empty()) mapper.calendar(loose);
            mapper.emit_all(unique);
        }
        first.on_end();
        sink.on_end();
    }

private:
    /** Forwards each (kind, school, id) once. */
    class deduplicating_sink : public io::record_sink {
    public:
        explicit deduplicating_sink(io::record_sink& next) : m_next(next) {}
        void on_record(model::any_record&& r) override {
            auto key = std::visit([](const auto& k) { return std::string(std::decay_t<decltype(k)>::kind) + '\n' + k.school + '\n' + k.id; }, r);
            if (m_seen.insert(std::move(key)).second) m_next.on_record(std::move(r));
        }
        void on_end() override {}

    private:
        io::record_sink& m_next;
        std::set<std::string> m_seen;
    };

    read_options m_opt;
};

} // namespace

std::unique_ptr<reader> make_reader(const read_options& opt) { return std::make_unique<calendar_reader>(opt); }

} // namespace interop::ical_adapter
