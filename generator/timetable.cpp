// A full weekly timetable with week A/B alternation, placed greedily so that no teacher,
// room or class is in two places at once, then a few dated exceptions.

#include "school_builder.hpp"

#include "catalogue.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <array>
#include <set>
#include <stdexcept>

namespace interop::generator {

namespace {

constexpr int week_days = 5;
constexpr int day_slots = 8;
constexpr int week_a = 1, week_b = 2, every_week = 3;

struct position {
    int day;  // 1 Monday … 5 Friday
    int slot; // 0 … 7
};

bool exists(const position& p) { return p.day != 3 || p.slot < 4; } // no classes on Wednesday afternoon

/** Which weeks each resource is busy, per position. */
class occupancy {
public:
    bool free(const std::string& resource, const position& p, int weeks) const {
        auto it = m_busy.find(resource);
        return it == m_busy.end() || (it->second[index(p)] & weeks) == 0;
    }
    void take(const std::string& resource, const position& p, int weeks) { m_busy[resource][index(p)] |= static_cast<std::uint8_t>(weeks); }

private:
    static std::size_t index(const position& p) { return static_cast<std::size_t>((p.day - 1) * day_slots + p.slot); }
    std::map<std::string, std::array<std::uint8_t, week_days * day_slots>> m_busy;
};

struct lesson {
    const subject_spec* subject;
    int weeks;
};

/** A course placed in the week, emitted once the whole timetable is placed. */
struct placement {
    std::string subject;
    std::string teacher;
    std::vector<std::string> classes;
    std::vector<std::string> groups;
    std::string room;
    position where;
    int weeks;
};

/** One class lesson waiting to be placed. */
struct pending {
    std::string class_id;
    std::size_t class_index;
    std::string teacher;
    lesson what;
};

/** Scarce rooms first: a lesson that needs one of two rooms is harder to place than one in the class's own room. */
int scarcity(room_need need) {
    switch (need) {
    case room_need::gym: return 0;
    case room_need::lab: return 1;
    case room_need::technology: return 2;
    case room_need::art:
    case room_need::music: return 3;
    case room_need::home: return 4;
    }
    return 4;
}

struct placement_failed : std::runtime_error {
    using std::runtime_error::runtime_error;
};

std::vector<std::string> rooms_for(room_need need) {
    switch (need) {
    case room_need::lab: return {"LAB1", "LAB2", "LAB3", "LAB4"};
    case room_need::technology: return {"TECH1", "TECH2"};
    case room_need::art: return {"ART1", "ART2"};
    case room_need::music: return {"MUS1", "MUS2"};
    case room_need::gym: return {"GYM1", "GYM2", "GYM3", "GYM4"};
    case room_need::home: return {};
    }
    return {};
}

/** Places every lesson of the week, or fails; nothing is emitted from here. */
class scheduler {
public:
    scheduler(const school_plan& plan, random& r) : m_plan(plan), m_random(r) {
        for (int d = 1; d <= week_days; ++d)
            for (int s = 0; s < day_slots; ++s)
                if (exists({d, s})) m_positions.push_back({d, s});
    }

    void bands(int level) {
        std::vector<std::string> classes;
        for (const auto& c : m_plan.class_ids)
            if (m_plan.class_level.at(c) == level) classes.push_back(c);
        for (const auto& spec : subjects()) {
            if (!spec.by_group) continue;
            std::vector<std::string> groups;
            for (const auto& [g, gc] : m_plan.group_classes)
                if (gc == classes && is_group_of(g, spec)) groups.push_back(g);
            for (const auto& l : split(spec, level, 0)) place_band(classes, groups, l);
        }
    }

    /** Every class lesson, the most constrained first, classes interleaved. */
    void class_lessons() {
        std::vector<pending> todo;
        for (std::size_t i = 0; i < m_plan.class_ids.size(); ++i) {
            const std::string& class_id = m_plan.class_ids[i];
            const int level = m_plan.class_level.at(class_id);
            for (const auto& spec : subjects()) {
                if (spec.by_group) continue;
                const std::string teacher = assign_teacher(class_id, spec, level);
                for (const auto& l : split(spec, level, static_cast<int>(i))) todo.push_back({class_id, i, teacher, l});
            }
        }
        std::stable_sort(todo.begin(), todo.end(), [](const pending& a, const pending& b) {
            return std::pair(scarcity(a.what.subject->room), a.what.weeks != every_week) <
                   std::pair(scarcity(b.what.subject->room), b.what.weeks != every_week);
        });
        for (const auto& p : todo) place_class_lesson(p.class_id, p.class_index, p.teacher, p.what);
    }

