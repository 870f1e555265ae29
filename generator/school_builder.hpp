#pragma once
// Builds one fictional collège, part by part, and sends its records to a sink.

#include "generator.hpp"
#include "random.hpp"
#include "school_calendar.hpp"

#include <interop/model/dataset.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace interop::generator {

/** What the parts share: who is in which class, who teaches what. */
struct school_plan {
    std::string uai;
    std::vector<std::string> class_ids;                      // 6A … 3E
    std::map<std::string, int> class_level;                  // class id → 6, 5, 4, 3
    std::map<std::string, std::vector<std::string>> pupils;  // class id → student ids
    std::map<std::string, std::vector<std::string>> groups;  // group id → student ids
    std::map<std::string, std::vector<std::string>> group_classes;
    std::map<std::string, std::vector<std::string>> teachers_by_subject;
    std::map<std::string, std::vector<std::string>> guardians_of; // student id → guardian ids
    std::map<std::pair<std::string, std::string>, std::string> teacher_of; // (class or group, subject) → staff id
    std::vector<std::string> staff_ids;
    std::vector<std::string> course_ids;
    std::vector<std::string> subject_ids;
};

/** How a placed course departs from the plan, with `options::real_shapes`. */
enum class course_shape { as_placed, no_teacher, no_room, one_week, three_weeks, part_of_year };

class school_builder {
public:
    school_builder(int index, const options& opt, io::record_sink& sink);
    void build();
    void add_course(const std::string& subject, const std::string& teacher, std::vector<std::string> classes,
                    std::vector<std::string> groups, const std::string& room, int weekday, int start_minutes,
                    const std::string& week_pattern, course_shape as = course_shape::as_placed);

private:
    template <class K> K make(std::string id) const {
        K r;
        r.id = std::move(id);
        r.school = m_plan.uai;
        return r;
    }
    template <class K> void emit(K&& r) { m_sink.on_record(model::any_record{std::forward<K>(r)}); }

    void structure();
    void subjects_rooms_mefs();
    void staff();
    void classes_and_pupils();
    void pupil(const std::string& class_id, int level, int number);
    void family(const std::string& student_id, const std::string& last_name);
    void link(const std::string& student_id, const std::string& guardian_id, int rank);
    void language_and_option_groups();
    void timetable();
    template <class Placements> std::map<std::size_t, course_shape> real_shapes_of(const Placements& placed) const;
    void shape(model::course& c, course_shape s) const;
    void real_shapes_extras();
    void shared_teacher_and_class_group();
    model::course wednesday_hour(std::string id, std::string subject, std::string teacher, std::vector<std::string> rooms, int hour) const;
    void teaching_links(); // teachers' memberships and teaching assignments
    void exceptions();
    void attendance();
    void assessments();
    void competencies();
    void report_cards();
    std::vector<model::date> term_days(int term) const;
    void class_log();
    void discipline();
    void news();
    void notify_class(const model::news_item& item, const std::string& class_id);

    int m_index;
    const options& m_options;
    io::record_sink& m_sink;
    random m_random;
    school_calendar m_calendar;
    school_plan m_plan;
    int m_guardian_count = 0;
    std::string m_last_family_name;
    std::vector<model::course> m_courses;
    std::set<model::date> m_a_weeks; // Mondays of week A, set with the week patterns
    std::map<std::pair<std::string, std::string>, std::vector<double>> m_marks; // (pupil, subject) → marks out of 20
};

} // namespace interop::generator
