// model → FET `_data_and_timetable.fet`: the days and hours the courses use, subjects,
// teachers, rooms, classes as years with their groups, one activity per course placed by a
// locked starting time (and room) of weight 100, as FET locks a generated timetable. FET knows
// no weeks: a course of a week pattern carries an activity tag whose comments hold the cycle.

#include "fet_format.hpp"
#include "../common/course_losses.hpp"

#include "../common/week_cycle.hpp"
#include "../common/xml_text.hpp"

#include <interop/adapter/support.hpp>

#include <map>
#include <set>

namespace interop::fet {
namespace {

using xml_text::element;

constexpr const char* day_names[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

std::string hour_name(const std::pair<model::time_of_day, model::time_of_day>& p) { return model::to_string(p.first) + " - " + model::to_string(p.second); }

class fet_writer : public io::record_sink {
public:
    explicit fet_writer(std::ostream& out) : m_out(out) {}

    void on_record(model::any_record&& r) override { m_ds.add(std::move(r)); }

    void on_end() override {
        const auto& courses = m_ds.all<model::course>();
        m_periods = week_cycle::periods_of(m_ds.all<model::time_grid>(), courses);
        m_bits = week_cycle::cycle_bits(m_ds.all<model::week_pattern>(), week_cycle::span_of(m_ds));
        m_out << "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<fet version=\"5.37.0\">\n";
        element(m_out, 0, "Institution_Name", institution());
        element(m_out, 0, "Comments", our_note());
        days_and_hours();
        subjects_and_tags();
        teachers();
        students();
        activities();
        rooms();
        constraints();
        m_out << "</fet>\n";
    }

private:
    std::string institution() const {
        const auto& schools = m_ds.all<model::establishment>();
        return schools.size() == 1 && !schools.front().name.empty() ? schools.front().name : only_school();
    }

    std::string only_school() const {
        std::string uai;
        for (const auto& c : m_ds.all<model::course>()) {
            if (!uai.empty() && c.school != uai) return {};
            uai = c.school;
        }
        return uai;
    }

    /** What FET has no place for, for our reader: the school and the year the week cycles are laid on. */
    std::string our_note() const {
        std::string note;
        if (auto uai = only_school(); !uai.empty()) note = school_key + uai;
        if (auto span = week_cycle::span_of(m_ds)) note += (note.empty() ? "" : " ") + std::string(year_key) + week_cycle::format_span(*span);
        const auto& grids = m_ds.all<model::time_grid>();
        if (week_cycle::periods_are_grid(grids, m_periods)) note += (note.empty() ? "" : " ") + std::string(grid_key) + grids.front().id;
        std::string groups; // FET holds a group inside a year: one of no class is a year of its own, which our reader takes back as a group
        for (const auto* g : groups_of_no_class()) groups += (groups.empty() ? "" : "|") + g->id;
        if (!groups.empty()) note += std::string("\n") + groups_as_years_key + groups;
        return note;
    }

    /** The groups that draw from no class the dataset holds. */
    std::vector<const model::group*> groups_of_no_class() const {
        std::set<std::string> classes;
        for (const auto& c : m_ds.all<model::school_class>()) classes.insert(c.id);
        std::vector<const model::group*> out;
        for (const auto& g : m_ds.all<model::group>())
            if (std::none_of(g.classes.begin(), g.classes.end(), [&](const std::string& c) { return classes.contains(c); })) out.push_back(&g);
        return out;
    }

    int day_count() const {
        int days = 5;
        for (const auto& c : m_ds.all<model::course>()) days = std::max(days, c.weekday);
        return days;
    }

    void days_and_hours() {
        m_out << "<Days_List>\n";
        element(m_out, 1, "Number_of_Days", std::to_string(day_count()));
        for (int d = 0; d < day_count(); ++d) m_out << "  <Day><Name>" << day_names[d] << "</Name></Day>\n";
        m_out << "</Days_List>\n<Hours_List>\n";
        element(m_out, 1, "Number_of_Hours", std::to_string(m_periods.size()));
        for (const auto& p : m_periods) m_out << "  <Hour><Name>" << hour_name(p) << "</Name></Hour>\n";
        m_out << "</Hours_List>\n";
    }

    void subjects_and_tags() {
        m_out << "<Subjects_List>\n";
        for (const auto& s : m_ds.all<model::subject>()) {
            m_out << "  <Subject>\n";
            element(m_out, 2, "Name", s.id);
            element(m_out, 2, "Comments", long_label_key + s.long_label + "\n" + (s.long_label.empty() ? s.short_label : s.long_label));
            m_out << "  </Subject>\n";
        }
        m_out << "</Subjects_List>\n<Activity_Tags_List>\n";
        for (const auto& p : m_ds.all<model::week_pattern>()) {
            m_out << "  <Activity_Tag>\n";
            element(m_out, 2, "Name", p.id);
            element(m_out, 2, "Printable", "true");
            element(m_out, 2, "Comments", weeks_key + m_bits[p.id] + (p.label.empty() ? "" : " " + p.label));
            m_out << "  </Activity_Tag>\n";
        }
        m_out << "</Activity_Tags_List>\n";
    }

    /**
     * Each name on a line of its own for our reader, then what FET shows (`First Last`): last, as
     * the text's ends may lose their spaces and a name may end with one.
     */
    static std::string teacher_note(const model::staff& t) {
        std::string note = last_name_key + t.last_name + "\n"; // even empty: the teacher has no name, not the id as one
        if (!t.first_name.empty()) note += first_name_key + t.first_name + "\n";
        return note + (t.first_name.empty() ? t.last_name : t.first_name + " " + t.last_name);
    }

    void teachers() {
        m_out << "<Teachers_List>\n";
        for (const auto& t : m_ds.all<model::staff>()) {
            m_out << "  <Teacher>\n";
            element(m_out, 2, "Name", t.id);
            element(m_out, 2, "Target_Number_of_Hours", "0");
            m_out << "    <Qualified_Subjects></Qualified_Subjects>\n";
            element(m_out, 2, "Comments", teacher_note(t));
            m_out << "  </Teacher>\n";
        }
        m_out << "</Teachers_List>\n";
    }

    /**
     * Classes are years, a group a group of each class it draws from (FET repeats a group under
     * every year that shares it); a group of no class the dataset holds is a year of its own.
     */
    void students() {
        std::map<std::string, std::vector<const model::group*>> groups_of;
        for (const auto& g : m_ds.all<model::group>())
            for (const auto& c : g.classes) groups_of[c].push_back(&g);
        m_out << "<Students_List>\n";
        auto year = [&](const std::string& name, const std::vector<const model::group*>& groups) {
            m_out << "  <Year>\n";
            element(m_out, 2, "Name", name);
            element(m_out, 2, "Number_of_Students", "0");
            for (const auto* g : groups) {
                if (g->id == name) continue;
                m_out << "    <Group>\n";
                element(m_out, 3, "Name", g->id);
                element(m_out, 3, "Number_of_Students", "0");
                m_out << "    </Group>\n";
            }
            m_out << "  </Year>\n";
        };
        for (const auto& c : m_ds.all<model::school_class>()) year(c.id, groups_of[c.id]);
        for (const auto* g : groups_of_no_class()) year(g->id, {});
        m_out << "</Students_List>\n";
    }

    void activities() {
        m_out << "<Activities_List>\n";
        int id = 0;
        for (const auto& c : m_ds.all<model::course>()) {
            auto duration = std::to_string(week_cycle::periods_spanned(m_periods, c).size());
            m_out << "  <Activity>\n";
            for (const auto& t : c.teachers) element(m_out, 2, "Teacher", t);
            element(m_out, 2, "Subject", c.subject);
            if (c.week_pattern) element(m_out, 2, "Activity_Tag", *c.week_pattern);
            for (const auto& k : c.classes) element(m_out, 2, "Students", k);
            for (const auto& g : c.groups) element(m_out, 2, "Students", g);
            element(m_out, 2, "Duration", duration);
            element(m_out, 2, "Total_Duration", duration);
            element(m_out, 2, "Id", std::to_string(++id));
            element(m_out, 2, "Activity_Group_Id", "0");
            element(m_out, 2, "Active", "true");
            element(m_out, 2, "Comments", id_key + c.id);
            m_out << "  </Activity>\n";
        }
        m_out << "</Activities_List>\n";
    }

    void rooms() {
        m_out << "<Buildings_List>\n</Buildings_List>\n<Rooms_List>\n";
        for (const auto& r : m_ds.all<model::room>()) {
            m_out << "  <Room>\n";
            element(m_out, 2, "Name", r.id);
            element(m_out, 2, "Building", r.building.value_or(""));
            element(m_out, 2, "Capacity", std::to_string(r.capacity.value_or(unlimited_capacity)));
            element(m_out, 2, "Virtual", "false");
            element(m_out, 2, "Comments", r.name);
            m_out << "  </Room>\n";
        }
        m_out << "</Rooms_List>\n";
    }

    static void locked(std::ostream& out, std::string_view constraint, const std::vector<std::pair<std::string, std::string>>& fields) {
        out << "  <" << constraint << ">\n";
        element(out, 2, "Weight_Percentage", "100");
        for (const auto& [name, value] : fields) element(out, 2, name, value);
        element(out, 2, "Permanently_Locked", "true");
        element(out, 2, "Active", "true");
        element(out, 2, "Comments", "");
        out << "  </" << constraint << ">\n";
    }

    /** The placements, and the room when a course has one (FET places an activity in one room). */
    void constraints() {
        m_out << "<Time_Constraints_List>\n  <ConstraintBasicCompulsoryTime>\n    <Weight_Percentage>100</Weight_Percentage>\n"
                 "    <Active>true</Active>\n    <Comments></Comments>\n  </ConstraintBasicCompulsoryTime>\n";
        int id = 0;
        for (const auto& c : m_ds.all<model::course>()) {
            auto spanned = week_cycle::periods_spanned(m_periods, c);
            ++id;
            if (spanned.empty()) continue;
            locked(m_out, "ConstraintActivityPreferredStartingTime",
                   {{"Activity_Id", std::to_string(id)}, {"Preferred_Day", day_names[c.weekday - 1]},
                    {"Preferred_Hour", hour_name(m_periods[static_cast<std::size_t>(spanned.front() - 1)])}});
        }
        m_out << "</Time_Constraints_List>\n<Space_Constraints_List>\n  <ConstraintBasicCompulsorySpace>\n    <Weight_Percentage>100</Weight_Percentage>\n"
                 "    <Active>true</Active>\n    <Comments></Comments>\n  </ConstraintBasicCompulsorySpace>\n";
        id = 0;
        for (const auto& c : m_ds.all<model::course>()) {
            ++id;
            if (!c.rooms.empty()) locked(m_out, "ConstraintActivityPreferredRoom", {{"Activity_Id", std::to_string(id)}, {"Room", c.rooms.front()}});
        }
        m_out << "</Space_Constraints_List>\n";
    }

    std::ostream& m_out;
    model::dataset m_ds;
    std::vector<std::pair<model::time_of_day, model::time_of_day>> m_periods;
    std::map<std::string, std::string> m_bits;
};

} // namespace

std::unique_ptr<io::record_sink> make_writer(const std::filesystem::path& out, const io::write_options& opt) {
    return course_losses::declaring(adapter_support::committing_writer(out, [](std::ostream& o) { return std::make_unique<fet_writer>(o); }),
                                    {.rooms = 1, .validity = false, .equipment = false, .codes = false}, "fet", opt.losses);
}

} // namespace interop::fet
