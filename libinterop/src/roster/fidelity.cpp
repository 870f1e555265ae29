#include <interop/roster/fidelity.hpp>

#include <map>
#include <type_traits>
#include <set>

namespace interop::roster {
namespace {

/** What a record is across formats (ids of links are the formats' own): a key, and what names it. */
struct truth {
    std::string record; ///< `kind/id`, as losses name it
    std::string key;    ///< what finds it again
    std::string names;  ///< what must come back the same
};

std::string of(const std::optional<model::date>& d) { return d ? model::to_string(*d) : ""; }

truth truth_of(const model::establishment& r) { return {io::record_name(r), r.id, r.uai + "|" + r.name}; }
truth truth_of(const model::student& r) {
    return {io::record_name(r), r.school + "/" + r.id, r.last_name + "|" + r.first_name + "|" + of(r.birth_date) + "|" + r.ine.value_or("")};
}
truth truth_of(const model::staff& r) { return {io::record_name(r), r.school + "/" + r.id, r.last_name + "|" + r.first_name}; }
truth truth_of(const model::guardian& r) { return {io::record_name(r), r.school + "/" + r.id, r.last_name + "|" + r.first_name}; }
truth truth_of(const model::school_class& r) { return {io::record_name(r), r.school + "/" + r.id, r.code}; }
truth truth_of(const model::group& r) { return {io::record_name(r), r.school + "/" + r.id, r.code}; }
truth truth_of(const model::membership& r) {
    return {io::record_name(r), r.school + "/" + r.person + "@" + std::string(model::to_string(r.group_kind)) + "/" + r.group, ""};
}
truth truth_of(const model::guardian_link& r) { return {io::record_name(r), r.school + "/" + r.student + "<" + r.guardian, ""}; }
truth truth_of(const model::teaching_assignment& r) {
    return {io::record_name(r),
            r.school + "/" + r.staff + ">" + std::string(model::to_string(r.group_kind)) + "/" + r.group + ":" + r.subject.value_or(""), ""};
}

/** The records declared lost, whole or in part (a part lost lets the record come back changed). */
struct declared {
    std::set<std::string> whole, part;
    explicit declared(const io::loss_log& log) {
        for (const auto& r : log.reasons()) (r.whole ? whole : part).insert(r.records.begin(), r.records.end());
    }
};

void silent(fidelity& f, std::set<std::string>& shown, const std::string& way, std::string_view kind, const std::string& what) {
    ++f.silent;
    if (f.examples.size() < 8 && shown.insert(way + std::string(kind)).second) f.examples.push_back(way + ": " + what);
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

template <class K> void compare_kind(const model::dataset& before, const model::dataset& after, const declared& lost, fidelity& f,
                                     std::set<std::string>& shown) {
    std::multimap<std::string, std::string> back; // key → names
    for (const auto& r : after.all<K>()) {
        auto t = truth_of(r);
        back.emplace(std::move(t.key), std::move(t.names));
    }
    for (const auto& r : before.all<K>()) {
        const auto t = truth_of(r);
        ++f.records;
        const auto it = back.find(t.key);
        if (lost.whole.contains(t.record)) ++f.declared;
        else if (it == back.end()) silent(f, shown, "lost", K::kind, t.record);
        else if (it->second == t.names) ++f.survived;
        else if (lost.part.contains(t.record)) ++f.declared;
        else silent(f, shown, "changed", K::kind, t.record + " (" + t.names + " → " + it->second + ")");
        if (it != back.end()) back.erase(it);
    }
    for (const auto& [key, names] : back)
        if (!implied<K>(before, key)) silent(f, shown, "invented", K::kind, std::string(K::kind) + " " + key);
}

} // namespace

fidelity compare_records(const model::dataset& before, const model::dataset& after, const io::loss_log& losses) {
    const declared lost(losses);
    fidelity f;
    std::set<std::string> shown;
    compare_kind<model::establishment>(before, after, lost, f, shown);
    compare_kind<model::student>(before, after, lost, f, shown);
    compare_kind<model::staff>(before, after, lost, f, shown);
    compare_kind<model::guardian>(before, after, lost, f, shown);
    compare_kind<model::school_class>(before, after, lost, f, shown);
    compare_kind<model::group>(before, after, lost, f, shown);
    compare_kind<model::membership>(before, after, lost, f, shown);
    compare_kind<model::guardian_link>(before, after, lost, f, shown);
    compare_kind<model::teaching_assignment>(before, after, lost, f, shown);
    return f;
}

} // namespace interop::roster