    const std::vector<placement>& placements() const { return m_placements; }
    const std::map<std::pair<std::string, std::string>, std::string>& teacher_of() const { return m_teacher_of; }

private:
    static bool is_group_of(const std::string& group, const subject_spec& spec) {
        const bool latin = group.find("LAT") != std::string::npos;
        return spec.id == "LCALA" ? latin : !latin;
    }

    /** Weekly lessons, plus one fortnightly lesson for an odd number of half hours. */
    static std::vector<lesson> split(const subject_spec& spec, int level, int parity) {
        const int half_hours = spec.half_hours[static_cast<std::size_t>(6 - level)];
        std::vector<lesson> out(static_cast<std::size_t>(half_hours / 2), lesson{&spec, every_week});
        if (half_hours % 2) out.push_back({&spec, parity % 2 ? week_b : week_a});
        return out;
    }

    std::string assign_teacher(const std::string& audience, const subject_spec& spec, int level) {
        const auto& candidates = m_plan.teachers_by_subject.at(spec.id);
        const std::string* best = &candidates.front();
        for (const auto& t : candidates)
            if (m_load[t] < m_load[*best]) best = &t;
        m_load[*best] += spec.half_hours[static_cast<std::size_t>(6 - level)];
        m_teacher_of[{audience, spec.id}] = *best;
        return *best;
    }

    void place_band(const std::vector<std::string>& classes, const std::vector<std::string>& groups, const lesson& l) {
        std::vector<std::string> teachers;
        for (std::size_t k = 0; k < groups.size(); ++k) {
            const auto& pool = m_plan.teachers_by_subject.at(l.subject->id);
            teachers.push_back(pool[k % pool.size()]);
            m_teacher_of[{groups[k], l.subject->id}] = teachers.back();
        }
        for (const auto& p : ordered_positions()) {
            bool ok = true;
            for (const auto& c : classes) ok = ok && m_busy.free(c, p, l.weeks);
            for (const auto& t : teachers) ok = ok && m_busy.free(t, p, l.weeks);
            if (!ok) continue;
            for (const auto& c : classes) m_busy.take(c, p, l.weeks);
            for (std::size_t k = 0; k < groups.size(); ++k) {
                const std::string room = "S" + std::to_string(101 + index_of(classes[k % classes.size()]));
                take_and_emit(*l.subject, teachers[k], {}, {groups[k]}, room, p, l.weeks);
            }
            return;
        }
        throw placement_failed("no common slot for the groups of " + classes.front());
    }

    void place_class_lesson(const std::string& class_id, std::size_t class_index, const std::string& teacher, const lesson& l) {
        const std::string home = "S" + std::to_string(101 + class_index);
        for (int relaxed = 0; relaxed < 2; ++relaxed) {
            for (const auto& p : ordered_positions()) {
                if (!m_busy.free(class_id, p, l.weeks) || !m_busy.free(teacher, p, l.weeks)) continue;
                if (!relaxed && m_subject_days.contains({class_id, l.subject->id, p.day})) continue;
                const std::string room = free_room(l.subject->room, home, p, l.weeks);
                if (room.empty()) continue;
                m_busy.take(class_id, p, l.weeks);
                m_subject_days.insert({class_id, l.subject->id, p.day});
                take_and_emit(*l.subject, teacher, {class_id}, {}, room, p, l.weeks);
                return;
            }
        }
        throw placement_failed("cannot place " + l.subject->id + " for " + class_id);
    }

    std::string free_room(room_need need, const std::string& home, const position& p, int weeks) const {
        if (need == room_need::home) return m_busy.free(home, p, weeks) ? home : std::string();
        for (const auto& r : rooms_for(need))
            if (m_busy.free(r, p, weeks)) return r;
        return {};
    }

    std::vector<position> ordered_positions() {
        std::vector<position> out = m_positions;
        for (std::size_t i = out.size() - 1; i > 0; --i) std::swap(out[i], out[m_random.next() % (i + 1)]);
        return out;
    }

    std::size_t index_of(const std::string& class_id) const {
        for (std::size_t i = 0; i < m_plan.class_ids.size(); ++i)
            if (m_plan.class_ids[i] == class_id) return i;
        return 0;
    }

    void take_and_emit(const subject_spec& subject, const std::string& teacher, std::vector<std::string> classes,
                       std::vector<std::string> groups, const std::string& room, const position& p, int weeks) {
        m_busy.take(teacher, p, weeks);
        m_busy.take(room, p, weeks);
        m_placements.push_back({subject.id, teacher, std::move(classes), std::move(groups), room, p, weeks});
    }

