#pragma once
/**
 * @file School life domain: attendance, assessments and grades, competencies, report cards,
 * the class log and homework, discipline.
 */

#include <interop/model/record.hpp>

namespace interop::model {

enum class attendance_kind { absence, late, early_departure, class_exclusion, infirmary };
template <> struct enum_names<attendance_kind> {
    static constexpr std::array<std::string_view, 5> values{"absence", "late", "early_departure", "class_exclusion", "infirmary"};
};

struct attendance_event : record {
    static constexpr std::string_view kind = "attendance_event", collection = "attendance_events";
    static constexpr std::string_view summary = "An absence, late arrival, early departure, exclusion from class or infirmary visit.";
    std::string student;
    attendance_kind type = attendance_kind::absence;
    date_time start;
    std::optional<date_time> end;
    std::optional<int> minutes;
    bool justified = false;
    bool open = false;
    std::optional<std::string> reason;
    std::optional<std::string> session;
    std::optional<std::string> recorded_by;
    bool operator==(const attendance_event&) const = default;

    template <class S, class V> static void fields(S& s, V& v) {
        common_fields(s, v);
        v("student", s.student, "Id of the student.");
        v("type", s.type, "What happened.");
        v("start", s.start, "When it started.");
        v("end", s.end, "When it ended.");
        v("minutes", s.minutes, "Length in minutes (late arrivals).");
        v("justified", s.justified, "A valid reason was given.");
        v("open", s.open, "Still going on: the end is not known yet.");
        v("reason", s.reason, "Reason given.");
        v("session", s.session, "Id of the session it was recorded in.");
        v("recorded_by", s.recorded_by, "Id of the staff who recorded it.");
    }
};

struct assessment : record {
    static constexpr std::string_view kind = "assessment", collection = "assessments";
    static constexpr std::string_view summary = "A graded piece of work (devoir, évaluation).";
    std::string subject;
    std::string title;
    std::vector<std::string> classes;
    std::vector<std::string> groups;
    std::optional<std::string> teacher;
    std::optional<std::string> period;
    date day;
    double scale = 20;
    double coefficient = 1;
    bool bonus = false;
    bool optional = false;
    std::optional<date_time> visible_to_students_at;
    std::optional<date_time> visible_to_guardians_at;
    bool operator==(const assessment&) const = default;

    template <class S, class V> static void fields(S& s, V& v) {
        common_fields(s, v);
        v("subject", s.subject, "Id of the subject.");
        v("title", s.title, "Title.");
        v("classes", s.classes, "Ids of the classes assessed.");
        v("groups", s.groups, "Ids of the groups assessed.");
        v("teacher", s.teacher, "Id of the staff who set it.");
        v("period", s.period, "Id of the period it counts for.");
        v("date", s.day, "Date it was sat.");
        v("scale", s.scale, "Maximum mark (barème).");
        v("coefficient", s.coefficient, "Weight in averages.");
        v("bonus", s.bonus, "Counts only if it raises the average.");
        v("optional", s.optional, "Optional work.");
        v("visible_to_students_at", s.visible_to_students_at, "When pupils may see the grades.");
        v("visible_to_guardians_at", s.visible_to_guardians_at, "When guardians may see the grades; never before pupils.");
    }
};

enum class grade_status { graded, absent, exempt, not_graded, not_handed_in };
template <> struct enum_names<grade_status> {
    static constexpr std::array<std::string_view, 5> values{"graded", "absent", "exempt", "not_graded", "not_handed_in"};
};

struct grade_result : record {
    static constexpr std::string_view kind = "grade_result", collection = "grade_results";
    static constexpr std::string_view summary = "A pupil's result in an assessment.";
    std::string assessment;
    std::string student;
    grade_status status = grade_status::graded;
    std::optional<double> value;
    std::optional<std::string> comment;
    bool operator==(const grade_result&) const = default;

    template <class S, class V> static void fields(S& s, V& v) {
        common_fields(s, v);
        v("assessment", s.assessment, "Id of the assessment.");
        v("student", s.student, "Id of the student.");
        v("status", s.status, "Graded, or why there is no mark.");
        v("value", s.value, "Mark on the assessment's scale, when graded.");
        v("comment", s.comment, "Teacher's comment.");
    }
};

struct competency_result : record {
    static constexpr std::string_view kind = "competency_result", collection = "competency_results";
    static constexpr std::string_view summary = "A level of mastery of a competency (socle commun, 1 to 4).";
    std::string student;
    std::string competency;
    std::optional<std::string> label;
    std::optional<std::string> subject;
    std::optional<std::string> assessment;
    date day;
    int level = 1;
    bool operator==(const competency_result&) const = default;

