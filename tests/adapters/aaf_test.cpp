#include <doctest/doctest.h>

#include "aaf_delivery.hpp"
#include "generator.hpp"
#include "reading.hpp"
#include "support.hpp"
#include "zip_support.hpp"

#include <interop/adapters.hpp>
#include <interop/json/canonical.hpp>
#include <interop/validate/validate.hpp>

#include <algorithm>

using namespace interop;
namespace fs = std::filesystem;

namespace {

const fs::path aaf_data = test::source_dir() / "tests/data/aaf";
const fs::path aaf_data_corpus = test::corpus_dir("aaf");

model::dataset read_aaf(const io::input& in, diagnostics& diags) { return test::read_as("aaf", in, diags); }
model::dataset read_aaf(const fs::path& path) { return test::read_as("aaf", path); }
using test::find;

/** The same records, metadata left aside. */
bool same_records(model::dataset a, model::dataset b) {
    a.metadata = b.metadata = {};
    return a == b;
}

/** A folder holding copies of the files of several fixture folders. */
fs::path folder_of(const test::temp_dir& tmp, const std::string& name, std::initializer_list<fs::path> parts) {
    const fs::path out = tmp.path() / name;
    fs::create_directories(out);
    for (const auto& part : parts)
        for (const auto& f : fs::directory_iterator(part)) fs::copy_file(f.path(), out / f.path().filename());
    return out;
}

std::string aaf_file(const std::string& requests, const std::string& encoding = "UTF-8") {
    return "<?xml version=\"1.0\" encoding=\"" + encoding + "\"?>\n<!DOCTYPE ficAlimMENESR SYSTEM \"ficAlimMENESR.dtd\">\n<ficAlimMENESR>\n" +
           requests + "</ficAlimMENESR>\n";
}

const std::string pupil =
    "<addRequest>\n<operationalAttributes><attr name=\"categoriePersonne\"><value>Eleve</value></attr></operationalAttributes>\n"
    "<identifier><id>1</id></identifier>\n<attributes>\n<attr name=\"sn\"><value>NOM</value></attr>\n"
    "<attr name=\"givenName\"><value>L\xE9\x61</value></attr>\n<attr name=\"ENTPersonDateNaissance\"><value>31/02/2010</value></attr>\n"
    "</attributes>\n</addRequest>\n";

} // namespace

TEST_CASE("a Complet delivery reads whole (its golden dataset is the corpus's)") {
    const auto ds = read_aaf(aaf_data_corpus / "y_complet");
    CHECK(ds.metadata.scope == model::scope::full);
    CHECK(ds.metadata.source == "aaf");
    CHECK(model::to_string(ds.metadata.generated_at->day) == "2025-09-01");
    CHECK(ds.metadata.extensions.at("aaf:versionAF") == "AAF-VE2407");
    CHECK(ds.metadata.extensions.at("aaf:codeAcademieExport") == "13");
}

