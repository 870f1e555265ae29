// model → Untis GPU files in a folder: GPU001 (one line per class, teacher or room of a course
// in each period it covers), GPU002 (the lessons: weekly periods, validity, week type, student
// group), GPU003–GPU006 (classes, teachers, rooms, subjects), and `interop.txt` for what GPU
// files have no place for. `;` separated, strings quoted, UTF-8, CRLF.

#include "untis_format.hpp"
#include "../common/course_losses.hpp"

#include "../common/week_cycle.hpp"

#include <interop/io/output.hpp>

#include <map>
#include <set>
#include <sstream>

namespace interop::untis {
namespace {

/** A GPU line: text fields quoted (quotes doubled), numbers and empty fields bare. */
class gpu_lines {
public:
    void add(const std::vector<std::string>& fields, const std::vector<bool>& numeric = {}) {
        for (std::size_t i = 0; i < fields.size(); ++i) {
            if (i > 0) m_text << ';';
            if (fields[i].empty() || (i < numeric.size() && numeric[i])) {
                m_text << fields[i];
                continue;
            }
            m_text << '"';
            for (char c : fields[i]) m_text << (c == '"' ? "\"\"" : std::string(1, c));
            m_text << '"';
        }
        m_text << "\r\n";
    }
    std::string text() const { return m_text.str(); }

private:
    std::ostringstream m_text;
};

std::string compact(const std::optional<model::date>& d) {
    if (!d) return {};
    auto s = model::to_string(*d);
    return s.substr(0, 4) + s.substr(5, 2) + s.substr(8, 2);
}

std::string at(const std::vector<std::string>& v, std::size_t i) { return i < v.size() ? v[i] : std::string(); }

class untis_writer : public io::record_sink {
public:
    untis_writer(std::filesystem::path out, io::existing_folder existing, io::loss_log& losses)
        : m_out(std::move(out)), m_existing(existing), m_losses(losses) {}

    void on_record(model::any_record&& r) override { m_ds.add(std::move(r)); }

    void on_end() override {
        m_periods = week_cycle::periods_of(m_ds.all<model::time_grid>(), m_ds.all<model::course>());
        std::erase_if(m_ds.all<model::course>(), [&](const model::course& c) { return past_last_period(c); });
        declare_groups_of_no_lesson();
        io::output_folder folder(m_out, m_existing);
        folder.write("GPU001.TXT", timetable());
        folder.write("GPU002.TXT", lessons());
        folder.write("GPU003.TXT", classes());
        folder.write("GPU004.TXT", teachers());
        folder.write("GPU005.TXT", rooms());
        folder.write("GPU006.TXT", subjects());
        folder.write(our_file, our_notes());
        folder.commit();
    }

private:
    /**
     * GPU001 places a course by periods: one that covers none, or one past the last GPU001 numbers,
     * is declared lost and not written; one that begins or ends between periods is declared
     * changed (it is read back on the periods it covers).
     */
    bool past_last_period(const model::course& c) {
        const auto periods = week_cycle::periods_spanned(m_periods, c);
        const std::string record = io::record_name(c);
        if (periods.empty()) {
            m_losses.record("loss.untis.no-period", "course: covers no whole period of the grid, which GPU001 places courses by", record);
            return true;
        }
        if (std::any_of(periods.begin(), periods.end(), [](int p) { return p > max_periods; })) {
            m_losses.record("loss.untis.period", "course: in a period past the " + std::to_string(max_periods) + "th of the day, which GPU001 cannot number", record);
            return true;
        }
        if (!week_cycle::spans_exactly(m_periods, c))
            m_losses.part("loss.untis.times", "course: begins or ends between periods; written on the whole periods it covers", record);
        if (!c.classes.empty() && !c.groups.empty())
            m_losses.part("loss.untis.audience",
                          "course: whole classes beside groups; a GPU002 lesson names one student group for all its classes, so they read back as its groups",
                          record);
        return false;
    }

    /** GPU files name a student group only in the lessons given to it: a group of none is declared lost. */
    void declare_groups_of_no_lesson() {
        std::set<std::string> taught;
        for (const auto& c : m_ds.all<model::course>()) taught.insert(c.groups.begin(), c.groups.end());
        for (const auto& g : m_ds.all<model::group>())
            if (!taught.contains(g.id))
                m_losses.record("loss.untis.untaught", "group: GPU files name a student group only in the lessons given to it; this one has none",
                                io::record_name(g));
    }

    std::vector<std::string> classes_of(const model::course& c) const { return week_cycle::classes_taught(m_ds.all<model::group>(), c); }

