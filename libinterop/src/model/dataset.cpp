#include <interop/model/dataset.hpp>

namespace interop::model {

std::size_t dataset::size() const {
    std::size_t n = 0;
    for_each_kind([&]<class K>(std::type_identity<K>) { n += all<K>().size(); });
    return n;
}

std::vector<std::string_view> kind_names() {
    std::vector<std::string_view> names;
    for_each_kind([&]<class K>(std::type_identity<K>) { names.push_back(K::kind); });
    return names;
}

} // namespace interop::model
