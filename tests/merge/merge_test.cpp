#include <doctest/doctest.h>

#include "support.hpp"

#include <interop/adapters.hpp>
#include <interop/merge/merge.hpp>

#include <algorithm>

using namespace interop;
namespace fs = std::filesystem;

namespace {

model::dataset read(const fs::path& path) {
    registry r;
    register_all_adapters(r);
    const auto in = io::input::open(path);
    model::dataset ds;
    io::dataset_sink sink(ds);
    diagnostics diags;
    r.identify(in).make_reader({})->read(in, sink, diags);
    return ds;
}

template <class K> const K* find(const model::dataset& ds, const std::string& id, const std::string& school = "0130001F") {
    const auto& all = ds.all<K>();
    const auto it = std::find_if(all.begin(), all.end(), [&](const K& r) { return r.id == id && r.school == school; });
    return it == all.end() ? nullptr : &*it;
}

std::size_t count(const diagnostics& d, std::string_view code) {
    return static_cast<std::size_t>(std::count_if(d.items().begin(), d.items().end(), [&](const diagnostic& x) { return x.code == code; }));
}


model::student pupil(std::string id, std::string last, std::string first, std::string birth, std::vector<model::external_id> ids = {}) {
    model::student s;
    s.id = std::move(id);
    s.school = "0130001F";
    s.last_name = std::move(last);
    s.first_name = std::move(first);
    s.birth_date = model::parse_date(birth);
    s.external_ids = std::move(ids);
    return s;
}

} // namespace

TEST_CASE("AAF, SIECLE and STS-Web of one school become one identity per person") {
    diagnostics diags;
    const auto result = merge({read(test::corpus_dir("aaf") / "y_complet"), read(test::corpus_dir("siecle") / "y_set"), read(test::corpus_dir("sts") / "y_sts_emp_0130001F_2025.xml")}, diags);
    const auto& ds = result.dataset;

    SUBCASE("pupils linked by INE carry every identifier; a pupil only SIECLE knows is added") {
        const auto* lea = find<model::student>(ds, "9001");
        REQUIRE(lea);
        CHECK(lea->external_ids == std::vector<model::external_id>{{"aaf", "9001"}, {"siecle", "1001"}, {"elenoet", "4501"}});
        CHECK(lea->entry_date == model::parse_date("2025-09-01")); // filled from SIECLE
        CHECK(lea->sex == "F");
        CHECK_FALSE(find<model::student>(ds, "1001"));
        CHECK(find<model::student>(ds, "1003")); // Chloé, not in AAF
        CHECK(ds.all<model::student>().size() == 4);  // 3 from AAF (one in another school) + Chloé
    }
    SUBCASE("references follow: links and memberships are not doubled") {
        CHECK(find<model::guardian_link>(ds, "9001/7001"));
        CHECK_FALSE(find<model::guardian_link>(ds, "1001/2001"));
        CHECK(std::count_if(ds.all<model::membership>().begin(), ds.all<model::membership>().end(),
                            [](const model::membership& m) { return m.person == "9001" && m.group == "6A"; }) == 1);
        const auto* chloe_link = find<model::guardian_link>(ds, "1003/2003");
        REQUIRE(chloe_link);
        CHECK(chloe_link->guardian == "7003"); // Anne ROBERT is AAF's 7003
    }
    SUBCASE("each link says how it was made, with its confidence") {
        auto link_of = [&](const std::string& kind, const std::string& source_id) {
            return std::find_if(result.links.begin(), result.links.end(), [&](const identity_link& l) { return l.kind == kind && l.source_id == source_id; });
        };
        REQUIRE(link_of("student", "1001") != result.links.end());
        CHECK(link_of("student", "1001")->method == "INE");
        CHECK(link_of("guardian", "2001")->confidence == link_confidence::medium);
        CHECK(link_of("staff", "14021")->id == "5001");
        CHECK(link_of("staff", "14021")->confidence == link_confidence::low);
        CHECK(find<model::staff>(ds, "5001")->external_ids == std::vector<model::external_id>{{"aaf", "5001"}, {"sts", "14021"}});
        CHECK(find<model::teaching_assignment>(ds, "14021/LATIN/020700") == nullptr); // the same service as AAF's 5001/LATIN/020700
        CHECK(count(diags, "merge.linked") == 7);
    }
    SUBCASE("conflicting values are reported, the primary's kept") {
        CHECK(find<model::subject>(ds, "020700", "")->long_label == "LATIN");
        const auto it = std::find_if(diags.items().begin(), diags.items().end(), [](const diagnostic& d) { return d.code == "merge.conflict"; });
        REQUIRE(it != diags.items().end());
        CHECK(it->message == "long_label: \"LATIN\" kept, source 3 says \"LANGUES ET CULTURES DE L'ANTIQUITE LATIN\"");
        CHECK(it->record == "subject/020700");
    }
}

TEST_CASE("doubtful matches are not made") {
    model::dataset a, b;
    a.all<model::student>() = {pupil("1", "MARTIN", "Zoé", "2014-01-01", {{"siecle", "77"}}), pupil("2", "PETIT", "Léo", "2014-02-02"),
                               pupil("3", "PETIT", "Léo", "2014-02-02")};
    b.all<model::student>() = {pupil("x", "MARTIN", "Chloé", "2014-01-01", {{"siecle", "77"}}), pupil("y", "Petit", "Leo", "2014-02-02"),
                               pupil("z", "MARTÍN", "zoé", "2014-01-01")};
    diagnostics diags;
    const auto result = merge({a, b}, diags);
    CHECK(count(diags, "merge.id-conflict") == 1);  // same SIECLE id, another first name
    CHECK(count(diags, "merge.ambiguous") == 1);    // two Léo PETIT born the same day
    CHECK(result.dataset.all<model::student>().size() == 5); // x and y added, z linked to 1 by names and birth date
    REQUIRE(result.links.size() == 1);
    CHECK(result.links[0].id == "1");
    CHECK(result.links[0].source_id == "z");
}

TEST_CASE("interop merge writes the merged dataset and summarises the links") {
    test::temp_dir tmp("cli-merge");
    const auto r = test::run_cli("merge " + (test::corpus_dir("aaf") / "y_complet").string() + " " + (test::corpus_dir("siecle") / "y_set").string() + " " +
                                     (tmp.path() / "merged.json").string(),
                                 tmp.path());
    CHECK(r.code == 0);
    CHECK(r.err.find("merged 2 inputs: ") != std::string::npos);
    CHECK(r.err.find("5 people linked (2 high, 3 medium, 0 low confidence)") != std::string::npos);
    const auto merged = read(tmp.path() / "merged.json");
    CHECK(merged.all<model::student>().size() == 4);
    CHECK(merged.metadata.source == "merge of aaf + siecle");
    CHECK(test::run_cli("merge " + (test::corpus_dir("aaf") / "y_complet").string() + " out.json", tmp.path()).code == 2);
}
