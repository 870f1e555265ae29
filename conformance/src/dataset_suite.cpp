#include "dataset_suite.hpp"

#include <interop/errors.hpp>
#include <interop/io/sink.hpp>
#include <interop/validate/validate.hpp>

#include <chrono>
#include <map>
#include <set>

namespace conformance {

namespace model = interop::model;

namespace {

struct loaded {
    model::dataset ds;
    interop::diagnostics read_diags, rules;
};

loaded read_inputs(const interop::registry& formats, const dataset_config& cfg) {
    if (cfg.inputs.empty()) throw std::runtime_error("no input: give --input FILE or FOLDER");
    loaded l;
    interop::io::dataset_sink sink(l.ds);
    for (const auto& path : cfg.inputs) {
        const auto in = interop::io::input::open(path);
        const auto& a = cfg.format ? formats.get(*cfg.format) : formats.identify(in);
        interop::read_bounded(a, in, sink, l.read_diags, cfg.options);
    }
    l.rules = interop::validate(l.ds);
    return l;
}

/** The validation rules, by the family of their codes (`ref.missing` is in `ref`). */
const std::vector<std::pair<std::string, std::string>>& rule_families() {
    static const std::vector<std::pair<std::string, std::string>> families = {
        {"uai", "every UAI is 7 digits and its check letter; each school record names itself"},
        {"id", "no record without an id, no two of a kind with one id in a school"},
        {"external-id", "no external id (INE, AAF, STS…) held by two records"},
        {"ref", "every reference names a record that exists, in the same school"},
        {"date", "dates in order, inside their school year, weeks starting on Monday"},
        {"overlap", "no teacher, room, class or group in two sessions at once"},
        {"subjects", "every teaching assignment names its subject and teacher"},
    };
    return families;
}

outcome check_family(const loaded& l, const std::string& family) {
    std::vector<std::string> errors;
    std::size_t warnings = 0;
    for (const auto& d : l.rules.items()) {
        if (d.code.rfind(family + ".", 0) != 0) continue;
        if (d.severity == interop::severity::error) errors.push_back(d.record.empty() ? d.message : d.record + " (" + d.code + ": " + d.message + ")");
        else if (d.severity == interop::severity::warning) ++warnings;
    }
    if (!errors.empty()) return outcome::failed_on(std::move(errors), "errors");
    return outcome::passed(std::to_string(warnings) + " warnings");
}

std::set<std::string> classes_of_pupils(const model::dataset& ds) {
    std::set<std::string> in_class;
    for (const auto& m : ds.all<model::membership>())
        if (m.group_kind == model::audience_kind::class_) in_class.insert(m.school + "/" + m.person);
    return in_class;
}

/** Whether a pupil is of age (18 or more) on `day`: the law asks no legal guardian then. */
bool of_age(const model::student& s, const model::date& day) {
    if (!s.birth_date) return false;
    const auto& b = *s.birth_date;
    return day.year - b.year > 18 || (day.year - b.year == 18 && std::pair{day.month, day.day} >= std::pair{b.month, b.day});
}

model::date today_utc() {
    const auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()).time_since_epoch().count();
    return model::date_from_days(days);
}

} // namespace

outcome check_pupils_in_classes(const model::dataset& ds) {
    if (ds.all<model::student>().empty()) return outcome::not_applicable("the dataset holds no pupil");
    const auto in_class = classes_of_pupils(ds);
    std::vector<std::string> outside;
    for (const auto& s : ds.all<model::student>())
        if (!in_class.count(s.school + "/" + s.id)) outside.push_back("student/" + s.id);
    if (!outside.empty()) return outcome::failed_on(std::move(outside), "pupils in no class");
    return outcome::passed(std::to_string(ds.all<model::student>().size()) + " pupils, each in a class");
}

