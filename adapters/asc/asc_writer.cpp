// model → aSc Timetables XML: the time grid as periods (or periods cut from the courses'
// own times when they do not fall on the grid), one lesson per course placed by one card a
// period, week patterns as positions of a week cycle.

#include "asc_format.hpp"
#include "../common/course_losses.hpp"

#include "../common/week_cycle.hpp"
#include "../common/xml_text.hpp"

#include <interop/adapter/support.hpp>
#include <interop/io/output.hpp>

#include <algorithm>
#include <map>
#include <set>

namespace interop::asc {
namespace {

using xml_text::escaped;

std::string joined(const std::vector<std::string>& ids) {
    std::string out;
    for (const auto& id : ids) out.append(out.empty() ? "" : ",").append(id);
    return out;
}

std::string clock(model::time_of_day t) { return std::to_string(t.minutes / 60) + ":" + (t.minutes % 60 < 10 ? "0" : "") + std::to_string(t.minutes % 60); }

/** Writes `<name a="…" …/>` rows under a table element declaring its columns. */
class table_writer {
public:
    table_writer(std::ostream& out, std::string table, std::string row, std::vector<std::string> columns)
        : m_out(out), m_table(std::move(table)), m_row(std::move(row)), m_columns(std::move(columns)) {
        m_out << "  <" << m_table << " options=\"canadd,export:silent\" columns=\"" << joined(m_columns) << "\">\n";
    }
    ~table_writer() { m_out << "  </" << m_table << ">\n"; }
    table_writer(const table_writer&) = delete;
    table_writer& operator=(const table_writer&) = delete;

    void add(const std::vector<std::string>& values) {
        m_out << "    <" << m_row;
        for (std::size_t i = 0; i < m_columns.size(); ++i) m_out << ' ' << m_columns[i] << "=\"" << escaped(values[i]) << '"';
        m_out << "/>\n";
    }

private:
    std::ostream& m_out;
    std::string m_table, m_row;
    std::vector<std::string> m_columns;
};

class asc_writer : public io::record_sink {
public:
    explicit asc_writer(std::ostream& out) : m_out(out) {}

    void on_record(model::any_record&& r) override { m_ds.add(std::move(r)); }

    void on_end() override {
        m_out << "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                 "<timetable importtype=\"database\" options=\"groupstype1,decimalseparatordot\" displayname=\"aSc Timetables 2012 XML\" "
                 "generator=\"Interop Hub\"";
        // aSc knows no school: the UAI rides on the root so that reading the file back finds it.
        if (auto uai = only_school(); !uai.empty()) m_out << " school=\"" << escaped(uai) << '"';
        const auto& courses = m_ds.all<model::course>();
        const auto& grids = m_ds.all<model::time_grid>();
        auto periods = week_cycle::periods_of(grids, courses);
        if (week_cycle::periods_are_grid(grids, periods)) m_out << " timegrid=\"" << escaped(grids.front().id) << '"';
        if (auto span = week_cycle::span_of(m_ds)) m_out << " year=\"" << week_cycle::format_span(*span) << '"';
        m_out << ">\n";
        write_periods(periods);
        write_definitions();
        write_resources();
        write_lessons_and_cards(periods);
        m_out << "</timetable>\n";
    }

private:
    void write_periods(const std::vector<std::pair<model::time_of_day, model::time_of_day>>& periods) {
        table_writer t(m_out, "periods", "period", {"period", "name", "short", "starttime", "endtime"});
        for (std::size_t i = 0; i < periods.size(); ++i) {
            auto n = std::to_string(i + 1);
            t.add({n, n, n, clock(periods[i].first), clock(periods[i].second)});
        }
    }

    /** The school of the timetable's courses when there is exactly one. */
    std::string only_school() const {
        std::set<std::string> schools;
        for (const auto& c : m_ds.all<model::course>()) schools.insert(c.school);
        return schools.size() == 1 ? *schools.begin() : std::string();
    }

    int day_count() const {
        int days = 5;
        for (const auto& c : m_ds.all<model::course>()) days = std::max(days, c.weekday);
        return days;
    }

    std::string day_bits(int weekday) const {
        std::string bits(static_cast<std::size_t>(day_count()), '0');
        bits[static_cast<std::size_t>(weekday - 1)] = '1';
        return bits;
    }

    std::string every_week() const { return std::string(m_cycle_length, '1'); }