TEST_CASE("packed attributes are decoded into the model") {
    const auto ds = read_aaf(aaf_data_corpus / "y_complet");
    SUBCASE("pupils, their classes and entry dates") {
        const auto& lea = find<model::student>(ds, "9001");
        CHECK(lea.school == "0130001F"); // ENTPersonStructRattach 100 → ENTStructureUAI
        CHECK(lea.first_name == "Léa");
        CHECK(lea.other_first_names == std::vector<std::string>{"Marie"});
        CHECK(model::to_string(*lea.birth_date) == "2014-02-14");
        CHECK(lea.regime == model::regime::demi_pensionnaire);
        CHECK(lea.mef == "10010012110");
        CHECK(lea.ine == "123456789AB");
        CHECK_FALSE(lea.birth_last_name);
        CHECK(find<model::student>(ds, "9002").birth_last_name == "LEROY");
        const auto& in_class = find<model::membership>(ds, "9001@6A");
        CHECK(in_class.group_kind == model::audience_kind::class_);
        CHECK(model::to_string(*in_class.start) == "2025-09-01");
        CHECK(find<model::membership>(ds, "9002@group:LATIN").group_kind == model::audience_kind::group);
        CHECK(find<model::school_class>(ds, "6A").label == "6EME A"); // from ENTStructureClasses code$label
    }
    SUBCASE("guardian links with legal responsibility and flags") {
        const auto& mother = find<model::guardian_link>(ds, "9001/7001");
        CHECK(mother.relationship == "mother");
        CHECK(mother.legal_rank == 1);
        CHECK(mother.financial);
        CHECK(mother.contact);
        CHECK(mother.extensions.at("aaf:paiement") == "1");
        const auto& father = find<model::guardian_link>(ds, "9001/7002");
        CHECK(father.legal_rank == 2);
        CHECK_FALSE(father.financial);
        CHECK(find<model::guardian_link>(ds, "9002/7003").relationship == "tutor");
    }
    SUBCASE("a guardian is in each school its pupils attend") {
        CHECK(find<model::guardian>(ds, "7001", "0130001F").accepts_sms);
        const auto& in_lycee = find<model::guardian>(ds, "7001", "0130002G");
        REQUIRE(in_lycee.contacts.size() == 4);
        CHECK(in_lycee.contacts.back().value == "12 rue de la République, Bâtiment B, 13001 MARSEILLE, FRANCE");
        CHECK(find<model::guardian>(ds, "7002").school == "0130001F");
    }
    SUBCASE("teachers: schools, functions, classes, groups and subjects") {
        const auto& in_college = find<model::staff>(ds, "5001", "0130001F");
        CHECK(in_college.functions == std::vector<std::string>{"ENS"});
        CHECK(in_college.disciplines == std::vector<std::string>{"L0202"});
        CHECK(find<model::staff>(ds, "5001", "0130002G").last_name == "DURAND");
        CHECK(find<model::membership>(ds, "5001@3B").role == model::membership_role::principal_teacher);
        CHECK(find<model::membership>(ds, "5001@6A").role == model::membership_role::teacher);
        const auto& latin = find<model::teaching_assignment>(ds, "5001/group:LATIN/020700");
        CHECK(latin.group_kind == model::audience_kind::group);
        CHECK(latin.subject == "020700");
        CHECK(find<model::teaching_assignment>(ds, "5001/2NDE1/020100").school == "0130002G");
    }
    SUBCASE("nomenclatures are shared by every school") {
        CHECK(find<model::subject>(ds, "061300").long_label == "MATHEMATIQUES");
        CHECK(find<model::subject>(ds, "061300").school.empty());
        CHECK(find<model::mef>(ds, "10310019110").stat11 == "11110010004");
    }
}

