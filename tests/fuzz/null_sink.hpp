#pragma once
// What the fuzz targets read into and with: records are dropped, only the reading is under
// test; the adapters registered once.

#include <interop/io/sink.hpp>

struct null_sink : interop::io::record_sink {
    void on_record(interop::model::any_record&&) override {}
};

#include <interop/adapters.hpp>

/** Every adapter, registered once per fuzzing process. */
inline const interop::registry& all_adapters() {
    static const interop::registry r = [] {
        interop::registry out;
        interop::register_all_adapters(out);
        return out;
    }();
    return r;
}
