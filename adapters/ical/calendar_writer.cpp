#include "calendar_writer.hpp"

#include "events.hpp"
#include "serialize.hpp"

#include <interop/errors.hpp>
#include <interop/io/output.hpp>

#include <chrono>
#include <fstream>
#include <set>

namespace interop::ical_adapter {
namespace {

namespace fs = std::filesystem;

/** SEQUENCE and digest of each event of a previous export, by UID and RECURRENCE-ID. */
using sequence_state = std::map<std::string, std::pair<int, std::string>>;

std::string event_key(const ical::component& e) {
    const auto* uid = e.find("UID");
    const auto* rid = e.find("RECURRENCE-ID");
    return (uid ? uid->value : "") + "|" + (rid ? rid->value : "");
}

sequence_state previous_state(const fs::path& file) {
    sequence_state out;
    std::ifstream in(file, std::ios::binary);
    if (!in) return out;
    try {
        for (const auto& cal : ical::parse(in, file.string()))
            for (const auto& e : cal.children) {
                const auto* seq = e.find("SEQUENCE");
                const auto* digest = e.find("X-INTEROP-DIGEST");
                if (e.name == "VEVENT" && seq && digest) out[event_key(e)] = {std::atoi(seq->value.c_str()), digest->value};
            }
    } catch (const parse_error&) {
        return {}; // a damaged previous export only loses the sequence numbers
    }
    return out;
}

/** Puts SEQUENCE (after DTSTAMP) and the content digest in the event. */
void stamp_sequence(ical::component& e, const sequence_state& previous) {
    auto digest = content_digest(e);
    int sequence = 0;
    if (auto it = previous.find(event_key(e)); it != previous.end())
        sequence = it->second.second == digest ? it->second.first : it->second.first + 1;
    e.properties.insert(e.properties.begin() + 2, ical::property{"SEQUENCE", {}, std::to_string(sequence), 0});
    e.properties.push_back(ical::property{"X-INTEROP-DIGEST", {}, std::move(digest), 0});
}

/** The events of one school, each course's serialised once, and who sees which. */
struct school_feeds {
    std::string vtimezone;
    std::vector<std::string> bodies;
    std::map<audience, std::vector<std::size_t>> audiences;
};

class feed_builder {
public:
    feed_builder(const school_timetable& school, const std::string& dtstamp, syntax s, const sequence_state& previous)
        : m_school(school), m_syntax(s), m_previous(previous), m_zone(school.time_zone),
          m_ctx{school, m_zone, timetable::days_off(school.calendars), {}, {}, dtstamp} {}

    school_feeds build() {
        auto span = span_of();
        m_ctx.from = span.first;
        m_ctx.to = span.second;
        m_out.vtimezone = render({vtimezone(m_zone, span.first, span.second)});
        std::map<std::string, std::vector<const model::session*>> changes;
        std::vector<std::pair<const model::session*, const model::course*>> alone;
        std::map<std::string, const model::course*> courses;
        for (const auto& c : m_school.courses) courses[c.id] = &c;
        for (const auto& s : m_school.sessions) {
            if (s.course && courses.count(*s.course)) changes[*s.course].push_back(&s);
            else alone.emplace_back(&s, nullptr);
        }
        for (const auto& c : m_school.courses) {
            std::vector<const model::session*> unplaced;
            auto events = course_events(c, changes[c.id], m_ctx, unplaced);
            for (const auto* s : unplaced) alone.emplace_back(s, &c);
            if (!events.empty()) add(std::move(events), c.teachers, c.classes, c.groups, c.rooms);
        }
        for (const auto& [s, c] : alone) {
            auto who = shown_of(c, s);
            add({session_event(*s, c, m_ctx)}, who.teachers, who.classes, who.groups, who.rooms);
        }
        add_pupils();
        return std::move(m_out);
    }

private:
    std::pair<model::date, model::date> span_of() const {
        if (auto span = school_span(m_school)) return *span;
        std::optional<model::date> from, to;
        for (const auto& c : m_school.courses) {
            if (!c.valid_from || !c.valid_until)
                throw error("school " + m_school.uai + " has no academic_year and course " + c.id +
                            " no validity: its recurrence cannot be bounded");
            from = from ? std::min(*from, *c.valid_from) : *c.valid_from;
            to = to ? std::max(*to, *c.valid_until) : *c.valid_until;
        }
        for (const auto& s : m_school.sessions) {
            from = from ? std::min(*from, s.day) : s.day;
            to = to ? std::max(*to, s.day) : s.day;
        }
        if (!from) return {{2000, 1, 1}, {2000, 1, 1}};
        return {*from, *to};
    }

