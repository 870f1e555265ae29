#include "rules.hpp"

#include <interop/validate/validate.hpp>

#include <map>
#include <set>

namespace interop {

namespace detail {

void check_uais(const model::dataset& ds, diagnostics& d) {
    for (const auto& s : ds.all<model::establishment>()) {
        if (s.uai != s.school) report(d, severity::error, "uai.school-mismatch", s, "uai " + s.uai + " differs from school " + s.school);
    }
    std::set<std::string> seen;
    auto check = [&](const std::string& uai, const std::string& record, const position& at) {
        if (!seen.insert(uai).second) return;
        switch (check_uai(uai)) {
        case uai_status::valid: return;
        case uai_status::malformed:
            d.add(severity::error, "uai.malformed", record, "UAI \"" + uai + "\" is not 7 digits and a letter", at);
            return;
        case uai_status::wrong_letter:
            d.add(severity::warning, "uai.check-letter", record,
                  "UAI " + uai + ": the check letter of " + uai.substr(0, 7) + " is " + *uai_check_letter(uai.substr(0, 7)), at);
            return;
        }
    };
    model::for_each_kind([&]<class K>(std::type_identity<K>) {
        for (const K& r : ds.all<K>())
            if (!(r.school.empty() && model::may_be_shared<K>)) check(r.school, label(r), where(r));
    });
}

void check_duplicates(const model::dataset& ds, diagnostics& d) {
    model::for_each_kind([&]<class K>(std::type_identity<K>) {
        std::set<std::pair<std::string, std::string>> ids;
        std::map<std::tuple<std::string, std::string, std::string>, std::string> external;
        for (const K& r : ds.all<K>()) {
            if (r.id.empty()) report(d, severity::error, "id.empty", r, "record has an empty id");
            else if (!ids.emplace(r.school, r.id).second)
                report(d, severity::error, "id.duplicate", r, "another " + std::string(K::kind) + " of school " + r.school + " has this id");
            for (const auto& x : r.external_ids) {
                auto [it, fresh] = external.emplace(std::tuple{r.school, x.system, x.id}, r.id);
                if (!fresh && it->second != r.id)
                    report(d, severity::error, "external-id.duplicate", r,
                           x.system + " id \"" + x.id + "\" is also held by " + std::string(K::kind) + "/" + it->second);
            }
        }
    });
}

} // namespace detail

diagnostics validate(const model::dataset& ds, const validate_options& opt) {
    diagnostics d;
    detail::check_uais(ds, d);
    detail::check_duplicates(ds, d);
    detail::check_bounds(ds, d);
    detail::check_references(ds, d);
    detail::check_dates(ds, d);
    detail::check_overlaps(ds, d);
    if (opt.strict) d.promote_warnings();
    return d;
}

} // namespace interop
