#include <interop/model/field_values.hpp>
#include <interop/roster/fidelity.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <type_traits>

namespace interop::roster {
namespace {

/** What finds a record again across formats: its school and id, or for a link what it joins (links' ids are each format's own). */
std::string key_of(const model::establishment& r) { return r.id; }
/** A kind of national nomenclature (subjects) by its id alone: a reader of a format of one school gives it that school. */
template <class K> std::string key_of(const K& r) {
    if constexpr (model::may_be_shared<K>) return r.id;
    else return r.school + "/" + r.id;
}
std::string key_of(const model::membership& r) {
    return r.school + "/" + r.person + "@" + std::string(model::to_string(r.group_kind)) + "/" + r.group;
}
std::string key_of(const model::guardian_link& r) { return r.school + "/" + r.student + "<" + r.guardian; }
std::string key_of(const model::teaching_assignment& r) {
    return r.school + "/" + r.staff + ">" + std::string(model::to_string(r.group_kind)) + "/" + r.group + ":" + r.subject.value_or("");
}

/**
 * The fields that held something and came back otherwise: every field but the id (a link's is
 * the format's own) and the extensions (the source format's own); of the external ids, those
 * lost (a reader may add its format's own). A field the source left empty cannot be lost: what
 * a reader fills it with (a subject's short label from its one name in FET) is its reading.
 */
template <class K> std::vector<std::string> changed_fields(const K& before, const K& after) {
    std::vector<std::string> out;
    const auto held = model::set_fields(before);
    for (const auto field : model::differing_fields(before, after)) {
        if (std::find(held.begin(), held.end(), field) == held.end()) continue;
        if (field == "id" || field == "extensions" || (field == "school" && before.school.empty())) continue;
        if (field == "external_ids" && std::all_of(before.external_ids.begin(), before.external_ids.end(), [&](const model::external_id& e) {
                return std::find(after.external_ids.begin(), after.external_ids.end(), e) != after.external_ids.end();
            }))
            continue;
        out.emplace_back(field);
    }
    return out;
}

/** The records declared lost whole, and the fields declared lost of the others: a part's code ends with its field (`loss.field.regime`, `loss.fet.code`). */
struct declared {
    std::set<std::string> whole;
    std::map<std::string, std::set<std::string>> fields;
    explicit declared(const io::loss_log& log) {
        for (const auto& r : log.reasons()) {
            if (r.whole) {
                whole.insert(r.records.begin(), r.records.end());
                continue;
            }
            const auto field = r.code.substr(r.code.rfind('.') + 1);
            for (const auto& record : r.records) fields[record].insert(field);
        }
    }
    bool covers(const std::string& record, const std::vector<std::string>& changed) const {
        const auto it = fields.find(record);
        return it != fields.end() && std::all_of(changed.begin(), changed.end(), [&](const std::string& f) { return it->second.contains(f); });
    }
};

void silent(fidelity& f, const std::string& way, const std::string& what) {
    ++f.silent;
    f.findings.push_back(way + ": " + what);
}

/** A school record a reader makes of the UAI its file names (`--school`, `UAJ`), when the records written were of that school. */
template <class K> bool implied(const model::dataset& before, const std::string& key) {
    if constexpr (std::is_same_v<K, model::establishment>) {
        bool any = false;
        model::for_each_kind([&]<class R>(std::type_identity<R>) {
            for (const auto& r : before.all<R>()) {
                if (any) return;
                any = r.school == key;
            }
        });
        return any;
    } else {
        return false;
    }
}

template <class K> void compare_kind(const model::dataset& before, const model::dataset& after, const declared& lost, fidelity& f) {
    std::multimap<std::string, const K*> back;
    for (const auto& r : after.all<K>()) back.emplace(key_of(r), &r);
    for (const auto& r : before.all<K>()) {
        const auto record = io::record_name(r);
        ++f.records;
        const auto it = back.find(key_of(r));
        const auto changed = it == back.end() ? std::vector<std::string>{} : changed_fields(r, *it->second);
        if (lost.whole.contains(record)) ++f.declared;
        else if (it == back.end()) silent(f, "lost", record);
        else if (changed.empty()) ++f.survived;
        else if (lost.covers(record, changed)) ++f.declared;
        else {
            std::string fields;
            for (const auto& c : changed) fields += (fields.empty() ? "" : ", ") + c;
            silent(f, "changed", record + " (" + fields + ")");
        }
        if (it != back.end()) back.erase(it);
    }
    for (const auto& [key, r] : back)
        if (!implied<K>(before, key)) silent(f, "invented", std::string(K::kind) + " " + key);
}

} // namespace

fidelity compare_records(const model::dataset& before, const model::dataset& after, const io::loss_log& losses) {
    const declared lost(losses);
    fidelity f;
    compare_kind<model::establishment>(before, after, lost, f);
    compare_kind<model::student>(before, after, lost, f);
    compare_kind<model::staff>(before, after, lost, f);
    compare_kind<model::guardian>(before, after, lost, f);
    compare_kind<model::school_class>(before, after, lost, f);
    compare_kind<model::group>(before, after, lost, f);
    compare_kind<model::subject>(before, after, lost, f);
    compare_kind<model::room>(before, after, lost, f);
    compare_kind<model::membership>(before, after, lost, f);
    compare_kind<model::guardian_link>(before, after, lost, f);
    compare_kind<model::teaching_assignment>(before, after, lost, f);
    return f;
}

} // namespace interop::roster