outcome check_classes_with_timetable(const model::dataset& ds) {
    if (ds.all<model::course>().empty() && ds.all<model::session>().empty()) return outcome::not_applicable("the dataset holds no timetable");
    std::set<std::string> taught;
    std::map<std::string, std::vector<std::string>> classes_of_group;
    for (const auto& g : ds.all<model::group>()) classes_of_group[g.school + "/" + g.id] = g.classes;
    auto audience = [&](const std::string& school, const std::vector<std::string>& classes, const std::vector<std::string>& groups) {
        for (const auto& c : classes) taught.insert(school + "/" + c);
        for (const auto& g : groups)
            for (const auto& c : classes_of_group[school + "/" + g]) taught.insert(school + "/" + c);
    };
    for (const auto& c : ds.all<model::course>()) audience(c.school, c.classes, c.groups);
    for (const auto& s : ds.all<model::session>()) audience(s.school, s.classes, s.groups);
    std::vector<std::string> idle;
    for (const auto& c : ds.all<model::school_class>())
        if (!taught.count(c.school + "/" + c.id)) idle.push_back("class/" + c.id);
    if (!idle.empty()) return outcome::failed_on(std::move(idle), "classes without any lesson");
    return outcome::passed(std::to_string(ds.all<model::school_class>().size()) + " classes, each with lessons");
}

outcome check_legal_guardians(const model::dataset& ds) {
    if (ds.all<model::guardian_link>().empty()) return outcome::not_applicable("the dataset holds no guardian link");
    std::set<std::string> with_legal;
    for (const auto& l : ds.all<model::guardian_link>())
        if (l.legal_rank) with_legal.insert(l.school + "/" + l.student);
    const auto today = ds.metadata.generated_at ? ds.metadata.generated_at->day : today_utc();
    std::vector<std::string> without;
    for (const auto& s : ds.all<model::student>())
        if (!with_legal.count(s.school + "/" + s.id) && !of_age(s, today)) without.push_back("student/" + s.id);
    if (!without.empty()) return outcome::failed_on(std::move(without), "minors without a guardian holding legal responsibility");
    return outcome::passed("every minor has a guardian with legal responsibility");
}

outcome check_holidays_applied(const model::dataset& ds) {
    if (ds.all<model::calendar>().empty() || ds.all<model::session>().empty())
        return outcome::not_applicable("the dataset holds no calendar or no dated session");
    std::vector<std::string> on_holiday;
    for (const auto& s : ds.all<model::session>()) {
        if (s.status == model::session_status::cancelled) continue;
        for (const auto& c : ds.all<model::calendar>()) {
            if (c.school != s.school) continue;
            for (const auto& e : c.entries)
                if (!(s.day < e.start) && !(e.end < s.day)) on_holiday.push_back("session/" + s.id + " on " + e.label);
        }
    }
    if (!on_holiday.empty()) return outcome::failed_on(std::move(on_holiday), "sessions on days without classes");
    return outcome::passed(std::to_string(ds.all<model::session>().size()) + " sessions, none on a day without classes");
}

std::vector<test_case> dataset_cases(const interop::registry& formats, const dataset_config& cfg) {
    auto cache = std::make_shared<std::optional<loaded>>();
    auto data = [&formats, cfg, cache]() -> const loaded& {
        if (!*cache) *cache = read_inputs(formats, cfg);
        return **cache;
    };
    std::vector<test_case> out;
    out.push_back({"dataset", "read", "the inputs are read without error", true, [data] {
                       const auto& l = data();
                       if (l.read_diags.has_errors()) return outcome::failed(l.read_diags.items().front().to_string());
                       return outcome::passed(std::to_string(l.ds.size()) + " records, " + std::to_string(l.read_diags.items().size()) + " diagnostics");
                   }});
    for (const auto& [family, what] : rule_families())
        out.push_back({"dataset", "validate." + family, what, true, [data, family = family] { return check_family(data(), family); }});
    const std::vector<std::tuple<std::string, std::string, outcome (*)(const model::dataset&)>> coverage = {
        {"coverage.pupils-in-classes", "every pupil is a member of a class", check_pupils_in_classes},
        {"coverage.classes-with-timetable", "every class has lessons (its own or through a group)", check_classes_with_timetable},
        {"coverage.legal-guardians", "every minor pupil has a guardian holding legal responsibility", check_legal_guardians},
        {"coverage.holidays-applied", "no lesson takes place on a holiday, closure or public holiday", check_holidays_applied},
    };
    for (const auto& [name, what, check] : coverage)
        out.push_back({"dataset", name, what, true, [data, check = check] { return check(data().ds); }});
    return out;
}

} // namespace conformance
