// FET `.fet` files, input or `_data_and_timetable.fet`: days, hours, subjects, teachers,
// rooms, students (years, groups, subgroups) and activities; activities placed by a preferred
// starting time of weight 100 (FET locks the generated timetable that way) become weekly
// courses, in the room a preferred-room constraint of weight 100 gives. A `timetable.csv`
// goes to its own reader.

#include "fet_format.hpp"

#include "../common/week_cycle.hpp"

#include <interop/adapter/support.hpp>
#include <interop/errors.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace interop::fet {

// Declared in fet_format.hpp.
std::optional<int> clock_at(std::string_view& text) {
    auto digit = [&](std::size_t i) { return i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); };
    std::size_t i = 0;
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    const std::size_t first = i;
    int hours = 0;
    while (digit(i) && i - first < 2) hours = hours * 10 + (text[i++] - '0');
    if (i == first || i >= text.size() || (text[i] != '.' && text[i] != ':' && text[i] != 'h') || !digit(i + 1) || !digit(i + 2)) return std::nullopt;
    int minutes = (text[i + 1] - '0') * 10 + (text[i + 2] - '0');
    if (hours > 23 || minutes > 59) return std::nullopt;
    text.remove_prefix(i + 3);
    return hours * 60 + minutes;
}

namespace {

using adapter_support::emit;
using adapter_support::new_record;

std::string text_of(const xml::element& e, std::string_view child) { return adapter_support::trimmed(e.child_text(child)); }

struct placement {
    std::string day, hour;
    std::uint64_t line = 0;
};

class fet_mapper {
public:
    fet_mapper(io::record_sink& sink, diagnostics& diags, const read_options& opt, std::string file)
        : m_sink(sink), m_diags(diags), m_opt(opt), m_file(std::move(file)) {}

    void element(const xml::element& e) {
        if (e.name == "Days_List") return days(e);
        if (e.name == "Hours_List") return hours(e);
        if (e.name == "Subjects_List") return each(e, "Subject", [&](const xml::element& s) { subject(s); });
        if (e.name == "Activity_Tags_List") return each(e, "Activity_Tag", [&](const xml::element& t) { week_tag(t); });
        if (e.name == "Teachers_List") return each(e, "Teacher", [&](const xml::element& t) { teacher(t); });
        if (e.name == "Rooms_List") return each(e, "Room", [&](const xml::element& r) { room(r); });
        if (e.name == "Students_List") return each(e, "Year", [&](const xml::element& y) { year(y); });
        if (e.name == "Activities_List") return each(e, "Activity", [&](const xml::element& a) { m_activities.push_back(a); });
        if (e.name == "Time_Constraints_List") return each(e, "ConstraintActivityPreferredStartingTime", [&](const xml::element& c) { starting_time(c); });
        if (e.name == "Space_Constraints_List") return each(e, "ConstraintActivityPreferredRoom", [&](const xml::element& c) { preferred_room(c); });
    }

    /** Our writer names the time grid the hours come from. */
    void set_grid_id(std::string id) { m_grid_id = std::move(id); }
    void set_institution(std::string name) { m_institution = std::move(name); }
    void set_groups_as_years(const std::string& ids) {
        for (auto& id : adapter_support::split_nonempty(ids, '|')) m_groups_as_years.insert(std::move(id));
    }

    void finish() {
        for (auto& g : m_group_records) emit(m_sink, std::move(g));
        if (!m_opt.school.empty()) school();
        if (m_opt.school_year) emit(m_sink, week_cycle::academic_year(*m_opt.school_year, m_opt.school, at(0)));
        courses();
    }

private:
    model::provenance at(std::uint64_t line) const { return {format_name, m_file, line}; }

    /** The school the file is of (given, or noted by our writer), named by the file's institution when it is not the UAI. */
    void school() {
        auto s = new_record<model::establishment>(m_opt.school, m_opt.school, at(0));
        s.uai = m_opt.school;
        if (m_institution != m_opt.school) s.name = m_institution;
        emit(m_sink, std::move(s));
    }

    void warn(std::string code, std::string message, std::uint64_t line, severity s = severity::warning) {
        m_diags.add(s, std::move(code), "", std::move(message), {m_file, line, 0});
    }

    template <class F> static void each(const xml::element& list, std::string_view name, F&& f) {
        for (const auto& child : list.children)
            if (child.name == name) f(child);
    }

