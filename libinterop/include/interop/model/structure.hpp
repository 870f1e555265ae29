#pragma once
/** @file Structure domain: schools, school years, periods, calendars. */

#include <interop/model/record.hpp>

namespace interop::model {

enum class school_type { ecole, college, lycee, lycee_professionnel, erea, other };
template <> struct enum_names<school_type> {
    static constexpr std::array<std::string_view, 6> values{"ecole", "college", "lycee", "lycee_professionnel", "erea", "other"};
};

/** Holiday zone of the official school calendar. */
enum class holiday_zone { a, b, c, corse, overseas, none };
template <> struct enum_names<holiday_zone> {
    static constexpr std::array<std::string_view, 6> values{"A", "B", "C", "corse", "overseas", "none"};
};

struct establishment : record {
    static constexpr std::string_view kind = "school", collection = "schools";
    static constexpr std::string_view summary = "A school (établissement), identified by its UAI.";
    std::string uai;
    std::string name;
    school_type type = school_type::other;
    std::optional<std::string> academy;
    holiday_zone zone = holiday_zone::none;
    std::string time_zone = "Europe/Paris";
    std::optional<std::string> postal_code;
    std::optional<std::string> city;
    bool operator==(const establishment&) const = default;

    template <class S, class V> static void fields(S& s, V& v) {
        common_fields(s, v);
        v("uai", s.uai, "Unité administrative immatriculée: 7 digits and a check letter.");
        v("name", s.name, "Usual name of the school.");
        v("type", s.type, "Kind of school.");
        v("academy", s.academy, "Academy (académie) the school belongs to.");
        v("zone", s.zone, "Holiday zone of the official calendar.");
        v("time_zone", s.time_zone, "IANA time zone of the school (Europe/Paris, America/Cayenne, …).");
        v("postal_code", s.postal_code, "Postal code.");
        v("city", s.city, "Town.");
    }
};

struct academic_year : record {
    static constexpr std::string_view kind = "academic_year", collection = "academic_years";
    static constexpr std::string_view summary = "A school year (année scolaire).";
    std::string label;
    date start;
    date end;
    bool operator==(const academic_year&) const = default;

    template <class S, class V> static void fields(S& s, V& v) {
        common_fields(s, v);
        v("label", s.label, "Label such as 2025-2026.");
        v("start", s.start, "First day of the year.");
        v("end", s.end, "Last day of the year (inclusive).");
    }
};

enum class period_kind { trimester, semester, other };
template <> struct enum_names<period_kind> {
    static constexpr std::array<std::string_view, 3> values{"trimester", "semester", "other"};
};

struct period : record {
    static constexpr std::string_view kind = "period", collection = "periods";
    static constexpr std::string_view summary = "A grading period of a school year (trimestre, semestre).";
    std::string academic_year;
    period_kind type = period_kind::trimester;
    int number = 1;
    std::string label;
    date start;
    date end;
    bool operator==(const period&) const = default;

    template <class S, class V> static void fields(S& s, V& v) {
        common_fields(s, v);
        v("academic_year", s.academic_year, "Id of the academic_year.");
        v("type", s.type, "Trimester, semester or other.");
        v("number", s.number, "Rank of the period in the year, from 1.", rank_bounds);
        v("label", s.label, "Label shown to families.");
        v("start", s.start, "First day.");
        v("end", s.end, "Last day (inclusive).");
    }
};

enum class calendar_entry_kind { holiday, closure, public_holiday };
template <> struct enum_names<calendar_entry_kind> {
    static constexpr std::array<std::string_view, 3> values{"holiday", "closure", "public_holiday"};
};

struct calendar_entry {
    calendar_entry_kind type = calendar_entry_kind::holiday;
    std::string label;
    date start;
    date end;
    bool operator==(const calendar_entry&) const = default;

    template <class S, class V> static void fields(S& s, V& v) {
        v("type", s.type, "Holiday, closure or public holiday.");
        v("label", s.label, "Label such as Vacances de la Toussaint.");
        v("start", s.start, "First day without classes.");
        v("end", s.end, "Last day without classes (inclusive).");
    }
};

struct calendar : record {
    static constexpr std::string_view kind = "calendar", collection = "calendars";
    static constexpr std::string_view summary = "Days without classes in a school year: holidays, closures, public holidays.";
    std::string academic_year;
    holiday_zone zone = holiday_zone::none;
    std::vector<calendar_entry> entries;
    bool operator==(const calendar&) const = default;

    template <class S, class V> static void fields(S& s, V& v) {
        common_fields(s, v);
        v("academic_year", s.academic_year, "Id of the academic_year.");
        v("zone", s.zone, "Holiday zone the entries come from.");
        v("entries", s.entries, "Days without classes.");
    }
};

} // namespace interop::model
