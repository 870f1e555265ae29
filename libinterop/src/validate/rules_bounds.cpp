// Numbers within the bounds the model declares for them (weekdays, levels, durations).

#include "../model/field_rules.hpp"
#include "rules.hpp"

namespace interop::detail {

void check_bounds(const model::dataset& ds, diagnostics& d) {
    model::for_each_kind([&]<class K>(std::type_identity<K>) {
        for (const K& r : ds.all<K>())
            if (auto problem = model::detail::out_of_bounds(r)) report(d, severity::error, "value.out-of-bounds", r, *problem);
    });
}

} // namespace interop::detail