    std::string render(const std::vector<ical::component>& components) const {
        std::string out;
        for (const auto& c : components) {
            if (m_syntax == syntax::ical) write_text(out, c);
            else write_jcal(out.append(out.empty() ? "" : ","), c);
        }
        return out;
    }

    void add(std::vector<ical::component> events, const std::vector<std::string>& teachers, const std::vector<std::string>& classes,
             const std::vector<std::string>& groups, const std::vector<std::string>& rooms) {
        for (auto& e : events) stamp_sequence(e, m_previous);
        auto index = m_out.bodies.size();
        m_out.bodies.push_back(render(events));
        auto see = [&](audience_kind k, const std::string& id, const std::map<std::string, std::string>& labels) {
            auto& list = m_out.audiences[{k, id, label_of(labels, id)}];
            if (list.empty() || list.back() != index) list.push_back(index);
        };
        see(audience_kind::school, m_school.uai, {{m_school.uai, m_school.name}});
        for (const auto& t : teachers) see(audience_kind::teacher, t, m_school.staff_labels);
        for (const auto& r : rooms) see(audience_kind::room, r, m_school.room_labels);
        for (const auto& g : groups) {
            see(audience_kind::group, g, m_school.group_labels);
            m_by_group[g].push_back(index);
            if (auto it = m_school.group_classes.find(g); it != m_school.group_classes.end())
                for (const auto& c : it->second) see(audience_kind::class_, c, m_school.class_labels); // part of the class
        }
        for (const auto& c : classes) {
            see(audience_kind::class_, c, m_school.class_labels);
            m_by_class[c].push_back(index);
        }
    }

    /** A pupil sees the courses of their classes and of their own groups (not the class's other groups). */
    void add_pupils() {
        std::set<std::string> pupils;
        for (const auto& [p, _] : m_school.pupil_classes) pupils.insert(p);
        for (const auto& [p, _] : m_school.pupil_groups) pupils.insert(p);
        for (const auto& p : pupils) {
            std::set<std::size_t> seen;
            auto take = [&](const std::map<std::string, std::set<std::string>>& of, std::map<std::string, std::vector<std::size_t>>& index) {
                if (auto it = of.find(p); it != of.end())
                    for (const auto& g : it->second)
                        for (auto i : index[g]) seen.insert(i);
            };
            take(m_school.pupil_classes, m_by_class);
            take(m_school.pupil_groups, m_by_group);
            if (!seen.empty()) m_out.audiences[{audience_kind::pupil, p, label_of(m_school.pupil_labels, p)}] = {seen.begin(), seen.end()};
        }
    }

