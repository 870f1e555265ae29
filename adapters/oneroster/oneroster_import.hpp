#pragma once
// A OneRoster package as model records (the mapping is in this folder's README).

#include "oneroster_package.hpp"

#include <interop/io/sink.hpp>

namespace interop::oneroster {

/** Pushes the package's records into `sink` (metadata first), then ends it. */
void read_records(const package& p, const read_options& opt, io::record_sink& sink, diagnostics& diags);

} // namespace interop::oneroster
