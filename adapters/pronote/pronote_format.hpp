#pragma once
// Pronote's accueilENT XML (Index Education's published XSDs, namespace
// http://www.index-education.com/accueilENT): what an ENT's Pronote widget shows a pupil
// (`Eleve`), a parent (`Parent`, one `Eleve` per child) or a teacher (`Professeur`): the
// latest grades, competency evaluations, the class log and homework, school life. Read from
// any of the three; written as pupil views (one file per pupil, valid against eleve.xsd) and
// parent views (one file per legal guardian, valid against parent.xsd).

#include <interop/adapter/registry.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace interop::pronote {

inline constexpr const char* format_name = "pronote-ent";
inline constexpr std::string_view accueil_ns = "http://www.index-education.com/accueilENT";
/** The pupil view holds at most this many grades and evaluations (maxOccurs in eleve.xsd). */
inline constexpr std::size_t max_listed = 5;

std::unique_ptr<reader> make_reader(const read_options& opt);
std::unique_ptr<io::record_sink> make_writer(const std::filesystem::path& out, const io::write_options& opt);

/** Dates as Pronote writes them: `2026-09-14`, `2026-09-14T08:00:00`, `…T00:00:00.000+0000`. */
std::optional<model::date_time> parse_time(std::string_view text);
std::optional<model::date> parse_day(std::string_view text);

/** `Note`: a mark (`14`, `16,5`) or why there is none (`Abs`, `Disp`, `N.Not`, `N.Rdu`). */
struct mark {
    model::grade_status status = model::grade_status::graded;
    std::optional<double> value;
};
std::optional<mark> parse_mark(std::string_view text);
std::string mark_text(const model::grade_result& r);

/** Punishment and sanction natures as Pronote labels them, both ways. */
model::sanction_kind sanction_kind_of(std::string_view nature);
std::string_view nature_label(model::sanction_kind k);
/** Punishments (`Punition`) as opposed to sanctions (`Sanction`). */
bool is_punishment(model::sanction_kind k);

/** `NiveauDAcquisition`: label → level 1-4 (nullopt for Absent and Non évalué); level → label and genre. */
std::optional<int> level_of(std::string_view label);
std::string_view level_label(int level);
int level_genre(std::string_view label);

} // namespace interop::pronote
