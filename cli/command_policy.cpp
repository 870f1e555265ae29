#include "commands.hpp"
#include "options.hpp"

#include <interop/policy/retention.hpp>
#include <interop/policy/settings.hpp>

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>

namespace interop::cli {
namespace {

constexpr const char* policy_help = R"(usage: interop policy check [--from FORMAT] --at TIME [--settings FILE] [--holidays FILE] [--json] FILE

Shows what the school policies make of FILE's records at TIME (2025-11-18T21:30:00+01:00, or
without an offset in each school's time):
  - news items and notifications: sent now, or held by the right to disconnect and until when
    (family-facing items use the families' window, staff-only ones the staff's);
  - assessments: when pupils and then guardians see the grades (released at TIME when the
    record has no release time yet), and any that shows guardians first;
  - homework set late for the next school day;
  - sanctions: the date after which each must be erased, and those due at TIME.
Days off come from the school's zone (its record's "zone"), its region's public holidays and
the file's own calendars.
--settings FILE: the school's windows, closures, grade delay and homework cut-off (JSON;
see docs/policies.md). --holidays FILE: newer zone holidays (as for convert).
Exit code 1 when an assessment shows guardians the grades before pupils.
)";

struct finding {
    std::string record;
    std::string outcome;
    std::string detail;
    std::vector<std::string> notes;
};

/** The school policies of every school of a dataset, built once per school. */
class policies {
public:
    policies(const model::dataset& data, policy::school_policy settings, calendar::holiday_table holidays)
        : m_settings(std::move(settings)), m_holidays(std::move(holidays)) {
        for (const auto& s : data.all<model::establishment>()) m_schools[s.uai] = s;
        for (const auto& c : data.all<model::calendar>())
            m_closures[c.school].insert(m_closures[c.school].end(), c.entries.begin(), c.entries.end());
    }

    const policy::right_to_disconnect& window(const std::string& uai) {
        auto& rule = m_rules[uai];
        if (!rule) {
            auto school = m_schools.contains(uai) ? m_schools[uai] : model::establishment{};
            school.uai = uai;
            auto settings = m_settings.disconnect; // plus the days off of the school's own calendars
            settings.closures.insert(settings.closures.end(), m_closures[uai].begin(), m_closures[uai].end());
            rule = std::make_unique<policy::right_to_disconnect>(school, m_holidays, std::move(settings));
        }
        return *rule;
    }
    const policy::school_policy& settings() const { return m_settings; }

private:
    policy::school_policy m_settings;
    calendar::holiday_table m_holidays;
    std::map<std::string, model::establishment> m_schools;
    std::map<std::string, std::vector<model::calendar_entry>> m_closures;
    std::map<std::string, std::unique_ptr<policy::right_to_disconnect>> m_rules;
};

model::date_time later(const model::date_time& a, const std::optional<model::date_time>& b) {
    return b && model::before(a, *b) ? *b : a;
}

finding sending(const std::string& record, const policy::send_decision& d) {
    finding f{record, "", "", d.notes};
    if (d.urgent_bypass) f.outcome = "urgent, sent through " + d.held_by + ": " + d.urgent_reason;
    else if (d.send_now) f.outcome = "sends at " + model::to_string(d.send_at);
    else f.outcome = "held by " + d.held_by + " until " + model::to_string(d.send_at);
    return f;
}

bool staff_only(const std::vector<std::string>& audience) {
    if (audience.empty()) return false;
    for (const auto& a : audience)
        if (a != "staff" && a != "teachers") return false;
    return true;
}

void check_publications(const model::dataset& data, policies& p, const model::date_time& at, std::vector<finding>& out) {
    for (const auto& n : data.all<model::news_item>()) {
        if (n.status == model::news_status::draft || n.status == model::news_status::archived) continue;
        const auto who = staff_only(n.audience) ? policy::audience::staff : policy::audience::families;
        const policy::urgency u{n.priority == model::priority::urgent, {}};
        out.push_back(sending("news_item/" + n.id, p.window(n.school).decide(later(at, n.publish_from), who, u)));
    }
    for (const auto& n : data.all<model::notification>()) {
        if (n.status != model::notification_status::pending && n.status != model::notification_status::held) continue;
        const auto who = n.recipient_kind == model::person_kind::staff ? policy::audience::staff : policy::audience::families;
        const policy::urgency u{n.urgency == model::priority::urgent, {}};
        out.push_back(sending("notification/" + n.id, p.window(n.school).decide(later(at, n.earliest_send_at), who, u)));
    }
}

