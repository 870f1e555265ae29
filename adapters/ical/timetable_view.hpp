#pragma once
// What the calendar writers need of a dataset: the timetable of each school, the labels of
// what it names, and who attends what. Filled from a record sink, queried at the end.

#include <interop/io/sink.hpp>
#include <interop/timetable/expand.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace interop::ical_adapter {

/** Whose calendar a feed is. */
enum class audience_kind { school, class_, group, teacher, pupil, room };
std::string_view folder_of(audience_kind k);

struct audience {
    audience_kind kind = audience_kind::school;
    std::string id;
    std::string label;
    auto operator<=>(const audience& o) const { return std::tie(kind, id) <=> std::tie(o.kind, o.id); }
    bool operator==(const audience& o) const { return kind == o.kind && id == o.id; }
};

/** The timetable of one school and what it refers to. */
struct school_timetable {
    std::string uai;
    std::string name;
    std::string time_zone = "Europe/Paris";
    std::vector<model::academic_year> years;
    std::vector<model::calendar> calendars;
    std::map<std::string, model::week_pattern> patterns;
    std::vector<model::course> courses;
    std::vector<model::session> sessions;
    std::map<std::string, std::string> subject_labels, room_labels, staff_labels, class_labels, group_labels, pupil_labels;
    std::map<std::string, std::vector<std::string>> group_classes;
    /** Pupil → classes and groups they belong to. */
    std::map<std::string, std::set<std::string>> pupil_classes, pupil_groups;
};

class timetable_view : public io::record_sink {
public:
    void on_metadata(const model::metadata& m) override { m_metadata = m; }
    void on_record(model::any_record&& r) override;

    const model::metadata& metadata() const { return m_metadata; }
    std::map<std::string, school_timetable>& schools() { return m_schools; }

private:
    school_timetable& school(const std::string& uai);
    model::metadata m_metadata;
    std::map<std::string, school_timetable> m_schools;
};

/** Label of an id in a table, the id itself when it has none. */
const std::string& label_of(const std::map<std::string, std::string>& labels, const std::string& id);

} // namespace interop::ical_adapter
