#pragma once
/** @file One input read through an adapter, with what the reader did to its sink (the sink protocol the contract checks). */

#include <interop/adapter/registry.hpp>
#include <interop/io/sink.hpp>

#include <filesystem>
#include <optional>
#include <set>
#include <string>

namespace conformance {

/**
 * What a reader did to its sink: metadata once before any record, records, one end, nothing
 * after it, and no record sent twice (a consumer keyed by kind, school and id would count one).
 */
struct sink_log {
    std::size_t metadata = 0, records = 0, ends = 0;
    bool metadata_after_record = false, record_after_end = false;
    std::set<std::string> keys;    ///< `kind/school/id` of each record sent
    std::string first_repeated;    ///< the first key sent twice
    /** Empty when the protocol was kept. */
    std::string broken() const;
};

struct reading {
    interop::model::dataset dataset;
    interop::diagnostics diags;
    sink_log log;
    /** The parse error, when the reader refused the input. */
    std::optional<interop::parse_error> refused;
};

/** Reads `path` with `adapter`. Only parse errors are caught (as `refused`); anything else propagates. */
reading read_with(const interop::adapter_info& adapter, const std::filesystem::path& path, const interop::read_options& opt);

/** Reads an input held in memory, likewise. */
reading read_with(const interop::adapter_info& adapter, const interop::io::input& in, const interop::read_options& opt);

/** What differs between two datasets, one line per record (`changed student/S1: birth_date`), every record. */
std::vector<std::string> describe_differences(const interop::model::dataset& expected, const interop::model::dataset& actual);

} // namespace conformance
