#include "policy/family_visibility.hpp"

#include <interop/json/canonical.hpp>

namespace hubd {

namespace {

using interop::policy::audience;

std::optional<millis> news_visible_from(const interop::model::news_item& n, const school_rules& rules) {
    if (n.status != interop::model::news_status::published) return std::nullopt;
    const auto from = rules.instant(n.publish_from);
    return n.priority == interop::model::priority::urgent ? from : rules.opens_at(from, audience::families);
}

/** Guardians' time: the one on the record, else the pupils' (or the record's arrival) plus the school's delay. */
millis grades_visible_from(const interop::model::assessment& a, millis stored_at, const school_rules& rules) {
    millis at = 0;
    if (a.visible_to_guardians_at) {
        at = rules.instant(*a.visible_to_guardians_at);
    } else {
        const millis pupils = a.visible_to_students_at ? rules.instant(*a.visible_to_students_at) : stored_at;
        at = pupils + millis{rules.policy.grades.guardian_delay_minutes} * 60'000;
    }
    return rules.opens_at(at, audience::families);
}

std::optional<millis> assessment_visible_from(const std::string& school, const std::string& id, const school_rules& rules, store& db) {
    const auto rec = db.record({"assessment", school, id});
    if (!rec) return std::nullopt; // results of an assessment the hub does not hold: nothing says when
    const auto any = interop::json::record_from_json(rec->json);
    return grades_visible_from(std::get<interop::model::assessment>(any), rec->updated_at, rules);
}

} // namespace

bool family_policy_applies(std::string_view kind) {
    return kind == "news_item" || kind == "assessment" || kind == "grade_result" || kind == "competency_result";
}

std::optional<millis> family_visible_from(const stored_record& r, const school_rules& rules, store& db) {
    if (!family_policy_applies(r.kind)) return 0;
    const auto any = interop::json::record_from_json(r.json);
    if (const auto* n = std::get_if<interop::model::news_item>(&any)) return news_visible_from(*n, rules);
    if (const auto* a = std::get_if<interop::model::assessment>(&any)) return grades_visible_from(*a, r.updated_at, rules);
    if (const auto* g = std::get_if<interop::model::grade_result>(&any)) return assessment_visible_from(r.school, g->assessment, rules, db);
    if (const auto* c = std::get_if<interop::model::competency_result>(&any); c && c->assessment)
        return assessment_visible_from(r.school, *c->assessment, rules, db);
    return 0;
}

bool visible_to_families(const stored_record& r, const school_rules& rules, store& db, millis now) {
    const auto from = family_visible_from(r, rules, db);
    return from && *from <= now;
}

} // namespace hubd