    std::string timetable() const {
        gpu_lines out;
        std::size_t lesson = 0;
        for (const auto& c : m_ds.all<model::course>()) {
            ++lesson;
            auto classes = classes_of(c);
            auto lines = std::max({classes.size(), c.teachers.size(), c.rooms.size(), std::size_t{1}});
            for (int period : week_cycle::periods_spanned(m_periods, c))
                for (std::size_t i = 0; i < lines; ++i)
                    out.add({std::to_string(lesson), at(classes, i), at(c.teachers, i), c.subject, at(c.rooms, i), std::to_string(c.weekday), std::to_string(period), "", ""},
                            {true, false, false, false, false, true, true});
        }
        return out.text();
    }

    std::string lessons() const {
        gpu_lines out;
        std::size_t lesson = 0;
        std::vector<bool> numeric(gpu002::fields);
        numeric[gpu002::lesson] = numeric[gpu002::hours] = numeric[2] = numeric[3] = true;
        for (const auto& c : m_ds.all<model::course>()) {
            ++lesson;
            auto classes = classes_of(c);
            auto periods = std::to_string(week_cycle::periods_spanned(m_periods, c).size());
            std::string groups;
            for (const auto& g : c.groups) groups += (groups.empty() ? "" : "~") + g;
            for (std::size_t i = 0; i < std::max({classes.size(), c.teachers.size(), std::size_t{1}}); ++i) {
                std::vector<std::string> f(gpu002::fields);
                f[gpu002::lesson] = std::to_string(lesson);
                f[gpu002::hours] = f[2] = f[3] = periods;
                f[gpu002::class_] = at(classes, i);
                f[gpu002::teacher] = at(c.teachers, i);
                f[gpu002::subject] = c.subject;
                for (const auto& r : c.rooms) f[gpu002::room] += (f[gpu002::room].empty() ? "" : "~") + r;
                f[gpu002::week_type] = c.week_pattern.value_or("");
                f[gpu002::from] = compact(c.valid_from);
                f[gpu002::until] = compact(c.valid_until);
                f[gpu002::student_group] = groups;
                out.add(f, numeric);
            }
        }
        return out.text();
    }

    std::string classes() const {
        gpu_lines out;
        for (const auto& c : m_ds.all<model::school_class>()) out.add({c.id, c.label});
        return out.text();
    }

    /** Short name, surname, …, first name (29th field), …, e-mail (33rd). */
    std::string teachers() const {
        gpu_lines out;
        for (const auto& t : m_ds.all<model::staff>()) {
            std::vector<std::string> f(33);
            f[0] = t.id;
            f[1] = t.last_name;
            f[28] = t.first_name;
            f[32] = t.email.value_or("");
            out.add(f);
        }
        return out.text();
    }

    /** Short name, name, …, capacity (8th field). */
    std::string rooms() const {
        gpu_lines out;
        for (const auto& r : m_ds.all<model::room>()) {
            std::vector<std::string> f(8);
            f[0] = r.id;
            f[1] = r.name;
            f[7] = r.capacity ? std::to_string(*r.capacity) : "";
            out.add(f, {false, false, false, false, false, false, false, true});
        }
        return out.text();
    }

    std::string subjects() const {
        gpu_lines out;
        for (const auto& s : m_ds.all<model::subject>()) out.add({s.id, s.long_label});
        return out.text();
    }

    /** `key;value…` lines: school, year, grid, period times, week cycles, course ids by lesson number. */
    std::string our_notes() const {
        gpu_lines out;
        std::string uai;
        for (const auto& c : m_ds.all<model::course>()) uai = uai.empty() || uai == c.school ? c.school : "*";
        if (!uai.empty() && uai != "*") out.add({"school", uai});
        auto span = week_cycle::span_of(m_ds);
        if (span) out.add({"year", week_cycle::format_span(*span)});
        const auto& grids = m_ds.all<model::time_grid>();
        if (week_cycle::periods_are_grid(grids, m_periods)) out.add({"grid", grids.front().id});
        for (std::size_t i = 0; i < m_periods.size(); ++i)
            out.add({"period", std::to_string(i + 1), model::to_string(m_periods[i].first), model::to_string(m_periods[i].second)});
        auto bits = week_cycle::cycle_bits(m_ds.all<model::week_pattern>(), span);
        for (const auto& p : m_ds.all<model::week_pattern>()) out.add({"weeks", p.id, bits[p.id], p.label});
        std::size_t lesson = 0;
        for (const auto& c : m_ds.all<model::course>()) out.add({"course", std::to_string(++lesson), c.id});
        return out.text();
    }

    std::filesystem::path m_out;
    io::existing_folder m_existing;
    io::loss_log& m_losses;
    model::dataset m_ds;
    std::vector<std::pair<model::time_of_day, model::time_of_day>> m_periods;
};

} // namespace

std::unique_ptr<io::record_sink> make_writer(const std::filesystem::path& out, const io::write_options& opt) {
    return course_losses::declaring(std::make_unique<untis_writer>(out, opt.folder, opt.losses), {.equipment = false, .codes = false}, "untis", opt.losses);
}

} // namespace interop::untis