TEST_CASE("a Complet followed by its Delta gives the later Complet") {
    test::temp_dir tmp("aaf-delta");
    const auto applied = read_aaf(folder_of(tmp, "delivery", {aaf_data_corpus / "y_complet", aaf_data_corpus / "y_delta"}));
    const auto later = read_aaf(aaf_data / "complet-later");
    CHECK(same_records(applied, later));
    CHECK(applied.metadata.scope == model::scope::full);
    CHECK(model::to_string(applied.metadata.generated_at->day) == "2025-09-02");
    CHECK(applied.all<model::deletion>().empty());
    CHECK(find<model::student>(applied, "9001").last_name == "BERNARD-NOEL");

    SUBCASE("with a guardian index of two links a slice, the Deltas still apply in each pass") {
        read_options tight;
        tight.max_index_bytes = 24;
        registry r;
        register_all_adapters(r);
        model::dataset sliced;
        io::dataset_sink sink(sliced);
        diagnostics diags;
        r.get("aaf").make_reader(tight)->read(io::input::open(tmp.path() / "delivery"), sink, diags);
        auto sorted = [](std::vector<model::guardian> v) {
            std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return std::tie(a.school, a.id) < std::tie(b.school, b.id); });
            return v;
        };
        CHECK(sorted(sliced.all<model::guardian>()) == sorted(later.all<model::guardian>()));
        CHECK(sliced.all<model::guardian>().size() == 4); // 7001 in two schools, 7002, 7004; 7003 deleted
    }
    SUBCASE("the same delivery zipped") {
        std::vector<std::pair<std::string, std::string>> files;
        for (const auto& f : fs::directory_iterator(tmp.path() / "delivery"))
            files.emplace_back(f.path().filename().string(), test::read_file(f.path()));
        test::write_zip(tmp.path() / "delivery.zip", files);
        CHECK(same_records(read_aaf(tmp.path() / "delivery.zip"), later));
    }
    SUBCASE("an older Complet beside the latest is left out") {
        diagnostics diags;
        const auto ds = read_aaf(io::input::open(folder_of(tmp, "two-complets", {aaf_data_corpus / "y_complet", aaf_data / "complet-later"})), diags);
        CHECK(same_records(ds, later));
        CHECK(std::count_if(diags.items().begin(), diags.items().end(), [](const diagnostic& d) { return d.code == "aaf.superseded"; }) == 7);
    }
}

TEST_CASE("a Delta alone is a delta dataset: additions, partial changes, deletions") {
    const auto ds = read_aaf(aaf_data_corpus / "y_delta");
    CHECK(ds.metadata.scope == model::scope::delta);
    CHECK(find<model::student>(ds, "9004").first_name == "Inès");
    const auto& changed = find<model::student>(ds, "9001");
    CHECK(changed.last_name == "BERNARD-NOEL");
    CHECK(changed.extensions.at("aaf:modified") == "sn,ENTEleveGroupes");
    CHECK(find<model::membership>(ds, "9001@group:LATIN").extensions.at("aaf:modified") == "sn,ENTEleveGroupes");
    const auto& gone = find<model::deletion>(ds, "student/9002");
    CHECK(gone.target_kind == "student");
    CHECK(gone.target_id == "9002");
    CHECK(find<model::deletion>(ds, "guardian/7003").school.empty());
    // Without EtabEducNat the structure jointure stands for the school; the guardian follows its pupil.
    CHECK(find<model::student>(ds, "9004").school == "200");
    CHECK(find<model::guardian>(ds, "7004").school == "200");
}

TEST_CASE("ISO-8859-15 files are decoded as declared") {
    diagnostics diags;
    const auto ds = read_aaf(io::input::from_memory("ENT_Complet_20250901_Eleve_0000.xml", aaf_file(pupil, "ISO-8859-15")), diags);
    CHECK(find<model::student>(ds, "1").first_name == "Léa");
    SUBCASE("a date that does not exist is left out with a warning naming it") {
        CHECK_FALSE(find<model::student>(ds, "1").birth_date);
        const auto it = std::find_if(diags.items().begin(), diags.items().end(), [](const diagnostic& d) { return d.code == "aaf.date"; });
        REQUIRE(it != diags.items().end());
        CHECK(it->message.find("31/02/2010") != std::string::npos);
        CHECK(it->where.line == 4);
    }
}

