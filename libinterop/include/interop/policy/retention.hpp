#pragma once
/**
 * @file How long discipline records are kept (Code de l'éducation, art. R511-13): a warning, a
 * reprimand (blâme) and an accountability measure are erased at the end of the school year;
 * other sanctions, permanent exclusion aside, a year after they were given; every one at the
 * end of secondary schooling. Punishments (detention, extra work) never reach the pupil's
 * administrative file and are kept to the end of the school year too.
 */

#include <interop/model/dataset.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace interop::policy {

/** What the erase-after dates depend on beyond the sanction itself. */
struct retention_context {
    /** School years of the dataset; a date outside them ends its year on 31 August. */
    std::vector<model::academic_year> years;
    /** Last day of secondary schooling, by student id, when known. */
    std::map<std::string, model::date> end_of_secondary;
};

/** Last day of the school year of `school` (or shared by every school) holding `day`. */
model::date end_of_school_year(model::date day, const std::vector<model::academic_year>& years, const std::string& school = {});

/** The date after which `s` must be erased; nullopt for a permanent exclusion with no known end of schooling. */
std::optional<model::date> erase_after(const model::sanction& s, const retention_context& context);

/** Sets `erase_after` on every sanction of `data` (the dataset's school years are used). */
void set_erase_after(model::dataset& data, std::map<std::string, model::date> end_of_secondary = {});

/** The sanctions whose erase-after date is before `today`, in dataset order. */
std::vector<const model::sanction*> due_for_erasure(const model::dataset& data, model::date today);

} // namespace interop::policy