    void write_definitions() {
        static constexpr const char* names[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
        {
            table_writer t(m_out, "daysdefs", "daysdef", {"id", "days", "name", "short"});
            for (int d = 1; d <= day_count(); ++d) t.add({"day" + std::to_string(d), day_bits(d), names[d - 1], std::string(names[d - 1]).substr(0, 2)});
        }
        m_bits = week_cycle::cycle_bits(m_ds.all<model::week_pattern>(), week_cycle::span_of(m_ds));
        for (const auto& [_, bits] : m_bits) m_cycle_length = std::max(m_cycle_length, bits.size());
        for (auto& [_, bits] : m_bits) bits.resize(m_cycle_length, '0');
        {
            table_writer t(m_out, "weeksdefs", "weeksdef", {"id", "weeks", "name", "short"});
            t.add({"all-weeks", every_week(), "All weeks", "All"});
            for (const auto& p : m_ds.all<model::week_pattern>()) t.add({p.id, m_bits[p.id], p.label.empty() ? p.code : p.label, p.code});
        }
        table_writer t(m_out, "termsdefs", "termsdef", {"id", "terms", "name", "short"});
        t.add({"whole-year", "1", "Whole year", "YR"});
    }

    void write_resources() {
        {
            table_writer t(m_out, "subjects", "subject", {"id", "name", "short", "partner_id"});
            for (const auto& s : m_ds.all<model::subject>()) t.add({s.id, s.long_label.empty() ? s.short_label : s.long_label, s.short_label.empty() ? s.code : s.short_label, s.code});
        }
        {
            table_writer t(m_out, "teachers", "teacher", {"id", "name", "short", "email", "firstname", "lastname"});
            for (const auto& s : m_ds.all<model::staff>()) {
                auto short_name = s.extensions.count("asc:short") ? s.extensions.at("asc:short") : s.last_name;
                t.add({s.id, s.first_name.empty() ? s.last_name : s.last_name + " " + s.first_name, short_name, s.email.value_or(""), s.first_name, s.last_name});
            }
        }
        {
            table_writer t(m_out, "classrooms", "classroom", {"id", "name", "short", "capacity"});
            for (const auto& r : m_ds.all<model::room>()) t.add({r.id, r.name, r.code, r.capacity ? std::to_string(*r.capacity) : "*"});
        }
        {
            table_writer t(m_out, "classes", "class", {"id", "name", "short"});
            for (const auto& c : m_ds.all<model::school_class>()) t.add({c.id, c.label, c.code});
        }
        table_writer t(m_out, "groups", "group", {"id", "classid", "name", "entireclass", "divisiontag", "studentids"});
        for (const auto& c : m_ds.all<model::school_class>()) t.add({entire_group(c.id), c.id, "Entire class", "1", "0", ""});
        for (const auto& g : m_ds.all<model::group>())
            for (const auto& c : g.classes.empty() ? std::vector<std::string>{""} : g.classes)
                t.add({g.id, c, g.code, "0", g.type == model::group_kind::half_class ? "1" : "0", ""});
    }

    static std::string entire_group(const std::string& class_id) { return class_id + "-entire"; }

    /** A lesson attends its groups, or the entire classes it names. */
    std::vector<std::string> group_ids(const model::course& c) const {
        auto out = c.groups;
        for (const auto& k : c.classes) out.push_back(entire_group(k));
        return out;
    }

    /** aSc wants the classes of a lesson's groups named too. */
    std::vector<std::string> class_ids(const model::course& c) const { return week_cycle::classes_taught(m_ds.all<model::group>(), c); }

    void write_lessons_and_cards(const std::vector<std::pair<model::time_of_day, model::time_of_day>>& periods) {
        const auto& courses = m_ds.all<model::course>();
        auto spanned = [&](const model::course& c) { return week_cycle::periods_spanned(periods, c); };
        {
            table_writer t(m_out, "lessons", "lesson",
                           {"id", "subjectid", "classids", "groupids", "teacherids", "classroomids", "periodspercard", "periodsperweek", "daysdefid",
                            "weeksdefid", "termsdefid"});
            for (const auto& c : courses) {
                auto n = std::to_string(spanned(c).size());
                t.add({c.id, c.subject, joined(class_ids(c)), joined(group_ids(c)), joined(c.teachers), joined(c.rooms), n, n,
                       "day" + std::to_string(c.weekday), c.week_pattern.value_or("all-weeks"), "whole-year"});
            }
        }
        table_writer t(m_out, "cards", "card", {"lessonid", "period", "days", "weeks", "terms", "classroomids"});
        for (const auto& c : courses)
            for (int p : spanned(c))
                t.add({c.id, std::to_string(p), day_bits(c.weekday), c.week_pattern ? m_bits[*c.week_pattern] : every_week(), "1", joined(c.rooms)});
    }

    std::ostream& m_out;
    model::dataset m_ds;
    std::map<std::string, std::string> m_bits;
    std::size_t m_cycle_length = 1;
};

} // namespace

std::unique_ptr<io::record_sink> make_writer(const std::filesystem::path& out, const io::write_options& opt) {
    return course_losses::declaring(adapter_support::committing_writer(out, [](std::ostream& o) { return std::make_unique<asc_writer>(o); }),
                                    {.validity = false, .equipment = false}, "asc", opt.losses);
}

} // namespace interop::asc