TEST_CASE("malformed deliveries are refused with the file and line") {
    auto refused = [](const std::string& name, const std::string& content) {
        diagnostics diags;
        try {
            test::read_as("aaf", io::input::from_memory(name, content), diags, false);
        } catch (const parse_error& e) {
            return e.where().file + ":" + std::to_string(e.where().line) + ": " + e.what();
        }
        return std::string("accepted");
    };
    CHECK(refused("x.xml", "<other/>").find("no AAF file") != std::string::npos);
    const std::string no_id = "<addRequest>\n<operationalAttributes><attr name=\"categoriePersonne\"><value>Eleve</value></attr>"
                              "</operationalAttributes>\n<attributes><attr name=\"sn\"><value>X</value></attr></attributes>\n</addRequest>\n";
    const auto message = refused("ENT_Complet_20250901_Eleve_0000.xml", aaf_file(no_id));
    CHECK(message.starts_with("ENT_Complet_20250901_Eleve_0000.xml:4: "));
    CHECK(message.find("without an identifier") != std::string::npos);
    const std::string bad_op = "<modifyRequest>\n<operationalAttributes><attr name=\"categoriePersonne\"><value>Eleve</value></attr>"
                               "</operationalAttributes>\n<identifier><id>1</id></identifier>\n<modifications>\n"
                               "<modification name=\"sn\" operation=\"add\"><value>X</value></modification>\n</modifications>\n</modifyRequest>\n";
    CHECK(refused("ENT_Delta_20250901_Eleve_0000.xml", aaf_file(bad_op)).find("is not replace") != std::string::npos);
    CHECK(refused("ENT_Complet_20250901_Eleve_0000.xml", aaf_file(pupil).substr(0, 300)).find("ENT_Complet_20250901_Eleve_0000.xml:") == 0);
    CHECK(refused("ENT_Complet_20250901_Eleve_0000.xml", aaf_file("<foo/>\n")).find("is not an AAF request") != std::string::npos);
}

TEST_CASE("identify recognises AAF files and folders, and nothing else") {
    registry r;
    register_all_adapters(r);
    CHECK(r.identify(io::input::open(aaf_data_corpus / "y_complet")).name == "aaf");
    CHECK(r.get("aaf").identify(io::input::from_memory("a.json", "{\"interop_schema\":\"1.1\"}")) == confidence::no);
}

TEST_CASE("guardians are placed by exact id: 7 and 007 are two people") {
    test::temp_dir tmp("aaf-guardian-ids");
    auto request = [](const char* category, const std::string& id, const std::string& attrs) {
        return std::string("<addRequest>\n<operationalAttributes><attr name=\"categoriePersonne\"><value>") + category +
               "</value></attr></operationalAttributes>\n<identifier><id>" + id + "</id></identifier>\n<attributes>\n" + attrs +
               "</attributes>\n</addRequest>\n";
    };
    auto attr = [](const std::string& name, const std::string& value) { return "<attr name=\"" + name + "\"><value>" + value + "</value></attr>\n"; };
    test::write_file(tmp.path() / "X_Complet_20250901_Eleve_0000.xml",
                     aaf_file(request("Eleve", "1", attr("sn", "A") + attr("ENTPersonStructRattach", "S1") + attr("ENTElevePersRelEleve", "7$10$1$1$1$1")) +
                              request("Eleve", "2", attr("sn", "B") + attr("ENTPersonStructRattach", "S2") + attr("ENTElevePersRelEleve", "007$20$1$1$1$1")) +
                              request("Eleve", "3", attr("sn", "C") + attr("ENTPersonStructRattach", "S2") + attr("ENTElevePersRelEleve", "g-x$20$1$1$1$1"))));
    test::write_file(tmp.path() / "X_Complet_20250901_PersRelEleve_0000.xml",
                     aaf_file(request("PersRelEleve", "7", attr("sn", "SEPT")) + request("PersRelEleve", "007", attr("sn", "BOND")) +
                              request("PersRelEleve", "g-x", attr("sn", "X"))));
    diagnostics diags;
    const auto ds = read_aaf(io::input::open(tmp.path()), diags);
    REQUIRE(ds.all<model::guardian>().size() == 3);
    CHECK(find<model::guardian>(ds, "7").school == "S1");
    CHECK(find<model::guardian>(ds, "007").school == "S2");
    CHECK(find<model::guardian>(ds, "g-x").school == "S2");
}

namespace {

/** A sink that fails at the n-th record, as a full disk or a closed socket would. */
struct failing_sink : io::record_sink {
    std::size_t left;
    explicit failing_sink(std::size_t n) : left(n) {}
    void on_record(model::any_record&&) override {
        if (--left == 0) throw std::runtime_error("sink full");
    }
};

} // namespace