void check_grades(const model::dataset& data, policies& p, const model::date_time& at, std::vector<finding>& out) {
    for (auto a : data.all<model::assessment>()) {
        if (!a.visible_to_guardians_at) policy::release_grades(a, a.visible_to_students_at.value_or(at), p.settings().grades, &p.window(a.school));
        out.push_back({"assessment/" + a.id, "grades to pupils at " + model::to_string(*a.visible_to_students_at),
                       "to guardians at " + model::to_string(*a.visible_to_guardians_at), {}});
    }
}

void check_homework(const model::dataset& data, policies& p, std::vector<finding>& out) {
    for (const auto& h : data.all<model::homework>()) {
        const auto& window = p.window(h.school);
        auto reason = policy::late_homework_reason(h, window.days(), window.zone(), p.settings().homework);
        if (!reason.empty()) out.push_back({"homework/" + h.id, "late", reason, {}});
    }
}

void check_retention(const model::dataset& data, const model::date_time& at, std::vector<finding>& out) {
    const policy::retention_context context{data.all<model::academic_year>(), {}};
    for (const auto& s : data.all<model::sanction>()) {
        const auto erase_after = policy::erase_after(s, context);
        const bool due = erase_after && *erase_after < at.day;
        out.push_back({"sanction/" + s.id,
                       erase_after ? (due ? "due for erasure since " : "erase after ") + model::to_string(*erase_after)
                                   : "kept to the end of secondary schooling (date not known)",
                       "", {}});
    }
}

void print_text(const std::vector<finding>& findings) {
    for (const auto& f : findings) {
        std::cout << f.record << ": " << f.outcome << (f.detail.empty() ? "" : "; " + f.detail) << '\n';
        for (const auto& n : f.notes) std::cout << "  note: " << n << '\n';
    }
}

void print_json(const std::vector<finding>& findings) {
    rapidjson::StringBuffer buffer;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buffer);
    w.SetIndent(' ', 2);
    w.StartArray();
    for (const auto& f : findings) {
        w.StartObject();
        w.Key("record");
        w.String(f.record.c_str());
        w.Key("outcome");
        w.String(f.outcome.c_str());
        if (!f.detail.empty()) {
            w.Key("detail");
            w.String(f.detail.c_str());
        }
        w.Key("notes");
        w.StartArray();
        for (const auto& n : f.notes) w.String(n.c_str());
        w.EndArray();
        w.EndObject();
    }
    w.EndArray();
    std::cout << buffer.GetString() << '\n';
}

policy::school_policy settings_of(const options& o) {
    const auto file = o.value("--settings");
    if (!file) return {};
    std::ifstream in(*file, std::ios::binary);
    if (!in) throw io_error("cannot open " + *file);
    std::ostringstream text;
    text << in.rdbuf();
    return policy::read_school_policy(text.str(), *file);
}

} // namespace

int policy_command(const registry& reg, const args& a) {
    options o(a, {"--json"}, {"--from", "--at", "--settings", "--holidays"});
    if (o.flag("--help")) return help(policy_help);
    const std::string usage_line = "interop policy check [--from FORMAT] --at TIME [--settings FILE] [--holidays FILE] [--json] FILE";
    o.expect_positional(2, usage_line);
    if (o.positional()[0] != "check") throw usage_error("unknown policy command '" + o.positional()[0] + "'; usage: " + usage_line);
    const auto at = model::parse_date_time(o.value("--at").value_or(""));
    if (!at) throw usage_error("--at needs a time such as 2025-11-18T21:30:00+01:00");

    diagnostics diags;
    const auto data = read_dataset(reg, o.positional()[1], o.value("--from"), diags);
    policies p(data, settings_of(o), holiday_table_of(o));
    std::vector<finding> findings;
    check_publications(data, p, *at, findings);
    check_grades(data, p, *at, findings);
    check_homework(data, p, findings);
    check_retention(data, *at, findings);
    policy::check_grade_release(data, diags);
    print_diagnostics(diags);
    o.flag("--json") ? print_json(findings) : print_text(findings);
    return diags.has_errors() ? invalid_data : ok;
}

} // namespace interop::cli
