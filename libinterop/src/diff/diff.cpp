#include <interop/diff/diff.hpp>

namespace interop {

std::string_view to_string(change_op op) {
    switch (op) {
    case change_op::created: return "created";
    case change_op::updated: return "updated";
    case change_op::deleted: return "deleted";
    }
    return "?";
}

namespace {

template <class K> using index = std::map<std::pair<std::string, std::string>, const K*>;

template <class K> index<K> index_of(const std::vector<K>& records) {
    index<K> out;
    for (const K& r : records) out[{r.school, r.id}] = &r;
    return out;
}

template <class K> void diff_kind(const std::vector<K>& before, const std::vector<K>& after, diff_result& out) {
    const auto old_index = index_of(before);
    const auto new_index = index_of(after);
    auto record = [&](change_op op, const std::pair<std::string, std::string>& key) {
        out.changes.push_back({op, std::string(K::kind), key.first, key.second});
        auto& c = out.counts[std::string(K::kind)];
        (op == change_op::created ? c.created : op == change_op::updated ? c.updated : c.deleted)++;
    };
    for (const auto& [key, rec] : new_index) {
        auto it = old_index.find(key);
        if (it == old_index.end()) record(change_op::created, key);
        else if (!(*it->second == *rec)) record(change_op::updated, key); // == leaves provenance out
    }
    for (const auto& [key, rec] : old_index)
        if (!new_index.contains(key)) record(change_op::deleted, key);
}

} // namespace

diff_result diff(const model::dataset& before, const model::dataset& after) {
    diff_result out;
    model::for_each_kind([&]<class K>(std::type_identity<K>) { diff_kind(before.all<K>(), after.all<K>(), out); });
    return out;
}

} // namespace interop
