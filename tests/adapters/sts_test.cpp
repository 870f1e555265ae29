#include <doctest/doctest.h>

#include "reading.hpp"
#include "support.hpp"
#include "zip_support.hpp"

#include <interop/adapters.hpp>
#include <interop/json/canonical.hpp>

#include <algorithm>

using namespace interop;
namespace fs = std::filesystem;

namespace {

const fs::path sts_data = test::corpus_dir("sts");

model::dataset read_sts(const io::input& in) {
    diagnostics diags;
    auto ds = test::read_as("sts", in, diags);
    CHECK(diags.count(severity::error) == 0);
    return ds;
}
using test::find;

} // namespace

TEST_CASE("an sts_emp file reads whole (its golden dataset is the corpus's), zipped or not") {
    const auto ds = read_sts(io::input::open(sts_data / "y_sts_emp_0130001F_2025.xml"));
    test::temp_dir tmp("sts");
    test::write_zip(tmp.path() / "sts_emp_0130001F_2025.zip", {{"sts_emp_0130001F_2025.xml", test::read_file(sts_data / "y_sts_emp_0130001F_2025.xml")}});
    CHECK(read_sts(io::input::open(tmp.path() / "sts_emp_0130001F_2025.zip")) == ds);
}

TEST_CASE("staff, services and principal teachers") {
    const auto ds = read_sts(io::input::open(sts_data / "y_sts_emp_0130001F_2025.xml"));
    const auto& claire = find<model::staff>(ds, "14021");
    CHECK(claire.school == "0130001F");
    CHECK(model::to_string(*claire.birth_date) == "1980-03-12");
    CHECK(claire.functions == std::vector<std::string>{"ENS"});
    CHECK(claire.disciplines == std::vector<std::string>{"L0202"});
    CHECK(claire.extensions.at("sts:GRADE") == "CERTIFIE");
    const auto& principal = find<model::membership>(ds, "14021@3B");
    CHECK(principal.role == model::membership_role::principal_teacher);
    CHECK(model::to_string(*principal.end) == "2026-07-04");
    CHECK(find<model::membership>(ds, "14021@6A").role == model::membership_role::teacher);
    const auto& latin = find<model::teaching_assignment>(ds, "14021/LATIN/020700");
    CHECK(latin.group_kind == model::audience_kind::group);
    CHECK(latin.mode == "CG");
    CHECK(find<model::subject>(ds, "020100").extensions.at("sts:LIBELLE_EDITION") == "Français"); // ISO-8859-1
    CHECK(find<model::school_class>(ds, "6A").mefs == std::vector<std::string>{"10010012110"});
    CHECK(find<model::group>(ds, "LATIN").classes == std::vector<std::string>{"3B"});
}

TEST_CASE("an sts_emp without its school, or with another root, is refused") {
    registry r;
    register_all_adapters(r);
    auto refused = [&](const std::string& text) {
        model::dataset ds;
        io::dataset_sink sink(ds);
        diagnostics diags;
        try {
            r.get("sts").make_reader({})->read(io::input::from_memory("sts_emp.xml", text), sink, diags);
        } catch (const parse_error& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    CHECK(refused("<STS_EDT>\n<PARAMETRES><ANNEE_SCOLAIRE ANNEE=\"2025\"/></PARAMETRES>\n</STS_EDT>").find("sts_emp.xml:2: sts: PARAMETRES without UAJ") == 0);
    CHECK(refused("<STS_EDT>\n<NOMENCLATURES><MATIERES><MATIERE CODE=\"1\"/></MATIERES></NOMENCLATURES></STS_EDT>").find("before PARAMETRES/UAJ") != std::string::npos);
    CHECK(refused("<EDT_STS/>").find("no STS-Web sts_emp file") != std::string::npos);
}
