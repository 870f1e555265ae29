#pragma once
/** @file Small helpers shared by adapters. */

#include <interop/adapter/registry.hpp>
#include <interop/json/canonical.hpp>

#include <string_view>

namespace interop::adapter_support {

/** The one file of a single-file format. @throws parse_error when the input holds several or none. */
const io::input::entry& only_entry(const io::input& in, std::string_view format);

/** The JSON readers' bounds, from the options every reader honours. */
json::limits json_limits(const read_options& opt);

/** `text` without a leading UTF-8 byte order mark and white space. */
std::string_view skip_bom_and_space(std::string_view text);

/** Opens `out` and commits it once the wrapped writer has finished. */
std::unique_ptr<io::record_sink> committing_writer(const std::filesystem::path& out,
                                                   std::function<std::unique_ptr<io::record_sink>(std::ostream&)> make);

} // namespace interop::adapter_support
