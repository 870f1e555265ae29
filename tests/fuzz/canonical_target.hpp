#pragma once
// The body of the canonical readers' fuzz targets: read, then write back what was read. Any
// input must end in records or a typed error; a crash, leak, hang or sanitizer report is a bug.

#include <interop/errors.hpp>
#include <interop/json/canonical.hpp>

#include <sstream>

template <class Read> int fuzz_canonical(const std::uint8_t* data, std::size_t size, Read read, const char* file) {
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    interop::model::dataset ds;
    interop::io::dataset_sink sink(ds);
    interop::diagnostics diags;
    try {
        read(in, file, sink, diags, interop::json::limits{});
        (void)interop::json::to_document(ds);
    } catch (const interop::error&) {
    }
    return 0;
}