    template <class K> K record(const xml::element& e, const std::string& id) {
        auto k = new_record<K>(id, m_opt.school, at(e.line));
        k.external_ids.push_back({"fet", id});
        return k;
    }

    /**
     * Days named as weekdays (in any of the languages FET is used in, or as dates) are those
     * weekdays; otherwise the n-th day is weekday n. A list that cannot be one week (more than 7
     * days, or a weekday twice: half-days, the weeks of a cycle) is refused: its courses would
     * land on days that do not exist.
     */
    void days(const xml::element& list) {
        std::vector<std::string> names;
        each(list, "Day", [&](const xml::element& d) { names.push_back(text_of(d, "Name")); });
        auto weekdays = weekdays_named(names);
        if (!weekdays && names.size() <= 7) {
            weekdays.emplace();
            for (std::size_t i = 0; i < names.size(); ++i) weekdays->push_back(static_cast<int>(i) + 1);
            warn("fet.day", "day names (" + joined(names) + ") are no weekday names: taken as weekdays 1 to " + std::to_string(names.size()) +
                                " from their positions", list.line);
        }
        if (!weekdays || std::set<int>(weekdays->begin(), weekdays->end()).size() != names.size())
            throw parse_error({m_file, list.line, 0}, format_name,
                              std::to_string(names.size()) + " days (" + joined(names) +
                                  ") are not one week of distinct weekdays (half-days, or the weeks of a cycle?): their courses "
                                  "cannot be placed on weekdays; name each day after its weekday");
        for (std::size_t i = 0; i < names.size(); ++i) m_days[names[i]] = (*weekdays)[i];
    }

    /** The first names, for a message. */
    static std::string joined(const std::vector<std::string>& names) {
        std::string out;
        for (std::size_t i = 0; i < std::min<std::size_t>(names.size(), 8); ++i) out += (i ? ", " : "") + names[i];
        return names.size() > 8 ? out + ", …" : out;
    }

    /** Hours named by their times ("9.30 - 11.00", or a start "08:00" ending when the next starts); else hourly from 08:00. */
    void hours(const xml::element& list) {
        std::vector<std::pair<std::string, std::pair<std::optional<int>, std::optional<int>>>> named;
        each(list, "Hour", [&](const xml::element& h) {
            auto name = text_of(h, "Name");
            std::string_view rest = name;
            auto start = clock_at(rest);
            auto dash = rest.find('-');
            std::optional<int> end;
            if (start && dash != std::string_view::npos) {
                rest.remove_prefix(dash + 1);
                end = clock_at(rest);
            }
            named.push_back({name, {start, end}});
        });
        bool timed = !named.empty() && std::all_of(named.begin(), named.end(), [](const auto& n) { return n.second.first.has_value(); });
        if (!timed && !named.empty())
            warn("fet.hours", "hours are not named by their times: placed hourly from 08:00", list.line);
        auto grid = new_record<model::time_grid>(m_grid_id.empty() ? "fet-hours" : m_grid_id, m_opt.school, at(list.line));
        grid.label = "Hours";
        for (std::size_t i = 0; i < named.size(); ++i) {
            int start = timed ? *named[i].second.first : 8 * 60 + 60 * static_cast<int>(i);
            int end = start + 60;
            if (timed && named[i].second.second) end = *named[i].second.second;
            else if (timed && i + 1 < named.size()) end = *named[i + 1].second.first;
            else if (timed && i > 0) end = start + (start - *named[i - 1].second.first);
            m_hours[named[i].first] = {static_cast<int>(i), start, end};
            grid.slots.push_back({static_cast<int>(i) + 1, {start}, {end}, std::nullopt});
        }
        emit(m_sink, std::move(grid));
        m_hour_order = named;
    }

    /** Our writer's tags for week patterns: `interop:weeks=<bits>` in their comments. */
    void week_tag(const xml::element& e) {
        auto bits = value_after(text_of(e, "Comments"), weeks_key);
        if (bits.empty() || bits.find_first_not_of("01") != std::string::npos) return;
        auto name = text_of(e, "Name");
        auto p = record<model::week_pattern>(e, name);
        p.code = p.label = name;
        p.extensions["fet:weeks"] = bits;
        if (m_opt.school_year) p.weeks = week_cycle::mondays(bits, m_opt.school_year->first, m_opt.school_year->second);
        m_week_tags.insert(name);
        emit(m_sink, std::move(p));
    }