    template <class S, class V> static void fields(S& s, V& v) {
        common_fields(s, v);
        v("student", s.student, "Id of the student.");
        v("competency", s.competency, "Code of the competency (CPD_FRA_1, …).");
        v("label", s.label, "Label of the competency.");
        v("subject", s.subject, "Id of the subject.");
        v("assessment", s.assessment, "Id of the assessment it was observed in.");
        v("date", s.day, "Date observed.");
        v("level", s.level, "1 insufficient, 2 fragile, 3 satisfactory, 4 very good.", four_levels_bounds);
    }
};

struct report_subject {
    std::string subject;
    std::optional<std::string> teacher;
    std::vector<std::string> co_teachers;
    std::optional<std::string> mode;
    std::optional<double> average;
    std::optional<double> class_average;
    std::optional<int> position;
    std::vector<std::string> program_elements;
    std::optional<std::string> comment;
    bool operator==(const report_subject&) const = default;

    template <class S, class V> static void fields(S& s, V& v) {
        v("subject", s.subject, "Id of the subject.");
        v("teacher", s.teacher, "Id of the teacher.");
        v("co_teachers", s.co_teachers, "Ids of the other teachers of the subject, when several share it.");
        v("mode", s.mode, "How the pupil takes the subject (STS modalité d'élection: S common core, O compulsory option, F optional, …).");
        v("average", s.average, "Pupil's average out of 20.");
        v("class_average", s.class_average, "Class average out of 20.");
        v("position", s.position, "Position on the learning objectives instead of or beside an average: 1 not reached, 2 partly reached, 3 reached, 4 exceeded.", four_levels_bounds);
        v("program_elements", s.program_elements, "Elements of the programme worked on during the period (éléments du programme).");
        v("comment", s.comment, "Teacher's appreciation.");
    }
};

/** A position on one domain of the socle commun (code from the LSU nomenclature: CPD_FRA, MET_APP, …). */
struct domain_position {
    std::string domain;
    int level = 1;
    bool operator==(const domain_position&) const = default;

    template <class S, class V> static void fields(S& s, V& v) {
        v("domain", s.domain, "Code of the domain (CPD_FRA, CPD_ETR, CPD_SCI, CPD_ART, MET_APP, FRM_CIT, SYS_NAT, REP_MND).");
        v("level", s.level, "1 insufficient, 2 fragile, 3 satisfactory, 4 very good.", four_levels_bounds);
    }
};

struct report_card : record {
    static constexpr std::string_view kind = "report_card", collection = "report_cards";
    static constexpr std::string_view summary = "A pupil's report card (bulletin) for a period.";
    std::string student;
    std::string period;
    std::vector<report_subject> subjects;
    std::optional<double> overall_average;
    std::optional<std::string> general_comment;
    std::optional<date> council_date;
    std::vector<std::string> main_teachers;
    std::optional<std::string> signed_by;
    std::optional<int> justified_absences;
    std::optional<int> unjustified_absences;
    std::optional<int> late_arrivals;
    std::optional<int> missed_hours;
    std::optional<std::string> attendance_comment;
    std::vector<domain_position> domains;
    bool operator==(const report_card&) const = default;

    template <class S, class V> static void fields(S& s, V& v) {
        common_fields(s, v);
        v("student", s.student, "Id of the student.");
        v("period", s.period, "Id of the period.");
        v("subjects", s.subjects, "Per-subject averages, positions and comments.");
        v("overall_average", s.overall_average, "General average out of 20.");
        v("general_comment", s.general_comment, "Class council's appreciation (acquis et conseils pour progresser).");
        v("council_date", s.council_date, "Date of the class council that settled it.");
        v("main_teachers", s.main_teachers, "Ids of the pupil's main teachers (professeurs principaux).");
        v("signed_by", s.signed_by, "Id of the head of school or deputy responsible for it.");
        v("justified_absences", s.justified_absences, "Half-days of justified absence in the period; when absent, counted from attendance events.");
        v("unjustified_absences", s.unjustified_absences, "Half-days of unjustified absence in the period; when absent, counted from attendance events.");
        v("late_arrivals", s.late_arrivals, "Late arrivals in the period; when absent, counted from attendance events.");
        v("missed_hours", s.missed_hours, "Hours of lessons missed in the period.");
        v("attendance_comment", s.attendance_comment, "School life's comment on attendance and conduct.");
        v("domains", s.domains, "Positions on the domains of the socle commun.");
    }
};

struct attachment {
    std::string name;
    std::string url;
    std::optional<std::string> media_type;
    bool operator==(const attachment&) const = default;

    template <class S, class V> static void fields(S& s, V& v) {
        v("name", s.name, "File name shown.");
        v("url", s.url, "Where to fetch it.");
        v("media_type", s.media_type, "Media type.");
    }
};

struct session_content : record {
    static constexpr std::string_view kind = "session_content", collection = "session_contents";
    static constexpr std::string_view summary = "What was done in a lesson (cahier de textes).";
    std::string subject;
    std::optional<std::string> session;
    std::vector<std::string> classes;
    std::vector<std::string> groups;
    std::optional<std::string> teacher;
    date day;
    std::optional<std::string> title;
    std::string description;
    std::vector<attachment> attachments;
    bool operator==(const session_content&) const = default;

