#include "notify/notify_rules.hpp"

#include <interop/errors.hpp>
#include <interop/json/bounded.hpp>
#include <interop/text/templates.hpp>

#include <rapidjson/document.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace hubd {

namespace {

constexpr std::array<std::string_view, 7> weekdays{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

class rules_reader {
public:
    explicit rules_reader(std::string file) : m_file(std::move(file)) {}

    [[noreturn]] void fail(const std::string& member, const std::string& problem) const {
        throw interop::parse_error({m_file, 0, 0}, "notification settings", member + ": " + problem);
    }

    std::string text(const rapidjson::Value& v, const std::string& path) const {
        if (!v.IsString()) fail(path, "expected a string");
        return {v.GetString(), v.GetStringLength()};
    }

    const rapidjson::Value& array(const rapidjson::Value& v, const std::string& path) const {
        if (!v.IsArray()) fail(path, "expected an array");
        return v;
    }

    double number(const rapidjson::Value& v, const std::string& path) const {
        if (!v.IsNumber() || v.GetDouble() < 0 || !std::isfinite(v.GetDouble())) fail(path, "expected a number, 0 or more");
        return v.GetDouble();
    }

    void events(const rapidjson::Value& v, notify_rules& out) const {
        if (!v.IsObject()) fail("events", "expected an object");
        for (const auto& m : v.GetObject()) {
            const std::string name = m.name.GetString(), path = "events." + name;
            if (!interop::text::event_kind_named(name) || name == "school_message") fail(path, "no such event");
            auto& who = out.events[name];
            for (const auto& a : array(m.value, path).GetArray()) {
                const auto s = text(a, path);
                if (s == "guardians") who.push_back(recipients::guardians);
                else if (s == "students") who.push_back(recipients::students);
                else if (s == "staff") who.push_back(recipients::staff);
                else fail(path, "expected guardians, students or staff, not " + s);
            }
        }
    }

    void route(const rapidjson::Value& v, const std::string& path, notify_rules& out) const {
        if (!v.IsObject() || !v.HasMember("name") || !v.HasMember("gateway") || !v.HasMember("cents_per_segment"))
            fail(path, "expected {\"name\", \"gateway\", \"cents_per_segment\", \"prefixes\"}");
        interop::messaging::sms_route r;
        r.name = text(v["name"], path + ".name");
        r.millicents_per_segment = std::llround(number(v["cents_per_segment"], path + ".cents_per_segment") * 1000);
        if (v.HasMember("prefixes"))
            for (const auto& p : array(v["prefixes"], path + ".prefixes").GetArray()) {
                auto prefix = text(p, path + ".prefixes");
                if (!prefix.starts_with("+")) fail(path + ".prefixes", "expected E.164 prefixes such as \"+33\"");
                r.prefixes.push_back(std::move(prefix));
            }
        out.route_gateway[r.name] = text(v["gateway"], path + ".gateway");
        out.routes.push_back(std::move(r));
    }

    void sms(const rapidjson::Value& v, notify_rules& out) const {
        if (!v.IsObject()) fail("sms", "expected an object");
        if (v.HasMember("routes")) {
            const auto& routes = array(v["routes"], "sms.routes");
            for (rapidjson::SizeType i = 0; i < routes.Size(); ++i) route(routes[i], "sms.routes[" + std::to_string(i) + "]", out);
        }
        if (!v.HasMember("monthly_budget_euros")) fail("sms", "a school that sends SMS sets monthly_budget_euros");
        out.budget_millicents = std::llround(number(v["monthly_budget_euros"], "sms.monthly_budget_euros") * 100'000);
    }

    void sender(const rapidjson::Value& v, notify_rules& out) const {
        if (!v.IsObject()) fail("sender", "expected an object");
        if (v.HasMember("address")) out.sender_address = text(v["address"], "sender.address");
        if (v.HasMember("name")) out.sender_name = text(v["name"], "sender.name");
        if (out.sender_address.find('@') == std::string::npos && !out.sender_address.empty())
            fail("sender.address", "expected an e-mail address");
    }

    void digest(const rapidjson::Value& v, notify_rules& out) const {
        if (!v.IsObject() || !v.HasMember("at")) fail("digest", "expected {\"at\": \"friday 17:00\"}");
        const auto at = text(v["at"], "digest.at");
        const auto space = at.find(' ');
        const auto day = std::find(weekdays.begin(), weekdays.end(), at.substr(0, space));
        auto t = space == std::string::npos ? std::nullopt : interop::model::parse_time_of_day(at.substr(space + 1));
        if (day == weekdays.end() || !t) fail("digest.at", "expected a weekday and a time such as \"friday 17:00\"");
        out.digest_at = {static_cast<int>(day - weekdays.begin()) + 1, *t};
    }

private:
    std::string m_file;
};

} // namespace

std::vector<recipients> notify_rules::audiences(std::string_view event) const {
    if (auto it = events.find(std::string(event)); it != events.end()) return it->second;
    if (event == "homework_set") return {recipients::students};
    if (event == "timetable_change") return {recipients::students, recipients::guardians};
    return {recipients::guardians};
}

notify_rules read_notify_rules(std::string_view json, const std::string& file) {
    rapidjson::Document d;
    const bool unparsed = interop::json::parse_bounded(json, d).has_value();
    const rules_reader r(file);
    if (unparsed || !d.IsObject()) r.fail("(document)", "expected a JSON object");
    notify_rules out;
    if (d.HasMember("events")) r.events(d["events"], out);
    if (d.HasMember("sender")) r.sender(d["sender"], out);
    if (d.HasMember("sms")) r.sms(d["sms"], out);
    if (d.HasMember("digest")) r.digest(d["digest"], out);
    return out;
}

} // namespace hubd