    void subject(const xml::element& e) {
        auto name = text_of(e, "Name");
        auto s = record<model::subject>(e, name);
        s.code = s.short_label = name;
        const auto note = text_of(e, "Comments"); // another tool's subject is named by its one name; ours carries its long label
        s.long_label = note.find(long_label_key) == std::string::npos ? name : line_after(note, long_label_key);
        emit(m_sink, std::move(s));
    }

    void teacher(const xml::element& e) {
        auto name = text_of(e, "Name");
        auto s = record<model::staff>(e, name);
        const auto note = text_of(e, "Comments");
        // Another tool's teacher is named by its one name; ours carries its names in the comments.
        s.last_name = note.find(last_name_key) == std::string::npos ? name : line_after(note, last_name_key);
        s.first_name = line_after(note, first_name_key);
        s.functions = {"ENS"};
        emit(m_sink, std::move(s));
    }

    void room(const xml::element& e) {
        auto name = text_of(e, "Name");
        auto r = record<model::room>(e, name);
        r.code = r.name = name;
        if (auto cap = adapter_support::small_number(text_of(e, "Capacity")); cap && *cap != unlimited_capacity) r.capacity = *cap;
        if (auto building = text_of(e, "Building"); !building.empty()) r.building = building;
        emit(m_sink, std::move(r));
    }

    /** A year is a class; its groups and their subgroups are groups of it. */
    void year(const xml::element& y) {
        auto name = text_of(y, "Name");
        if (m_groups_as_years.contains(name) && m_groups.insert(name).second) { // a group of no class, by our writer
            auto g = record<model::group>(y, name);
            g.code = g.label = name;
            return emit(m_sink, std::move(g));
        }
        auto c = record<model::school_class>(y, name);
        c.code = c.label = name;
        m_years.insert(name);
        emit(m_sink, std::move(c));
        each(y, "Group", [&](const xml::element& g) {
            add_group(g, name, model::group_kind::other);
            each(g, "Subgroup", [&](const xml::element& s) { add_group(s, name, model::group_kind::half_class); });
        });
    }

    /** A group of a year; FET repeats a group under every year that shares it: one group of each of them, sent at the end. */
    void add_group(const xml::element& e, const std::string& year, model::group_kind kind) {
        auto name = text_of(e, "Name");
        if (!m_groups.insert(name).second) {
            for (auto& g : m_group_records)
                if (g.id == name && std::find(g.classes.begin(), g.classes.end(), year) == g.classes.end()) g.classes.push_back(year);
            return;
        }
        auto g = record<model::group>(e, name);
        g.code = g.label = name;
        g.type = kind;
        g.classes = {year};
        m_group_records.push_back(std::move(g));
    }

    bool weight_100(const xml::element& c) const {
        auto weight = text_of(c, "Weight_Percentage");
        return (weight == "100" || weight.starts_with("100.")) && text_of(c, "Active") != "false";
    }

    void starting_time(const xml::element& c) {
        if (!weight_100(c)) return;
        m_placements[text_of(c, "Activity_Id")] = {text_of(c, "Preferred_Day"), text_of(c, "Preferred_Hour"), c.line};
    }

    void preferred_room(const xml::element& c) {
        if (weight_100(c)) m_rooms[text_of(c, "Activity_Id")] = text_of(c, "Room");
    }

    void courses() {
        std::size_t unplaced = 0;
        for (const auto& a : m_activities) {
            if (text_of(a, "Active") == "false") continue;
            auto id = text_of(a, "Id");
            auto where = m_placements.find(id);
            if (where == m_placements.end()) {
                ++unplaced;
                continue;
            }
            auto day = m_days.find(where->second.day);
            auto hour = m_hours.find(where->second.hour);
            if (day == m_days.end() || hour == m_hours.end()) {
                warn("fet.ref", "activity " + id + " is placed on day '" + where->second.day + "', hour '" + where->second.hour +
                                    "', which the lists do not hold; left out", where->second.line, severity::error);
                continue;
            }
            emit(m_sink, course(a, id, day->second, hour->second));
        }
        if (unplaced > 0)
            warn("fet.unplaced", std::to_string(unplaced) + " active activities have no starting time of weight 100 (a timetable not generated or not locked yet): no course for them", 0, severity::info);
    }

