#include "kinds.hpp"

#include <interop/model/dataset.hpp>

#include <algorithm>
#include <map>

namespace hubd {

namespace {

constexpr kind_info kinds[] = {
    {"school", "schools", "structure", "roster", false},
    {"academic_year", "academic_years", "structure", "roster", false},
    {"period", "periods", "structure", "roster", false},
    {"calendar", "calendars", "structure", "roster", false},
    {"mef", "mefs", "groups", "roster", false},
    {"subject", "subjects", "groups", "roster", false},
    {"room", "rooms", "groups", "roster", false},
    {"equipment", "equipment", "groups", "roster", false},
    {"class", "classes", "groups", "roster", false},
    {"group", "groups", "groups", "roster", false},
    {"student", "students", "people", "roster", true},
    {"guardian", "guardians", "people", "roster", true},
    {"staff", "staff", "people", "roster", true},
    {"guardian_link", "guardian_links", "people", "roster", true},
    {"contact_preference", "contact_preferences", "people", "roster", true},
    {"membership", "memberships", "groups", "roster", true},
    {"teaching_assignment", "teaching_assignments", "groups", "roster", true},
    {"time_grid", "time_grids", "timetable", "timetable", false},
    {"week_pattern", "week_patterns", "timetable", "timetable", false},
    {"course", "courses", "timetable", "timetable", false},
    {"session", "sessions", "timetable", "timetable", false},
    {"attendance_event", "attendance_events", "school_life", "attendance", true},
    {"assessment", "assessments", "school_life", "grades", false},
    {"grade_result", "grade_results", "school_life", "grades", true},
    {"competency_result", "competency_results", "school_life", "grades", true},
    {"report_card", "report_cards", "school_life", "grades", true},
    {"session_content", "session_contents", "school_life", "homework", false},
    {"homework", "homework", "school_life", "homework", false},
    {"observation", "observations", "school_life", "discipline", true},
    {"discipline_incident", "discipline_incidents", "school_life", "discipline", true},
    {"sanction", "sanctions", "school_life", "discipline", true},
    {"news_item", "news_items", "news", "news", false},
    {"notification", "notifications", "messaging", "notifications", true},
};

} // namespace

std::span<const kind_info> all_kinds() { return kinds; }

const kind_info* find_kind(std::string_view name) {
    auto it = std::find_if(std::begin(kinds), std::end(kinds), [&](const kind_info& k) { return k.kind == name || k.collection == name; });
    return it == std::end(kinds) ? nullptr : &*it;
}

const std::vector<std::string>& kind_fields(std::string_view kind) {
    static const auto table = [] {
        std::map<std::string, std::vector<std::string>, std::less<>> out;
        interop::model::for_each_kind([&]<class K>(std::type_identity<K>) {
            auto& names = out[std::string(K::kind)];
            names.push_back("kind");
            K sample;
            auto collect = [&](std::string_view name, auto&, std::string_view, const auto&...) { names.emplace_back(name); };
            K::fields(sample, collect);
        });
        return out;
    }();
    static const std::vector<std::string> none;
    auto it = table.find(kind);
    return it == table.end() ? none : it->second;
}

std::vector<std::string> kinds_of_domains(const std::vector<std::string>& domains) {
    std::vector<std::string> out;
    for (const auto& k : kinds)
        if (std::find(domains.begin(), domains.end(), k.domain) != domains.end()) out.emplace_back(k.kind);
    return out;
}

} // namespace hubd
