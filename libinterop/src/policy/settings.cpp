#include <interop/policy/settings.hpp>

#include "json/bounded_parse.hpp"

#include <algorithm>
#include <array>

namespace interop::policy {
namespace {

constexpr std::array<std::string_view, 7> weekdays{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

class settings_reader {
public:
    explicit settings_reader(std::string file) : m_file(std::move(file)) {}

    [[noreturn]] void fail(const std::string& member, const std::string& problem) const {
        throw parse_error({m_file, 0, 0}, "policy settings", member + ": " + problem);
    }

    const rapidjson::Value* member(const rapidjson::Value& obj, const char* name, const std::string& path) const {
        if (!obj.IsObject()) fail(path, "expected an object");
        auto it = obj.FindMember(name);
        return it == obj.MemberEnd() ? nullptr : &it->value;
    }

    model::time_of_day time_of_day(const rapidjson::Value& v, const std::string& path) const {
        auto t = v.IsString() ? model::parse_time_of_day(v.GetString()) : std::nullopt;
        if (!t) fail(path, "expected a time such as \"07:00\"");
        return *t;
    }

    week_time week_time_of(const rapidjson::Value& v, const std::string& path) const {
        const std::string text = v.IsString() ? v.GetString() : "";
        const auto space = text.find(' ');
        const auto day = std::find(weekdays.begin(), weekdays.end(), text.substr(0, space));
        auto t = space == std::string::npos ? std::nullopt : model::parse_time_of_day(text.substr(space + 1));
        if (day == weekdays.end() || !t) fail(path, "expected a weekday and a time such as \"friday 20:00\"");
        return {static_cast<int>(day - weekdays.begin()) + 1, *t};
    }

    bool flag(const rapidjson::Value& v, const std::string& path) const {
        if (!v.IsBool()) fail(path, "expected true or false");
        return v.GetBool();
    }

    /** Reads `{"from": …, "until": …}` with `read_one`, or null for a window that is off. */
    template <class T, class Read> void window(const rapidjson::Value& v, const std::string& path, T& from, T& until, Read read_one) const {
        if (v.IsNull()) {
            until = from;
            return;
        }
        const auto* f = member(v, "from", path);
        const auto* u = member(v, "until", path);
        if (!f || !u) fail(path, "expected \"from\" and \"until\"");
        from = (this->*read_one)(*f, path + ".from");
        until = (this->*read_one)(*u, path + ".until");
    }

    void quiet(const rapidjson::Value& v, const std::string& path, quiet_hours& q) const {
        if (const auto* night = member(v, "night", path)) window(*night, path + ".night", q.evening, q.morning, &settings_reader::time_of_day);
        if (const auto* weekend = member(v, "weekend", path))
            window(*weekend, path + ".weekend", q.weekend_from, q.weekend_to, &settings_reader::week_time_of);
        if (const auto* p = member(v, "public_holidays", path)) q.public_holidays = flag(*p, path + ".public_holidays");
        if (const auto* s = member(v, "school_holidays", path)) q.school_holidays = flag(*s, path + ".school_holidays");
    }

    model::date day(const rapidjson::Value& v, const std::string& path) const {
        auto d = v.IsString() ? model::parse_date(v.GetString()) : std::nullopt;
        if (!d) fail(path, "expected a date such as \"2027-05-07\"");
        return *d;
    }

    void closures(const rapidjson::Value& v, std::vector<model::calendar_entry>& out) const {
        if (!v.IsArray()) fail("closures", "expected an array");
        for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
            const auto path = "closures[" + std::to_string(i) + "]";
            const auto* label = member(v[i], "label", path);
            const auto* start = member(v[i], "start", path);
            const auto* end = member(v[i], "end", path);
            if (!start) fail(path, "expected \"start\"");
            model::calendar_entry e{model::calendar_entry_kind::closure, label && label->IsString() ? label->GetString() : "closure",
                                    day(*start, path + ".start"), {}};
            e.end = end ? day(*end, path + ".end") : e.start;
            if (e.end < e.start) fail(path, "ends before it starts");
            out.push_back(std::move(e));
        }
    }

    school_policy read(const rapidjson::Value& root) const {
        school_policy p;
        if (!root.IsObject()) fail("(top)", "expected an object");
        if (const auto* v = member(root, "families", "families")) quiet(*v, "families", p.disconnect.families);
        if (const auto* v = member(root, "staff", "staff")) quiet(*v, "staff", p.disconnect.staff);
        if (const auto* v = member(root, "closures", "closures")) closures(*v, p.disconnect.closures);
        if (const auto* g = member(root, "grades", "grades"))
            if (const auto* h = member(*g, "guardian_delay_hours", "grades")) {
                if (!h->IsInt() || h->GetInt() < 0 || h->GetInt() > 24 * 365) fail("grades.guardian_delay_hours", "expected hours from 0 to 8760");
                p.grades.guardian_delay_minutes = h->GetInt() * 60;
            }
        if (const auto* hw = member(root, "homework", "homework"))
            if (const auto* t = member(*hw, "late_after", "homework")) p.homework.late_after = time_of_day(*t, "homework.late_after");
        return p;
    }

private:
    std::string m_file;
};

} // namespace

school_policy read_school_policy(std::string_view json, const std::string& file) {
    rapidjson::Document doc;
    if (auto failure = json::detail::parse_bounded(json, doc, 16))
        throw parse_error({file, failure->line, 0}, "policy settings", failure->message);
    return settings_reader(file).read(doc);
}

} // namespace interop::policy
