#pragma once
// The files of an AAF delivery: which type each holds, Complet or Delta, in which order to
// read them.

#include <interop/io/input.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace interop::aaf {

/** File types, in the order a delivery is read: structures first, pupils before guardians. */
enum class file_type { structure, subject, mef, staff, student, guardian };
inline constexpr std::size_t file_type_count = 6;

/** `EtabEducNat`, `MatiereEducNat`, … as in file names. */
std::string_view file_type_name(file_type t);
/** From the operational attribute's value (`Eleve`, `MatEducNat`, `EtabEducNat`, …). */
std::optional<file_type> type_of_category(std::string_view category);

struct delivery_file {
    const io::input::entry* entry = nullptr;
    file_type type = file_type::student;
    bool delta = false;
    std::string date;     ///< yyyymmdd from the name, empty when it has none
    std::string sequence; ///< `0000`, `0001`, …
};

/** Whether the head of a file looks like an AAF file. */
bool looks_like_aaf(std::string_view head);

/**
 * The AAF files of an input, in reading order: by type, Complet before Delta, then by date
 * and sequence. The type comes from the file name (`…_Complet_20250612_Eleve_0000.xml`) or,
 * failing that, from the first request's category. Other files (the DTD, a README) are left
 * out and named in `skipped`.
 * @throws parse_error when a file is empty, or named like an AAF file (`ENT_…_Eleve_0000.xml`)
 *         but not AAF: reading the rest would take its records as gone.
 */
std::vector<delivery_file> plan_delivery(const io::input& in, std::vector<std::string>& skipped);

} // namespace interop::aaf