    const school_timetable& m_school;
    syntax m_syntax;
    const sequence_state& m_previous;
    timetable::time_zone m_zone;
    event_context m_ctx;
    school_feeds m_out;
    std::map<std::string, std::vector<std::size_t>> m_by_class, m_by_group;
};

/** A file name for any id: letters, digits, `-` and `_` kept, every other byte as %XX. */
std::string file_name_of(const std::string& id) {
    std::string out;
    for (unsigned char c : id) {
        if (std::isalnum(c) || c == '-' || c == '_') out.push_back(static_cast<char>(c));
        else {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", c);
            out.append(hex);
        }
    }
    return out;
}

std::string calendar_text(syntax s, const std::string& name, const std::string& tz, const std::vector<const std::string*>& parts) {
    const ical::property header[] = {{"VERSION", {}, "2.0", 0},
                                     {"PRODID", {}, "-//Interop Hub//libinterop//FR", 0},
                                     {"CALSCALE", {}, "GREGORIAN", 0},
                                     {"METHOD", {}, "PUBLISH", 0},
                                     {"X-WR-CALNAME", {}, ical::escape_text(name), 0},
                                     {"X-WR-TIMEZONE", {}, tz, 0}};
    std::string out;
    if (s == syntax::ical) {
        out.append("BEGIN:VCALENDAR\r\n");
        for (const auto& p : header) write_text(out, p);
        for (const auto* p : parts) out.append(*p);
        return out.append("END:VCALENDAR\r\n");
    }
    out.append("[\"vcalendar\",[");
    for (const auto& p : header) write_jcal(out.append(&p == header ? "" : ","), p);
    out.append("],[");
    bool first = true;
    for (const auto* p : parts) {
        if (p->empty()) continue;
        out.append(first ? "" : ",").append(*p);
        first = false;
    }
    return out.append("]]\n");
}

std::string dtstamp_of(const model::metadata& m) {
    if (m.generated_at) return utc_stamp(model::epoch_seconds(*m.generated_at));
    auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    return utc_stamp(now);
}

} // namespace

void calendar_writer::on_end() {
    auto& schools = m_view.schools();
    if (auto shared = schools.find(""); shared != schools.end()) {
        for (auto& [uai, s] : schools) s.subject_labels.insert(shared->second.subject_labels.begin(), shared->second.subject_labels.end());
        if (shared->second.courses.empty() && shared->second.sessions.empty()) schools.erase(shared);
    }
    auto dtstamp = dtstamp_of(m_view.metadata());
    const char* ext = m_syntax == syntax::ical ? ".ics" : ".json";
    bool one_file = m_out.extension() == ext || m_out == "-";
    if (one_file) {
        auto previous = m_syntax == syntax::ical ? previous_state(m_out) : sequence_state{};
        std::vector<school_feeds> feeds;
        std::set<std::string> zones;
        std::vector<const std::string*> parts;
        for (const auto& [uai, s] : schools) feeds.push_back(feed_builder(s, dtstamp, m_syntax, previous).build());
        std::size_t i = 0;
        for (const auto& [uai, s] : schools) {
            if (zones.insert(s.time_zone).second) parts.push_back(&feeds[i].vtimezone);
            ++i;
        }
        for (const auto& f : feeds)
            for (const auto& b : f.bodies) parts.push_back(&b);
        io::output_file out(m_out);
        out.stream() << calendar_text(m_syntax, "Emploi du temps", schools.empty() ? "Europe/Paris" : schools.begin()->second.time_zone, parts);
        out.commit();
        return;
    }
    io::output_folder folder(m_out, m_existing);
    for (const auto& [uai, s] : schools) {
        auto previous = m_syntax == syntax::ical ? previous_state(m_out / file_name_of(uai) / (std::string("school") + ext)) : sequence_state{};
        auto feeds = feed_builder(s, dtstamp, m_syntax, previous).build();
        for (const auto& [who, indices] : feeds.audiences) {
            std::vector<const std::string*> parts{&feeds.vtimezone};
            for (auto i : indices) parts.push_back(&feeds.bodies[i]);
            auto file = who.kind == audience_kind::school ? fs::path(file_name_of(uai)) / (std::string("school") + ext)
                                                          : fs::path(file_name_of(uai)) / folder_of(who.kind) / (file_name_of(who.id) + ext);
            folder.write(file, calendar_text(m_syntax, who.label, s.time_zone, parts));
        }
    }
    folder.commit();
}

} // namespace interop::ical_adapter
