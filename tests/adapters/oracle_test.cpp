// The oracle: a timetable's truth is its dated sessions (timetable::expand: day, start, length,
// subject, teachers, classes, groups, rooms). Through every timetable format the project writes
// and reads, and every pair of them, each session either comes back unchanged or is declared
// lost by a writer: the course it comes from is declared lost whole, or in part (then the
// session may come back changed, on its day and at its time). Nothing changes in silence.

#include "reading.hpp"
#include "support.hpp"

#include <interop/adapter/registry.hpp>
#include <interop/timetable/expand.hpp>

#include <generator.hpp>

#include <map>
#include <set>
#include <tuple>

using namespace interop;

namespace oracle {

const std::pair<model::date, model::date> school_year{{2025, 9, 1}, {2026, 7, 3}};
const char* const timetable_formats[] = {"asc", "fet", "untis", "sts-emp", "ical"};

/** What a session is, whatever ids its course has. */
using session_key = std::tuple<model::date, int, int, std::string, std::vector<std::string>, std::vector<std::string>, std::vector<std::string>,
                               std::vector<std::string>>;

std::vector<std::string> sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
}

/** The sessions of a dataset's timetable over the school year, each with what its course gives it when it does not differ. */
std::vector<std::pair<model::session, session_key>> sessions_of(const model::dataset& ds) {
    std::map<std::string, const model::course*> courses;
    for (const auto& c : ds.all<model::course>()) courses[c.id] = &c;
    std::vector<std::pair<model::session, session_key>> out;
    for (auto& s : timetable::expand(ds, school_year.first, school_year.second)) {
        const auto it = s.course ? courses.find(*s.course) : courses.end();
        const model::course* c = it == courses.end() ? nullptr : it->second;
        auto pick = [&](const std::vector<std::string>& own, std::vector<std::string> model::course::*field) { return sorted(own.empty() && c ? c->*field : own); };
        session_key key{s.day, s.start.minutes, s.duration_minutes, s.subject.value_or(c ? c->subject : ""), pick(s.teachers, &model::course::teachers),
                        pick(s.classes, &model::course::classes), pick(s.groups, &model::course::groups), pick(s.rooms, &model::course::rooms)};
        out.emplace_back(std::move(s), std::move(key));
    }
    return out;
}

/** The records each loss declares, by kind of loss. */
struct declared {
    std::set<std::string> whole, part;
    explicit declared(const io::loss_log& log) {
        for (const auto& r : log.reasons()) (r.whole ? whole : part).insert(r.records.begin(), r.records.end());
    }
};

/** One hop: `ds` written as `format`, read back with no option (what our writer leaves must be enough). */
model::dataset through(const model::dataset& ds, const std::string& format, const std::filesystem::path& out, io::loss_log& losses) {
    registry r;
    register_all_adapters(r);
    {
        auto writer = open_writer(r.get(format), out, {losses});
        io::replay(ds, *writer);
    }
    model::dataset back;
    io::dataset_sink sink(back);
    diagnostics diags;
    if (!std::filesystem::exists(out)) return back; // all declared lost: nothing written (the check says whether it was)
    const auto in = io::input::open(out);
    const auto verdicts = r.identify_all(in);
    if (std::all_of(verdicts.begin(), verdicts.end(), [](const auto& v) { return v.confidence == confidence::no; }))
        return back; // nothing this format maps was left (a calendar's sessions, in a format of courses)
    REQUIRE(r.identify(in).name == format);
    r.get(format).make_reader({})->read(in, sink, diags);
    CHECK_MESSAGE(diags.count(severity::error) == 0, (diags.items().empty() ? "" : diags.items().front().to_string()));
    return back;
}

/** Sessions changed or lost in silence, and sessions invented: the first few, and how many. */
struct silent {
    std::size_t count = 0;
    std::vector<std::string> examples;
    /** Counts `what`; keeps it as an example unless one of the same kind (`kind`: its course, its subject) is kept already. */
    void add(std::string what, const std::string& kind) {
        ++count;
        if (examples.size() < 8 && kinds.insert(kind).second) examples.push_back(std::move(what));
    }
    std::set<std::string> kinds;
    std::string text() const {
        std::string out = std::to_string(count) + " in silence";
        for (const auto& e : examples) out += "\n  " + e;
        return out;
    }
};

std::string describe(const model::session& s) {
    return "course " + s.course.value_or("(none)") + " on " + model::to_string(s.day) + " at " + model::to_string(s.start) + " (" +
           s.subject.value_or("") + ")";
}

