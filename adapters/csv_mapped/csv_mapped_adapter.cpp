// Generic CSV with a declared mapping: read and written.

#include "csv_mapping.hpp"

#include <interop/adapters.hpp>

namespace interop {
namespace {

/** Yes for a folder or zip holding a `NAME.mapping.json`: a lone CSV names nothing, so it is read only when asked. */
confidence identify_package(const io::input& in) {
    for (const auto& e : in.entries())
        if (csv_mapped::is_mapping_name(e.name) && in.head(e, 4096).find("\"kind\"") != std::string::npos)
            return confidence::yes;
    return confidence::no;
}

} // namespace

void register_csv_mapped(registry& r) {
    r.add({.name = csv_mapped::format_name,
           .title = "CSV with a declared mapping (JSON: kind, column → field, separator, encoding, date formats)",
           .domains = {"school_life", "news", "people", "structure", "groups", "timetable", "messaging"},
           .extensions = {"csv"},
           .media_type = "text/csv",
           .identify = identify_package,
           .make_reader = csv_mapped::make_reader,
           .make_writer = csv_mapped::make_writer,
           .writes = every_kind()});
}

} // namespace interop
