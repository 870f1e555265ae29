#include "mapper.hpp"

#include "../common/siecle_codes.hpp"

#include <algorithm>
#include <functional>

namespace interop::aaf {

void mapper::map(file_type type, const request& r) {
    switch (type) {
    case file_type::structure: return structure(r);
    case file_type::subject: return subject(r);
    case file_type::mef: return mef(r);
    case file_type::staff: return staff(r);
    case file_type::student: return student(r);
    case file_type::guardian: return guardian(r);
    }
}

void mapper::map_partial(file_type type, const request& r) {
    m_modified.clear();
    for (const auto& a : r.attributes) m_modified += (m_modified.empty() ? "" : ",") + a.name;
    map(type, r);
    m_modified.clear();
}

void mapper::map_deletion(file_type type, const request& r) {
    static constexpr std::string_view kinds[] = {"school", "subject", "mef", "staff", "student", "guardian"};
    model::deletion d;
    d.target_kind = kinds[static_cast<std::size_t>(type)];
    const auto uai = m_uai_of.find(r.id);
    d.target_id = type == file_type::structure && uai != m_uai_of.end() ? uai->second : r.id;
    d.id = d.target_kind + "/" + d.target_id;
    d.external_ids = {{"aaf", r.id}};
    d.provenance = {"aaf", m_file, r.line};
    emit(std::move(d));
}

void mapper::keep_unmapped(file_type type, const request& r, model::extensions& out) {
    for (const auto& a : r.attributes) {
        if (a.values.empty() || a.used) continue;
        std::string key;
        key.reserve(4 + a.name.size());
        key.append("aaf:").append(a.name);
        std::string& joined = out[std::move(key)];
        joined = a.values.front();
        for (std::size_t i = 1; i < a.values.size(); ++i) joined.append(1, '\n').append(a.values[i]);
        auto& reported = m_reported_unmapped[static_cast<std::size_t>(type)];
        if (!reported.contains(a.name) && reported.insert(a.name).second)
            m_diags.add(severity::info, "aaf.unmapped", "", std::string(file_type_name(type)) + " attribute " + a.name +
                                                                " is not mapped to a model field: kept in extensions as aaf:" + a.name,
                        {m_file, r.line, 0});
    }
}

const std::string* mapper::school_of(std::string_view jointure, const request& r, bool may_stand, std::string_view attribute) {
    const std::string key(jointure);
    if (const auto it = m_uai_of.find(key); it != m_uai_of.end()) return &it->second;
    if (m_uai_of.empty()) { // no EtabEducNat in the delivery: the structures people belong to stand for schools
        if (const auto it = m_unknown_structures.find(key); it != m_unknown_structures.end()) return &*it;
        if (may_stand) {
            warn(r, "aaf.structure.unknown",
                 "structure " + key + " is not in the delivery (it has no EtabEducNat file): its jointure stands for the school");
            return &*m_unknown_structures.insert(key).first;
        }
    }
    if (m_references[key]++ == 0)
        warn(r, "aaf.structure.reference",
             key.empty() ? std::string(attribute) + " names no structure: what it names is left out"
                         : std::string(attribute) + " names structure " + key +
                               ", which no EtabEducNat of the delivery defines: a reference, not a school; what it names there is left out");
    return nullptr;
}

std::uint32_t mapper::school_index(const std::string& uai) {
    const auto [it, added] = m_school_index.emplace(uai, static_cast<std::uint32_t>(m_schools.size()));
    if (added) m_schools.push_back(uai);
    return it->second;
}

void mapper::ensure_group(const std::string& school, std::string_view code, bool is_class, std::string_view label, const request& r) {
    auto& seen = is_class ? m_classes : m_groups;
    m_key.assign(school).append(1, '\x1f').append(code);
    if (code.empty() || !seen.insert(std::hash<std::string>{}(m_key)).second) return;
    if (is_class) {
        auto c = make<model::school_class>(r, std::string(code), school);
        c.code = code;
        c.label = label.empty() ? code : label;
        emit(std::move(c));
    } else {
        auto g = make<model::group>(r, std::string(code), school);
        g.code = code;
        g.label = label.empty() ? code : label;
        emit(std::move(g));
    }
}

std::optional<model::date> mapper::date_of(std::string_view text, std::string_view attribute, const request& r) {
    if (text.empty()) return std::nullopt;
    if (auto d = codes::date_ddmmyyyy(text)) return d;
    warn(r, "aaf.date", std::string(attribute) + " \"" + std::string(text) + "\" is not a dd/mm/yyyy date: left out");
    return std::nullopt;
}

void mapper::warn(const request& r, std::string code, std::string message) {
    m_diags.add(severity::warning, std::move(code), r.category + "/" + r.id, std::move(message), {m_file, r.line, 0});
}

} // namespace interop::aaf