/**
 * Each session of `before` is in `after`, or comes from a course declared lost; a course
 * declared lost in part may come back changed, on the same day and time. Nothing is invented.
 */
silent check_sessions(const model::dataset& before, const model::dataset& after, const declared& lost) {
    silent out;
    std::multiset<session_key> remaining;
    for (const auto& [s, key] : sessions_of(after)) remaining.insert(key);
    std::set<std::pair<model::date, int>> planned_again; // a change declared lost: the planned occurrence may come back
    std::set<std::pair<int, std::string>> changed_courses; // a course lost in part: its sessions may come back changed (start, subject)
    for (const auto& [s, key] : sessions_of(before)) {
        const std::string course = "course/" + s.course.value_or("");
        if (lost.whole.contains(course)) continue;
        if (lost.whole.contains("session/" + s.id)) {
            planned_again.insert({s.original_day.value_or(s.day), s.original_start.value_or(s.start).minutes});
            continue;
        }
        if (lost.part.contains(course)) changed_courses.insert({s.start.minutes, std::get<3>(key)});
        if (auto it = remaining.find(key); it != remaining.end()) remaining.erase(it);
        else if (!lost.part.contains(course)) out.add("changed or lost: " + describe(s), s.course.value_or(""));
    }
    std::vector<model::calendar> lost_calendars; // their days off may come back with classes
    for (const auto& c : before.all<model::calendar>())
        if (lost.whole.contains("calendar/" + c.id)) lost_calendars.push_back(c);
    const timetable::days_off holidays_lost(lost_calendars);
    for (const auto& k : remaining) {
        const auto [day, start] = std::pair{std::get<0>(k), std::get<1>(k)};
        if (holidays_lost.contains(day) || planned_again.contains({day, start}) || changed_courses.contains({start, std::get<3>(k)})) continue;
        out.add("invented: " + model::to_string(day) + " at minute " + std::to_string(start) + " (" + std::get<3>(k) + ")", std::to_string(start) + std::get<3>(k));
    }
    return out;
}

inline model::dataset demo_timetable() {
    auto ds = test::demo_school();
    REQUIRE(!timetable::expand(ds, school_year.first, school_year.second).empty());
    return ds;
}

/** A school from the generator with the shapes real exports have (generator::options::real_shapes). */
inline model::dataset real_shapes() {
    model::dataset ds;
    io::dataset_sink sink(ds);
    generator::generate({.real_shapes = true}, sink);
    REQUIRE(ds.all<model::week_pattern>().size() == 4);
    return ds;
}

} // namespace oracle

using namespace oracle;

TEST_CASE("the oracle: the demo school's sessions through each timetable format survive or are declared lost") {
    const auto demo = demo_timetable();
    test::temp_dir dir("oracle-one");
    for (const char* format : timetable_formats) {
        io::loss_log losses;
        const auto back = through(demo, format, dir / (std::string("school.") + format), losses);
        const auto found = check_sessions(demo, back, declared(losses));
        CHECK_MESSAGE(found.count == 0, "demo → ", std::string(format), ": ", found.text());
    }
}

TEST_CASE("the oracle over every pair of timetable formats: A's view of the school, through B") {
    const auto demo = demo_timetable();
    test::temp_dir dir("oracle-pairs");
    for (const char* a : timetable_formats) {
        io::loss_log first;
        const auto view = through(demo, a, dir / (std::string("a.") + a), first);
        for (const char* b : timetable_formats) {
            io::loss_log losses;
            const auto back = through(view, b, dir / (std::string(a) + "-to." + b), losses);
            const auto found = check_sessions(view, back, declared(losses));
            CHECK_MESSAGE(found.count == 0, std::string(a), " → ", std::string(b), ": ", found.text());
        }
    }
}

TEST_CASE("the oracle on the shapes real exports have, through every pair of timetable formats") {
    const auto shapes = real_shapes();
    test::temp_dir dir("oracle-shapes");
    for (const char* a : timetable_formats) {
        io::loss_log first;
        const auto view = through(shapes, a, dir / (std::string("a.") + a), first);
        const auto direct = check_sessions(shapes, view, declared(first));
        CHECK_MESSAGE(direct.count == 0, "shapes → ", std::string(a), ": ", direct.text());
        for (const char* b : timetable_formats) {
            io::loss_log losses;
            const auto back = through(view, b, dir / (std::string(a) + "-to." + b), losses);
            const auto found = check_sessions(view, back, declared(losses));
            CHECK_MESSAGE(found.count == 0, "shapes: ", std::string(a), " → ", std::string(b), ": ", found.text());
        }
    }
}