    model::course course(const xml::element& a, const std::string& id, int weekday, const std::tuple<int, int, int>& hour) {
        auto ours = value_after(text_of(a, "Comments"), id_key);
        auto c = new_record<model::course>(ours.empty() ? "A" + id : ours, m_opt.school, at(a.line));
        c.external_ids = {{"fet", id}};
        c.subject = text_of(a, "Subject");
        for (const auto& child : a.children) {
            auto value = std::string(child.text);
            if (child.name == "Teacher") c.teachers.push_back(value);
            else if (child.name == "Students") (m_years.count(value) ? c.classes : c.groups).push_back(value);
            else if (child.name == "Activity_Tag" && m_week_tags.count(value)) c.week_pattern = value;
            else if (child.name == "Activity_Tag") c.extensions["fet:Activity_Tag"] += (c.extensions.count("fet:Activity_Tag") ? "," : "") + value;
        }
        c.weekday = weekday;
        auto [index, start, end] = hour;
        c.start = {start};
        int duration = std::max(1, adapter_support::small_number(text_of(a, "Duration")).value_or(1));
        auto last = static_cast<std::size_t>(index + duration - 1);
        int finish = last < m_hour_order.size() ? std::get<2>(m_hours[m_hour_order[last].first]) : end + (duration - 1) * (end - start);
        c.duration_minutes = finish - start;
        if (auto room = m_rooms.find(id); room != m_rooms.end()) c.rooms = {room->second};
        return c;
    }

    io::record_sink& m_sink;
    diagnostics& m_diags;
    const read_options& m_opt;
    std::string m_file;
    std::map<std::string, int> m_days;
    std::map<std::string, std::tuple<int, int, int>> m_hours; ///< position, start, end
    std::vector<std::pair<std::string, std::pair<std::optional<int>, std::optional<int>>>> m_hour_order;
    std::set<std::string> m_years, m_groups, m_week_tags, m_groups_as_years;
    std::vector<model::group> m_group_records; ///< sent at the end, each with every year it is repeated under
    std::string m_grid_id;
    std::string m_institution;
    std::vector<xml::element> m_activities;
    std::map<std::string, placement> m_placements;
    std::map<std::string, std::string> m_rooms;
};

class fet_reader : public reader {
public:
    explicit fet_reader(const read_options& opt) : m_opt(opt) {}

    void read(const io::input& in, io::record_sink& sink, diagnostics& diags) override {
        const auto& entry = adapter_support::only_entry(in, format_name);
        if (timetable_csv_header(in.head(entry, 64))) return read_timetable_csv(*in.open_entry(entry), in.describe(entry), sink, diags, m_opt);
        adapter_support::single_xml_reading reading(in, format_name, sink);
        const auto& file = reading.file();
        auto& meta = reading.metadata();
        auto opt = m_opt;
        fet_mapper mapper(reading.records(), diags, opt, file);
        xml::events ev;
        ev.on_root = [&](const xml::element& root) {
            if (root.name != "fet") throw parse_error({file, root.line, 0}, format_name, "root element is " + root.name + ", not fet");
            if (const auto* v = root.attribute("version")) meta.extensions["fet:version"] = *v;
        };
        ev.capture = [](const std::vector<std::string>& path) { return path.size() == 2; };
        ev.on_element = [&](xml::element&& e) {
            if (e.name == "Institution_Name") {
                meta.extensions["fet:Institution_Name"] = e.text;
                mapper.set_institution(e.text);
            }
            else if (e.name == "Comments") {
                our_note(e.text, opt);
                mapper.set_grid_id(value_after(e.text, grid_key));
                mapper.set_groups_as_years(line_after(e.text, groups_as_years_key));
            }
            else mapper.element(e);
        };
        reading.run(ev, m_opt, [&] { mapper.finish(); });
    }

    /** The school and school year our writer notes in the root comments, unless the caller gave them. */
    static void our_note(std::string_view note, read_options& opt) {
        if (auto uai = value_after(note, school_key); !uai.empty() && opt.school.empty()) opt.school = uai;
        if (auto year = value_after(note, year_key); !year.empty() && !opt.school_year) opt.school_year = week_cycle::parse_span(year);
    }

private:
    read_options m_opt;
};

} // namespace

std::unique_ptr<reader> make_reader(const read_options& opt) { return std::make_unique<fet_reader>(opt); }

} // namespace interop::fet
