#pragma once
/** @file A school's stored records as a dataset again, for writers (exports, calendar feeds). */

#include "store/store.hpp"

#include <interop/adapter/registry.hpp>
#include <interop/model/dataset.hpp>

#include <filesystem>
#include <functional>

namespace hubd {

/**
 * Every record of `school` of the given kinds; `present` may rewrite each record's JSON first
 * (a client's field profile) and returns it. Counts what it loaded in `count`.
 */
interop::model::dataset load_school(store& s, const std::string& school, const std::vector<std::string>& kinds,
                                    const std::function<std::string(const stored_record&)>& present = {});

/**
 * Writes a dataset through an adapter's writer under `dir`, named `<name>.<extension>`; a
 * writer that makes a folder (Untis, whole-school calendars) gets it zipped. Returns the file;
 * what the format could not carry is in `losses`.
 * @throws interop::error from the writer, std::runtime_error when the zip cannot be written
 */
std::filesystem::path write_export(const interop::adapter_info& format, const interop::model::dataset& ds,
                                   const std::filesystem::path& dir, const std::string& name, interop::io::loss_log& losses);

/** Zips a folder's files (paths relative to it) into `zip`. @throws std::runtime_error */
void zip_folder(const std::filesystem::path& folder, const std::filesystem::path& zip);

} // namespace hubd