    const school_plan& m_plan;
    random& m_random;
    std::vector<position> m_positions;
    occupancy m_busy;
    std::map<std::string, int> m_load;
    std::set<std::tuple<std::string, std::string, int>> m_subject_days;
    std::vector<placement> m_placements;
    std::map<std::pair<std::string, std::string>, std::string> m_teacher_of;
};

} // namespace

/**
 * With real shapes, which placed courses take which shape: every-week courses spread over the
 * timetable, so that narrowing one to W1 or W3, or taking its teacher or room away, adds no clash.
 */
template <class Placements> std::map<std::size_t, course_shape> school_builder::real_shapes_of(const Placements& placed) const {
    std::map<std::size_t, course_shape> out;
    if (!m_options.real_shapes) return out;
    std::vector<std::size_t> every;
    for (std::size_t i = 0; i < placed.size(); ++i)
        if (placed[i].weeks == every_week) every.push_back(i);
    const course_shape shapes[] = {course_shape::no_teacher, course_shape::no_room, course_shape::one_week, course_shape::three_weeks,
                                   course_shape::part_of_year};
    if (every.size() < std::size(shapes)) return out;
    for (std::size_t k = 0; k < std::size(shapes); ++k) out[every[k * every.size() / std::size(shapes)]] = shapes[k];
    return out;
}

void school_builder::shape(model::course& c, course_shape s) const {
    switch (s) {
    case course_shape::as_placed: return;
    case course_shape::no_teacher: c.teachers.clear(); return;
    case course_shape::no_room: c.rooms.clear(); return;
    case course_shape::one_week: c.week_pattern = "W1"; return;
    case course_shape::three_weeks: c.week_pattern = "W3"; return;
    case course_shape::part_of_year: c.valid_from = model::add_days(m_calendar.year_start, 7 * 18); return;
    }
}

/** A course of one hour on Wednesdays at `hour`, all year, for no class or group yet. */
model::course school_builder::wednesday_hour(std::string id, std::string subject, std::string teacher, std::vector<std::string> rooms, int hour) const {
    auto c = make<model::course>(std::move(id));
    c.subject = std::move(subject);
    c.teachers = {std::move(teacher)};
    c.rooms = std::move(rooms);
    c.weekday = 3;
    c.start = model::time_of_day{hour * 60};
    c.duration_minutes = 60;
    c.valid_from = m_calendar.year_start;
    c.valid_until = m_calendar.year_end;
    return c;
}

/**
 * With real shapes, a teacher shared with the other schools (the same person, names and STS id,
 * on the staff of each) who runs a Wednesday workshop for a group with the code of a class (the
 * whole class as a group, as EDT and Pronote make them), at 13:00, between the grid's periods.
 */
void school_builder::shared_teacher_and_class_group() {
    auto teacher = make<model::staff>("P-PARTAGE");
    teacher.civility = "Mme";
    teacher.last_name = "Partagé";
    teacher.first_name = "Hélène";
    teacher.email = "helene.partage@ac-nantes.example.org";
    teacher.functions = {"ENS"};
    teacher.external_ids = {{"sts", "9001"}};
    emit(std::move(teacher));

    const auto& cls = m_plan.class_ids.front();
    auto g = make<model::group>("G-" + cls);
    g.code = cls;
    g.label = cls + " (classe entière)";
    g.classes = {cls};
    m_plan.group_classes[g.id] = g.classes;
    for (const auto& pupil : m_plan.pupils[cls]) {
        auto m = make<model::membership>("M-" + pupil + "-" + g.id);
        m.person = pupil;
        m.group = g.id;
        m.group_kind = model::audience_kind::group;
        m.start = m_calendar.year_start;
        emit(std::move(m));
    }
    const auto subject = m_plan.subject_ids.back();
    m_plan.teacher_of[{g.id, subject}] = "P-PARTAGE";
    auto workshop = wednesday_hour("C-ATELIER", subject, "P-PARTAGE", {"MUS1"}, 13);
    workshop.groups = {g.id};
    emit(std::move(g));
    emit(std::move(workshop));
}

/**
 * With real shapes, what no placed course has: the W1 and W3 alternations (one week; three
 * consecutive weeks), a teachers' meeting for no class or group in two rooms, on Wednesday
 * afternoon when there are no classes, and a shared teacher's workshop.
 */
void school_builder::real_shapes_extras() {
    shared_teacher_and_class_group();
    const auto weeks = m_calendar.school_weeks();
    for (auto [code, count] : {std::pair{"W1", std::size_t{1}}, std::pair{"W3", std::size_t{3}}}) {
        auto p = make<model::week_pattern>(code);
        p.code = code;
        p.label = count == 1 ? "Semaine 1" : "Semaines 1 à 3";
        p.weeks.assign(weeks.begin(), weeks.begin() + static_cast<std::ptrdiff_t>(std::min(count, weeks.size())));
        emit(std::move(p));
    }
    emit(wednesday_hour("C-CONSEIL", m_plan.subject_ids.front(), m_plan.staff_ids.front(), {"S101", "S102"}, 14));
}

void school_builder::add_course(const std::string& subject, const std::string& teacher, std::vector<std::string> classes,
                                std::vector<std::string> groups, const std::string& room, int weekday, int start_minutes,
                                const std::string& week_pattern, course_shape as) {
    auto c = make<model::course>("C" + std::to_string(m_plan.course_ids.size() + 1));
    c.subject = subject;
    c.teachers = {teacher};
    c.classes = std::move(classes);
    c.groups = std::move(groups);
    c.rooms = {room};
    c.weekday = weekday;
    c.start = model::time_of_day{start_minutes};
    c.duration_minutes = slot_minutes;
    if (!week_pattern.empty()) c.week_pattern = week_pattern;
    c.valid_from = m_calendar.year_start;
    c.valid_until = m_calendar.year_end;
    c.external_ids = {{"edt", std::to_string(5000 + m_plan.course_ids.size())}};
    shape(c, as);
    m_plan.course_ids.push_back(c.id);
    m_courses.push_back(c);
    emit(std::move(c));
}

void school_builder::timetable() {
    auto grid = make<model::time_grid>("GRILLE");
    grid.label = "Grille horaire";
    grid.weekdays = {1, 2, 3, 4, 5};
    for (int s = 0; s < day_slots; ++s) {
        const model::time_slot base{s + 1, {slot_starts[static_cast<std::size_t>(s)]}, {slot_starts[static_cast<std::size_t>(s)] + slot_minutes}, std::nullopt};
        if (s < 4) grid.slots.push_back(base);
        else
            for (int d : {1, 2, 4, 5}) grid.slots.push_back({base.number, base.start, base.end, d});
    }
    emit(std::move(grid));

    const auto weeks = m_calendar.school_weeks();
    for (const char* code : {"A", "B"}) {
        auto p = make<model::week_pattern>(code);
        p.code = code;
        p.label = std::string("Semaine ") + code;
        for (std::size_t i = code[0] == 'A' ? 0 : 1; i < weeks.size(); i += 2) p.weeks.push_back(weeks[i]);
        if (code[0] == 'A') m_a_weeks.insert(p.weeks.begin(), p.weeks.end());
        emit(std::move(p));
    }

    // Greedy placement with the scarcest lessons first nearly always fits; when it does not,
    // start again with another shuffle. Deterministic: the shuffles come from the school's seed.
    for (int attempt = 1;; ++attempt) {
        try {
            scheduler s(m_plan, m_random);
            for (int level = 5; level >= 3; --level) s.bands(level);
            s.class_lessons();
            m_plan.teacher_of = s.teacher_of();
            const auto shapes = real_shapes_of(s.placements());
            for (std::size_t i = 0; i < s.placements().size(); ++i) {
                const auto& p = s.placements()[i];
                const auto shape = shapes.find(i);
                add_course(p.subject, p.teacher, p.classes, p.groups, p.room, p.where.day, slot_starts[static_cast<std::size_t>(p.where.slot)],
                           p.weeks == every_week ? "" : p.weeks == week_a ? "A" : "B", shape == shapes.end() ? course_shape::as_placed : shape->second);
            }
            break;
        } catch (const placement_failed& e) {
            if (attempt == 50) throw std::runtime_error("generator: " + m_plan.uai + ": " + e.what() + " after 50 attempts");
        }
    }
    if (m_options.real_shapes) real_shapes_extras();
    teaching_links();
}

void school_builder::teaching_links() {
    std::set<std::pair<std::string, std::string>> seen;
    std::set<std::string> principals; // a teacher is principal teacher (professeur principal) of one class at most
    for (const auto& [key, teacher] : m_plan.teacher_of) {
        const auto& [audience, subject] = key;
        const auto kind = m_plan.class_level.contains(audience) ? model::audience_kind::class_ : model::audience_kind::group;
        auto service = make<model::teaching_assignment>("TA-" + teacher + "-" + audience + "-" + subject);
        service.staff = teacher;
        service.subject = subject;
        service.group = audience;
        service.group_kind = kind;
        emit(std::move(service));
        if (!seen.insert({teacher, audience}).second) continue;
        auto m = make<model::membership>("M-" + teacher + "-" + audience);
        m.person = teacher;
        const bool principal = subject == "FRANC" && principals.insert(teacher).second;
        m.role = principal ? model::membership_role::principal_teacher : model::membership_role::teacher;
        m.group = audience;
        m.group_kind = kind;
        m.start = m_calendar.year_start;
        emit(std::move(m));
    }
}

} // namespace interop::generator
