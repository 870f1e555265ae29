#pragma once
// What the fuzz targets read into: records are dropped, only the reading is under test.

#include <interop/io/sink.hpp>

struct null_sink : interop::io::record_sink {
    void on_record(interop::model::any_record&&) override {}
};