TEST_CASE("a generated academy delivery: parsing and mapping run on two threads, errors on either side stop both") {
    test::temp_dir tmp("aaf-generated");
    {
        auto writer = generator::make_aaf_delivery_writer(tmp.path() / "delivery", 500);
        generator::generate({.schools = 3, .seed = 11, .classes_per_level = 2}, *writer);
    }
    registry r;
    register_all_adapters(r);
    const auto in = io::input::open(tmp.path() / "delivery");
    diagnostics diags;
    const auto ds = read_aaf(in, diags);
    CHECK(diags.count(severity::error) == 0);
    CHECK(ds.all<model::establishment>().size() == 3);
    CHECK(ds.all<model::student>().size() > 600);
    CHECK(ds.all<model::guardian>().size() > 900);
    CHECK(ds.all<model::guardian_link>().size() >= ds.all<model::student>().size());

    SUBCASE("a small memory budget: the guardian index spills and the guardians' files are read once per slice") {
        read_options tight;
        tight.max_index_bytes = 4096; // about 340 links a slice
        model::dataset sliced;
        io::dataset_sink sink(sliced);
        diagnostics sliced_diags;
        r.get("aaf").make_reader(tight)->read(in, sink, sliced_diags);
        CHECK(sliced_diags.count(severity::error) == 0);
        auto by_school_and_id = [](std::vector<model::guardian> v) {
            std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return std::tie(a.school, a.id) < std::tie(b.school, b.id); });
            return v;
        };
        CHECK(by_school_and_id(sliced.all<model::guardian>()) == by_school_and_id(ds.all<model::guardian>()));
        sliced.all<model::guardian>() = ds.all<model::guardian>();
        CHECK(sliced == ds); // everything else is read once, in the same order
    }
    SUBCASE("the sink fails half way: the error comes through, the worker is joined") {
        failing_sink sink(1000);
        CHECK_THROWS_WITH(r.get("aaf").make_reader({})->read(in, sink, diags), "sink full");
    }
    SUBCASE("a file cut in the middle: records before it were delivered, then the parse error") {
        const auto eleve = tmp.path() / "delivery/ACADEMIE_Complet_20250901_Eleve_0000.xml";
        const std::string text = test::read_file(eleve);
        test::write_file(eleve, text.substr(0, text.size() / 2));
        model::dataset partial;
        io::dataset_sink sink(partial);
        CHECK_THROWS_WITH_AS(r.get("aaf").make_reader({})->read(io::input::open(tmp.path() / "delivery"), sink, diags),
                             doctest::Contains("ACADEMIE_Complet_20250901_Eleve_0000.xml:"), parse_error);
        CHECK(partial.all<model::student>().size() > 100);
    }
}

