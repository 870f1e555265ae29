// EtabEducNat → school, its classes and groups; MatiereEducNat → subject; MefEducNat → mef.

#include "mapper.hpp"

namespace interop::aaf {
namespace {

model::school_type school_type_of(std::string_view t) {
    if (t.starts_with("ECOLE") || t.starts_with("ECOLES")) return model::school_type::ecole;
    if (t.starts_with("COLLEGE") || t == "CLG") return model::school_type::college;
    if (t.starts_with("LYCEE PROF") || t == "LP" || t == "SEP") return model::school_type::lycee_professionnel;
    if (t.starts_with("LYCEE") || t == "LYC" || t == "LPO" || t == "LGT") return model::school_type::lycee;
    if (t.starts_with("EREA")) return model::school_type::erea;
    return model::school_type::other;
}

/** `CLG$CLG INTEGRATION$PARIS` (type$name$town, 2024 files) or a plain name (older files). */
std::string school_name(std::string_view nom_courant) {
    const auto parts = unpack(nom_courant);
    return std::string(parts.size() == 3 ? parts[1] : nom_courant);
}

} // namespace

void mapper::structure(const request& r) {
    const std::string jointure(r.first("ENTStructureJointure").empty() ? std::string_view(r.id) : r.first("ENTStructureJointure"));
    std::string uai(r.first("ENTStructureUAI"));
    if (uai.empty()) {
        warn(r, "aaf.structure.uai", "EtabEducNat without ENTStructureUAI: its jointure " + jointure + " stands for the school");
        uai = jointure;
    }
    m_uai_of[jointure] = uai;
    auto s = make<model::establishment>(r, uai, uai);
    s.uai = uai;
    s.name = school_name(r.first("ENTStructureNomCourant"));
    s.type = school_type_of(r.first("ENTStructureTypeStruct"));
    s.academy = non_empty(r.first("ENTServAcAcademie"));
    s.postal_code = non_empty(r.first("postalCode"));
    s.city = non_empty(r.first("l"));
    s.external_ids = {{"aaf", jointure}};
    const auto* classes = r.values("ENTStructureClasses");
    const auto* groups = r.values("ENTStructureGroupes");
    keep_unmapped(file_type::structure, r, s.extensions);
    emit(std::move(s));
    // Classes and groups: code$label.
    for (auto [values, is_class] : {std::pair{classes, true}, std::pair{groups, false}})
        if (values)
            for (const auto& v : *values) {
                const auto parts = unpack(v);
                ensure_group(uai, parts[0], is_class, parts.size() > 1 ? parts[1] : std::string_view(), r);
            }
}

void mapper::subject(const request& r) {
    const std::string code(r.first("ENTMatJointure").empty() ? std::string_view(r.id) : r.first("ENTMatJointure"));
    auto s = make<model::subject>(r, code, "");
    s.code = code;
    s.long_label = r.first("ENTLibelleMatiere");
    s.external_ids = {{"aaf", r.id}};
    keep_unmapped(file_type::subject, r, s.extensions);
    emit(std::move(s));
}

void mapper::mef(const request& r) {
    const std::string code(r.first("ENTMefJointure").empty() ? std::string_view(r.id) : r.first("ENTMefJointure"));
    auto m = make<model::mef>(r, code, "");
    m.code = code;
    m.label = r.first("ENTLibelleMef");
    m.stat11 = non_empty(r.first("ENTMEFSTAT11"));
    if (const auto parent = r.first("ENTMEFRattach"); !parent.empty() && parent != code) m.parent = std::string(parent);
    m.external_ids = {{"aaf", r.id}};
    keep_unmapped(file_type::mef, r, m.extensions);
    emit(std::move(m));
}

} // namespace interop::aaf
