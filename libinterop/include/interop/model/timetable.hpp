#pragma once
/** @file Timetable domain: time grids, week patterns, recurring courses, dated sessions. */

#include <interop/model/record.hpp>

namespace interop::model {

struct time_slot {
    int number = 1;
    time_of_day start;
    time_of_day end;
    std::optional<int> weekday;
    bool operator==(const time_slot&) const = default;

    template <class S, class V> static void fields(S& s, V& v) {
        v("number", s.number, "Rank of the slot in the day, from 1.", rank_bounds);
        v("start", s.start, "Start time.");
        v("end", s.end, "End time.");
        v("weekday", s.weekday, "ISO weekday (1 Monday) when the slot exists on that day only.", weekday_bounds);
    }
};

struct time_grid : record {
    static constexpr std::string_view kind = "time_grid", collection = "time_grids";
    static constexpr std::string_view summary = "The slots of the school day (grille horaire).";
    std::string label;
    std::vector<int> weekdays;
    std::vector<time_slot> slots;
    bool operator==(const time_grid&) const = default;

    template <class S, class V> static void fields(S& s, V& v) {
        common_fields(s, v);
        v("label", s.label, "Label.");
        v("weekdays", s.weekdays, "ISO weekdays with classes (1 Monday … 7 Sunday).", weekday_bounds);
        v("slots", s.slots, "Slots of the day.");
    }
};

struct week_pattern : record {
    static constexpr std::string_view kind = "week_pattern", collection = "week_patterns";
    static constexpr std::string_view summary = "A named set of weeks, such as week A or week B (alternance).";
    std::string code;
    std::string label;
    std::vector<date> weeks;
    bool operator==(const week_pattern&) const = default;

    template <class S, class V> static void fields(S& s, V& v) {
        common_fields(s, v);
        v("code", s.code, "Code (A, B, H, …).");
        v("label", s.label, "Label.");
        v("weeks", s.weeks, "Monday of each week in the pattern.");
    }
};

struct course : record {
    static constexpr std::string_view kind = "course", collection = "courses";
    static constexpr std::string_view summary = "A recurring lesson in the timetable (cours).";
    std::string subject;
    std::vector<std::string> teachers;
    std::vector<std::string> classes;
    std::vector<std::string> groups;
    std::vector<std::string> rooms;
    std::vector<std::string> equipment;
    int weekday = 1;
    time_of_day start;
    int duration_minutes = 55;
    std::optional<std::string> week_pattern;
    std::optional<date> valid_from;
    std::optional<date> valid_until;
    bool operator==(const course&) const = default;

    template <class S, class V> static void fields(S& s, V& v) {
        common_fields(s, v);
        v("subject", s.subject, "Id of the subject.");
        v("teachers", s.teachers, "Ids of the staff teaching.");
        v("classes", s.classes, "Ids of the classes attending.");
        v("groups", s.groups, "Ids of the groups attending.");
        v("rooms", s.rooms, "Ids of the rooms.");
        v("equipment", s.equipment, "Ids of the equipment booked.");
        v("weekday", s.weekday, "ISO weekday (1 Monday).", weekday_bounds);
        v("start", s.start, "Start time.");
        v("duration_minutes", s.duration_minutes, "Duration in minutes.", minutes_in_day_bounds);
        v("week_pattern", s.week_pattern, "Id of the week_pattern; every week when absent.");
        v("valid_from", s.valid_from, "First day the course runs.");
        v("valid_until", s.valid_until, "Last day the course runs (inclusive).");
    }
};

enum class session_status { scheduled, cancelled, moved, exam, online, detention };
template <> struct enum_names<session_status> {
    static constexpr std::array<std::string_view, 6> values{"scheduled", "cancelled", "moved", "exam", "online", "detention"};
};

struct session : record {
    static constexpr std::string_view kind = "session", collection = "sessions";
    static constexpr std::string_view summary = "A dated occurrence of a course, or a one-off lesson, with its status.";
    std::optional<std::string> course;
    date day;
    time_of_day start;
    int duration_minutes = 55;
    session_status status = session_status::scheduled;
    std::optional<std::string> subject;
    std::vector<std::string> teachers;
    std::vector<std::string> classes;
    std::vector<std::string> groups;
    std::vector<std::string> rooms;
    std::optional<date> original_day;
    std::optional<time_of_day> original_start;
    std::optional<std::string> reason;
    bool operator==(const session&) const = default;

    template <class S, class V> static void fields(S& s, V& v) {
        common_fields(s, v);
        v("course", s.course, "Id of the course it is an occurrence of.");
        v("date", s.day, "Day of the session.");
        v("start", s.start, "Start time.");
        v("duration_minutes", s.duration_minutes, "Duration in minutes.", session_minutes_bounds);
        v("status", s.status, "Scheduled, cancelled, moved, exam, online or detention.");
        v("subject", s.subject, "Subject when it differs from the course.");
        v("teachers", s.teachers, "Teachers when they differ from the course (a substitute).");
        v("classes", s.classes, "Classes when they differ from the course.");
        v("groups", s.groups, "Groups when they differ from the course.");
        v("rooms", s.rooms, "Rooms when they differ from the course.");
        v("original_date", s.original_day, "Day it was planned on, for a moved session.");
        v("original_start", s.original_start, "Time it was planned at, for a moved session.");
        v("reason", s.reason, "Reason of a change, shown to families.");
    }
};

} // namespace interop::model
