#include <interop/policy/retention.hpp>

#include <algorithm>

namespace interop::policy {
namespace {

model::date one_year_after(model::date d) {
    if (d.month == 2 && d.day == 29) return {d.year + 1, 2, 28};
    return {d.year + 1, d.month, d.day};
}

bool erased_with_the_year(model::sanction_kind k) {
    using enum model::sanction_kind;
    return k == detention || k == extra_work || k == warning || k == blame || k == responsibility_measure;
}

} // namespace

model::date end_of_school_year(model::date day, const std::vector<model::academic_year>& years, const std::string& school) {
    for (const auto& y : years)
        if ((y.school.empty() || y.school == school) && y.start <= day && day <= y.end) return y.end;
    return {day.month >= 9 ? day.year + 1 : day.year, 8, 31};
}

std::optional<model::date> erase_after(const model::sanction& s, const retention_context& context) {
    std::optional<model::date> by_kind;
    if (erased_with_the_year(s.nature)) by_kind = end_of_school_year(s.day, context.years, s.school);
    else if (s.nature != model::sanction_kind::permanent_exclusion) by_kind = one_year_after(s.day);
    const auto end = context.end_of_secondary.find(s.student);
    if (end == context.end_of_secondary.end()) return by_kind;
    return by_kind ? std::min(*by_kind, end->second) : end->second;
}

void set_erase_after(model::dataset& data, std::map<std::string, model::date> end_of_secondary) {
    const retention_context context{data.all<model::academic_year>(), std::move(end_of_secondary)};
    for (auto& s : data.all<model::sanction>()) s.erase_after = erase_after(s, context);
}

std::vector<const model::sanction*> due_for_erasure(const model::dataset& data, model::date today) {
    std::vector<const model::sanction*> due;
    for (const auto& s : data.all<model::sanction>())
        if (s.erase_after && *s.erase_after < today) due.push_back(&s);
    return due;
}

} // namespace interop::policy