    template <class S, class V> static void fields(S& s, V& v) {
        common_fields(s, v);
        v("subject", s.subject, "Id of the subject.");
        v("session", s.session, "Id of the session.");
        v("classes", s.classes, "Ids of the classes.");
        v("groups", s.groups, "Ids of the groups.");
        v("teacher", s.teacher, "Id of the teacher.");
        v("date", s.day, "Day of the lesson.");
        v("title", s.title, "Title.");
        v("description", s.description, "Content, sanitized HTML.");
        v("attachments", s.attachments, "Attached files and links.");
    }
};

struct homework : record {
    static constexpr std::string_view kind = "homework", collection = "homework";
    static constexpr std::string_view summary = "Work to do for a given day (travail à faire).";
    std::string subject;
    std::vector<std::string> classes;
    std::vector<std::string> groups;
    std::optional<std::string> teacher;
    std::optional<std::string> session;
    date_time set_at;
    date due;
    std::string description;
    std::optional<int> workload_minutes;
    std::vector<attachment> attachments;
    bool operator==(const homework&) const = default;

    template <class S, class V> static void fields(S& s, V& v) {
        common_fields(s, v);
        v("subject", s.subject, "Id of the subject.");
        v("classes", s.classes, "Ids of the classes.");
        v("groups", s.groups, "Ids of the groups.");
        v("teacher", s.teacher, "Id of the teacher.");
        v("session", s.session, "Id of the session it was set in.");
        v("set_at", s.set_at, "When it was set; late setting is flagged by policy.");
        v("due", s.due, "Day it is due.");
        v("description", s.description, "What to do, sanitized HTML.");
        v("workload_minutes", s.workload_minutes, "Expected work time.");
        v("attachments", s.attachments, "Attached files and links.");
    }
};

struct discipline_incident : record {
    static constexpr std::string_view kind = "discipline_incident", collection = "discipline_incidents";
    static constexpr std::string_view summary = "An incident that may lead to punishments or sanctions.";
    date_time occurred_at;
    std::vector<std::string> students;
    std::optional<std::string> reported_by;
    std::string nature;
    std::optional<std::string> description;
    std::optional<std::string> place;
    bool operator==(const discipline_incident&) const = default;

    template <class S, class V> static void fields(S& s, V& v) {
        common_fields(s, v);
        v("occurred_at", s.occurred_at, "When it happened.");
        v("students", s.students, "Ids of the students involved.");
        v("reported_by", s.reported_by, "Id of the staff who reported it.");
        v("nature", s.nature, "Nature of the incident.");
        v("description", s.description, "Circumstances.");
        v("place", s.place, "Where it happened.");
    }
};

struct observation : record {
    static constexpr std::string_view kind = "observation", collection = "observations";
    static constexpr std::string_view summary = "A remark on a pupil's work or conduct (observation, encouragement), for the family.";
    std::string student;
    date_time recorded_at;
    std::optional<std::string> subject;
    std::optional<std::string> author;
    std::optional<std::string> category;
    std::string text;
    bool operator==(const observation&) const = default;

    template <class S, class V> static void fields(S& s, V& v) {
        common_fields(s, v);
        v("student", s.student, "Id of the student.");
        v("recorded_at", s.recorded_at, "When it was recorded.");
        v("subject", s.subject, "Id of the subject it concerns.");
        v("author", s.author, "Id of the staff who wrote it.");
        v("category", s.category, "Kind of remark as the school names it (observation, encouragement, …).");
        v("text", s.text, "The remark, plain text.");
    }
};

enum class sanction_kind {
    detention, extra_work, warning, blame, responsibility_measure,
    class_exclusion, temporary_exclusion, permanent_exclusion, other
};
template <> struct enum_names<sanction_kind> {
    static constexpr std::array<std::string_view, 9> values{
        "detention", "extra_work", "warning", "blame", "responsibility_measure",
        "class_exclusion", "temporary_exclusion", "permanent_exclusion", "other"};
};

struct sanction : record {
    static constexpr std::string_view kind = "sanction", collection = "sanctions";
    static constexpr std::string_view summary = "A punishment or sanction given to a pupil, with its erase-after date.";
    std::string student;
    std::optional<std::string> incident;
    sanction_kind nature = sanction_kind::other;
    std::string reason;
    std::optional<std::string> given_by;
    date day;
    std::optional<int> duration_days;
    std::optional<date> erase_after;
    bool operator==(const sanction&) const = default;

    template <class S, class V> static void fields(S& s, V& v) {
        common_fields(s, v);
        v("student", s.student, "Id of the student.");
        v("incident", s.incident, "Id of the discipline_incident.");
        v("nature", s.nature, "Kind of punishment or sanction.");
        v("reason", s.reason, "Reason.");
        v("given_by", s.given_by, "Id of the staff who gave it.");
        v("date", s.day, "Date given.");
        v("duration_days", s.duration_days, "Length of an exclusion in days.");
        v("erase_after", s.erase_after, "Date after which it must be erased from the record.");
    }
};

} // namespace interop::model
