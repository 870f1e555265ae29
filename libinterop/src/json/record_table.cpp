#include "record_table.hpp"

#include <utility>

namespace interop::json::detail {
namespace {

template <class K> model::any_record parse_kind(const rapidjson::Value& v, std::vector<std::string>& unknown) {
    K rec;
    unknown = read_fields(v, rec, "", {"kind", "provenance"});
    if (auto it = v.FindMember("provenance"); it != v.MemberEnd()) read_value(it->value, rec.provenance, "provenance");
    return rec;
}

struct entry {
    std::string_view kind;
    std::string_view collection;
    record_parser parse;
};

const std::vector<entry>& table() {
    static const std::vector<entry> entries = [] {
        std::vector<entry> out;
        model::for_each_kind([&]<class K>(std::type_identity<K>) { out.push_back({K::kind, K::collection, &parse_kind<K>}); });
        return out;
    }();
    return entries;
}

} // namespace

record_parser parser_for_kind(std::string_view kind) {
    for (const auto& e : table())
        if (e.kind == kind) return e.parse;
    return nullptr;
}

record_parser parser_for_collection(std::string_view collection) {
    for (const auto& e : table())
        if (e.collection == collection) return e.parse;
    return nullptr;
}

std::string record_label(const model::any_record& r) {
    return std::visit([]<class K>(const K& rec) { return std::string(K::kind) + "/" + rec.id; }, r);
}

} // namespace interop::json::detail