TEST_CASE("structures no EtabEducNat defines are references, not schools; a class and a group may share a code") {
    test::temp_dir tmp("aaf-references");
    const auto folder = folder_of(tmp, "delivery", {aaf_data_corpus / "y_complet"});
    const auto staff_file = folder / "ENT_Complet_20250901_PersEducNat_0000.xml";
    auto text = test::read_file(staff_file);
    // Teacher 5001's functions and subjects also name structure 999, which the delivery does not define.
    auto replace = [&](const std::string& from, const std::string& to) {
        const auto at = text.find(from);
        REQUIRE(at != std::string::npos);
        text.replace(at, from.size(), to);
    };
    replace("<value>200$ENS$ENSEIGNEMENT$L0202$LETTRES MODERNES</value>",
            "<value>200$ENS$ENSEIGNEMENT$L0202$LETTRES MODERNES</value><value>999$DOC$DOCUMENTATION$L0100$DOCUMENTATION</value>");
    replace("<value>200$2NDE1$020100</value></attr>", "<value>200$2NDE1$020100</value><value>999$5C$020100</value></attr>");
    // And teaches the class 6A and a group also named 6A.
    replace("<attr name=\"ENTAuxEnsGroupes\"><value>100$LATIN</value></attr>", "<attr name=\"ENTAuxEnsGroupes\"><value>100$LATIN</value><value>100$6A</value></attr>");
    test::write_file(staff_file, text);

    diagnostics diags;
    const auto ds = test::read_as("aaf", io::input::open(folder), diags);
    for (const auto& s : ds.all<model::establishment>()) CHECK(s.uai != "999");
    for (const auto& c : ds.all<model::school_class>()) CHECK(c.school != "999");
    for (const auto& s : ds.all<model::staff>()) CHECK(s.school != "999");
    CHECK(std::count_if(ds.all<model::staff>().begin(), ds.all<model::staff>().end(), [](const auto& s) { return s.id == "5001"; }) == 2);
    CHECK(find<model::staff>(ds, "5001", "0130001F").functions == std::vector<std::string>{"ENS", "DOC"});
    const auto reference = std::find_if(diags.items().begin(), diags.items().end(), [](const auto& d) { return d.code == "aaf.structure.reference"; });
    REQUIRE(reference != diags.items().end());
    CHECK(reference->message.find("names structure 999, which no EtabEducNat of the delivery defines") != std::string::npos);
    CHECK(find<model::membership>(ds, "5001@6A").group_kind == model::audience_kind::class_);
    CHECK(find<model::membership>(ds, "5001@group:6A").group_kind == model::audience_kind::group);
    const auto findings = validate(ds);
    CHECK(std::none_of(findings.items().begin(), findings.items().end(), [](const auto& d) { return d.code == "id.duplicate"; }));
}

TEST_CASE("a generated delivery with real shapes: a teacher of two schools, a structure outside it, a class and a group of one code") {
    test::temp_dir tmp("aaf-real-shapes");
    const generator::options shapes{.schools = 2, .classes_per_level = 1, .real_shapes = true};
    model::dataset generated;
    io::dataset_sink keep(generated);
    generator::generate(shapes, keep);
    generator::generate(shapes, *generator::make_aaf_delivery_writer(tmp.path() / "delivery")); // the same, streamed school by school
    diagnostics diags;
    const auto ds = read_aaf(io::input::open(tmp.path() / "delivery"), diags);
    CHECK(diags.count(severity::error) == 0);
    // The structure outside the delivery is a reference, reported, not a third school.
    CHECK(ds.all<model::establishment>().size() == 2);
    CHECK(std::any_of(diags.items().begin(), diags.items().end(), [](const diagnostic& d) { return d.code == "aaf.structure.reference"; }));
    // One person in AAF, one staff record in each school, both of the same name.
    std::vector<const model::staff*> shared;
    for (const auto& s : ds.all<model::staff>())
        if (s.last_name == "Partagé") shared.push_back(&s);
    REQUIRE(shared.size() == 2);
    CHECK(shared[0]->id == shared[1]->id);
    CHECK(shared[0]->school != shared[1]->school);
    // Every class, group and membership of the generated schools, the class and the group coded 6A apart.
    CHECK(ds.all<model::school_class>().size() == generated.all<model::school_class>().size());
    CHECK(ds.all<model::group>().size() == generated.all<model::group>().size());
    const auto pupils_in = [&](model::audience_kind kind, const std::string& code) {
        return std::count_if(ds.all<model::membership>().begin(), ds.all<model::membership>().end(), [&](const model::membership& m) {
            return m.school == "0449000U" && m.group_kind == kind && m.group == code && m.role == model::membership_role::student;
        });
    };
    CHECK(pupils_in(model::audience_kind::class_, "6A") == 30);
    CHECK(pupils_in(model::audience_kind::group, "6A") == 30);
    CHECK(validate(ds).count(severity::error) == 0);
}
