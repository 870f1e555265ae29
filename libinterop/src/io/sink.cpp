#include <interop/io/sink.hpp>

namespace interop::io {

void replay(const model::dataset& ds, record_sink& sink) {
    sink.on_metadata(ds.metadata);
    model::for_each_kind([&]<class K>(std::type_identity<K>) {
        for (const K& r : ds.all<K>()) sink.on_record(model::any_record{r});
    });
    sink.on_end();
}

} // namespace interop::io
