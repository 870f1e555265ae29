#include <doctest/doctest.h>

#include "reading.hpp"
#include "support.hpp"

#include <interop/adapters.hpp>
#include <interop/json/canonical.hpp>

#include <algorithm>

using namespace interop;
namespace fs = std::filesystem;

namespace {

const fs::path onde_data = test::corpus_dir("onde");

model::dataset read_onde(const fs::path& path, diagnostics& diags) { return test::read_as("onde", io::input::open(path), diags); }
using test::find;

} // namespace

TEST_CASE("ONDE extractions read whole (their golden dataset is the corpus's); people keyed by name") {
    diagnostics diags;
    const auto ds = read_onde(onde_data / "y_0611234K", diags);
    CHECK(diags.count(severity::error) == 0);
    const auto& zoe = find<model::student>(ds, "MARTIN.Zoé.2018-03-02"); // ISO-8859-1
    CHECK(zoe.school == "0611234K");                                   // the UAI in the folder name
    CHECK(zoe.level == "CP");
    CHECK(zoe.extensions.at("onde:Cycle") == "CYCLE II");
    const auto& noe = find<model::student>(ds, "DUPONT.Noé.2017-05-11"); // dd/mm/yyyy too
    CHECK(noe.last_name == "DUPONT-ROUX");
    CHECK(noe.birth_last_name == "DUPONT");
    CHECK(find<model::staff>(ds, "LEGRAND.Hélène").functions == std::vector<std::string>{"ENS", "DIR"});
    CHECK(find<model::membership>(ds, "LEGRAND.Hélène@CP-A").role == model::membership_role::teacher);
    // Two pupils named alike are told apart by birth date; the guardian finds each by class.
    CHECK(find<model::guardian_link>(ds, "MARTIN.Zoé.2016-01-09/MARTIN.Inès").guardian == "MARTIN.Inès");
    CHECK(find<model::guardian_link>(ds, "DUPONT.Noé.2017-05-11/DUPONT.Luc").student == "DUPONT.Noé.2017-05-11");
    const auto unmatched = std::count_if(diags.items().begin(), diags.items().end(), [](const diagnostic& d) { return d.code == "onde.child"; });
    CHECK(unmatched == 1); // INCONNU Léo (CM2) is not a pupil
    const auto& luc = find<model::guardian>(ds, "DUPONT.Luc");
    CHECK(luc.contacts == std::vector<model::contact>{{model::contact_kind::home_phone, "0493000000"}, {model::contact_kind::work_phone, "0493111111"}});
    CHECK(luc.extensions.at("onde:Numéro de poste") == "12");
}
