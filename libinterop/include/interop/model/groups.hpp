#pragma once
/** @file Groups domain: classes, groups, memberships, MEF, subjects, rooms, equipment. */

#include <interop/model/record.hpp>

namespace interop::model {

struct school_class : record {
    static constexpr std::string_view kind = "class", collection = "classes";
    static constexpr std::string_view summary = "A class (division): the pupils who share a timetable.";
    std::string code;
    std::string label;
    std::vector<std::string> mefs;
    std::optional<std::string> level;
    bool operator==(const school_class&) const = default;

    template <class S, class V> static void fields(S& s, V& v) {
        common_fields(s, v);
        v("code", s.code, "Code of the division (3A, 2NDE1, …).");
        v("label", s.label, "Long label.");
        v("mefs", s.mefs, "Ids of the mef records the class belongs to.");
        v("level", s.level, "Level label.");
    }
};

enum class group_kind { language, option, half_class, other };
template <> struct enum_names<group_kind> {
    static constexpr std::array<std::string_view, 4> values{"language", "option", "half_class", "other"};
};

struct group : record {
    static constexpr std::string_view kind = "group", collection = "groups";
    static constexpr std::string_view summary = "A teaching group drawn from one or more classes.";
    std::string code;
    std::string label;
    group_kind type = group_kind::other;
    std::vector<std::string> classes;
    bool operator==(const group&) const = default;

    template <class S, class V> static void fields(S& s, V& v) {
        common_fields(s, v);
        v("code", s.code, "Code of the group.");
        v("label", s.label, "Long label.");
        v("type", s.type, "Language, option, half class or other.");
        v("classes", s.classes, "Ids of the classes the group draws from.");
    }
};

enum class membership_role { student, teacher, principal_teacher, delegate };
template <> struct enum_names<membership_role> {
    static constexpr std::array<std::string_view, 4> values{"student", "teacher", "principal_teacher", "delegate"};
};

enum class audience_kind { class_, group };
template <> struct enum_names<audience_kind> {
    static constexpr std::array<std::string_view, 2> values{"class", "group"};
};

struct membership : record {
    static constexpr std::string_view kind = "membership", collection = "memberships";
    static constexpr std::string_view summary = "A person in a class or group, with dates.";
    std::string person;
    membership_role role = membership_role::student;
    std::string group;
    audience_kind group_kind = audience_kind::class_;
    std::optional<date> start;
    std::optional<date> end;
    bool operator==(const membership&) const = default;

    template <class S, class V> static void fields(S& s, V& v) {
        common_fields(s, v);
        v("person", s.person, "Id of the student or staff.");
        v("role", s.role, "Role in the class or group; student for pupils.");
        v("group", s.group, "Id of the class or group.");
        v("group_kind", s.group_kind, "Whether group names a class or a group.");
        v("start", s.start, "Entry date.");
        v("end", s.end, "Exit date.");
    }
};

/**
 * A teacher teaching a subject to a class or group (service): what STS-Web calls a service and
 * AAF packs in `ENTAuxEnsClassesMatieres`.
 */
struct teaching_assignment : record {
    static constexpr std::string_view kind = "teaching_assignment", collection = "teaching_assignments";
    static constexpr std::string_view summary = "A teacher teaching a subject to a class or group (service).";
    std::string staff;
    std::optional<std::string> subject;
    std::string group;
    audience_kind group_kind = audience_kind::class_;
    std::optional<std::string> mode;
    std::optional<double> weekly_hours;
    bool operator==(const teaching_assignment&) const = default;

    template <class S, class V> static void fields(S& s, V& v) {
        common_fields(s, v);
        v("staff", s.staff, "Id of the teacher.");
        v("subject", s.subject, "Id of the subject taught.");
        v("group", s.group, "Id of the class or group taught.");
        v("group_kind", s.group_kind, "Whether group names a class or a group.");
        v("mode", s.mode, "Teaching mode code as the source gives it (STS MODALITE_ELECTION: S, O, F, …).");
        v("weekly_hours", s.weekly_hours, "Hours a week.");
    }
};

struct mef : record {
    static constexpr std::string_view kind = "mef", collection = "mefs";
    static constexpr std::string_view summary = "Module élémentaire de formation: a level and course of study.";
    static constexpr bool shared_across_schools = true;
    std::string code;
    std::string label;
    std::optional<std::string> stat11;
    std::optional<std::string> parent;
    bool operator==(const mef&) const = default;

    template <class S, class V> static void fields(S& s, V& v) {
        common_fields(s, v);
        v("code", s.code, "11-character MEF code.");
        v("label", s.label, "Label.");
        v("stat11", s.stat11, "MEFSTAT11 code.");
        v("parent", s.parent, "Code of the MEF it is attached to (MEF_RATTACHEMENT).");
    }
};

struct subject : record {
    static constexpr std::string_view kind = "subject", collection = "subjects";
    static constexpr std::string_view summary = "A subject (matière) with its BCN/STS code.";
    static constexpr bool shared_across_schools = true;
    std::string code;
    std::string short_label;
    std::string long_label;
    std::optional<std::string> management_code;
    std::optional<std::string> color;
    bool operator==(const subject&) const = default;

    template <class S, class V> static void fields(S& s, V& v) {
        common_fields(s, v);
        v("code", s.code, "BCN/STS subject code (6 digits).");
        v("short_label", s.short_label, "Short label (FRANC, MATHS).");
        v("long_label", s.long_label, "Long label.");
        v("management_code", s.management_code, "Management code (CODE_GESTION).");
        v("color", s.color, "Display colour, #RRGGBB.");
    }
};

struct room : record {
    static constexpr std::string_view kind = "room", collection = "rooms";
    static constexpr std::string_view summary = "A room.";
    std::string code;
    std::string name;
    std::optional<int> capacity;
    std::optional<std::string> building;
    bool operator==(const room&) const = default;

    template <class S, class V> static void fields(S& s, V& v) {
        common_fields(s, v);
        v("code", s.code, "Short code.");
        v("name", s.name, "Name.");
        v("capacity", s.capacity, "Seats.");
        v("building", s.building, "Building.");
    }
};

struct equipment : record {
    static constexpr std::string_view kind = "equipment", collection = "equipment";
    static constexpr std::string_view summary = "Bookable equipment (matériel).";
    std::string code;
    std::string name;
    bool operator==(const equipment&) const = default;

    template <class S, class V> static void fields(S& s, V& v) {
        common_fields(s, v);
        v("code", s.code, "Short code.");
        v("name", s.name, "Name.");
    }
};

} // namespace interop::model
