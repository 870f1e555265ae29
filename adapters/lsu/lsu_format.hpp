#pragma once
// LSU (Livret Scolaire Unique) import XML, `lsun-bilans` (namespace
// urn:fr:edu:scolarite:lsun:bilans:import, schema 2.0, valid against the ministry's
// import-bilan-complet.xsd): the periodic report cards a school sends to the national
// application. Report cards written from the model; read back, with the pupils, teachers,
// subjects, periods and classes they name.

#include <interop/adapter/registry.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace interop::lsu {

inline constexpr const char* format_name = "lsu";
inline constexpr std::string_view lsu_ns = "urn:fr:edu:scolarite:lsun:bilans:import";

std::unique_ptr<reader> make_reader(const read_options& opt);
std::unique_ptr<io::record_sink> make_writer(const std::filesystem::path& out, const io::write_options& opt);

/** An average as LSU writes it (`12.5/20`, `9/20`, `10`, `14,5`), brought to 20; nullopt when not a mark. */
std::optional<double> parse_average(std::string_view text);
/** An average out of 20 as LSU reads it: `12.5/20`, at most two decimals. */
std::string average_text(double value);

/** An xs:ID made of `prefix` and `id`: characters outside [A-Za-z0-9._-] become `_`. */
std::string xml_id(std::string_view prefix, std::string_view id);

/** The eight domains of the socle commun, in the order LSU lists them. */
inline constexpr std::string_view socle_domains[] = {"CPD_FRA", "CPD_ETR", "CPD_SCI", "CPD_ART", "MET_APP", "FRM_CIT", "SYS_NAT", "REP_MND"};
/** Codes LSU accepts: educational paths (parcours) and support plans (modalités d'accompagnement). */
inline constexpr std::string_view path_codes[] = {"PAR_AVN", "PAR_CIT", "PAR_ART", "PAR_SAN"};
inline constexpr std::string_view support_codes[] = {"PAP", "PPS", "UPE2A", "SEGPA", "ULIS", "PAI", "PPRE", "CTR"};

/** Extension keys that carry what the model has no field for, read and written back. */
inline constexpr std::string_view ext_path = "lsu:parcours:";      ///< + code → the pupil's path text
inline constexpr std::string_view ext_support = "lsu:modalite:";   ///< + code → complement text, may be empty
inline constexpr std::string_view ext_homework_help = "lsu:devoirs-faits";
inline constexpr std::string_view ext_lock = "lsu:date-verrou";
inline constexpr std::string_view ext_schooling = "lsu:date-scolarite";

} // namespace interop::lsu
