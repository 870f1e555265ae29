// The Pronote adapter against the real files of ../shared/samples/pronote-accueilent: the
// mock pupil view reads whole; the pupil views we write are valid against Index Education's
// eleve.xsd (libxml2's schema validation, on our own output).
#include "adapters/reading.hpp"
#include "support.hpp"

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

using namespace interop;

namespace {

const auto samples = [] { return test::samples_dir() / "pronote-accueilent"; };

/** Problems libxml2 finds validating `xml` against the schema file, empty when valid. */
std::string schema_problems(const std::filesystem::path& xsd, const std::string& xml) {
    // From memory: the library's XML layer refuses every external load, files included.
    const auto schema_text = test::read_file(xsd);
    xmlSchemaParserCtxtPtr parser = xmlSchemaNewMemParserCtxt(schema_text.data(), static_cast<int>(schema_text.size()));
    xmlSchemaPtr schema = xmlSchemaParse(parser);
    REQUIRE(schema);
    xmlSchemaValidCtxtPtr valid = xmlSchemaNewValidCtxt(schema);
    std::string problems;
    xmlSchemaSetValidStructuredErrors(valid, [](void* out, xmlErrorPtr e) {
        *static_cast<std::string*>(out) += std::to_string(e->line) + ": " + (e->message ? e->message : "") ;
    }, &problems);
    xmlDocPtr doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "view.xml", nullptr, XML_PARSE_NONET);
    REQUIRE(doc);
    const int rc = xmlSchemaValidateDoc(valid, doc);
    xmlFreeDoc(doc);
    xmlSchemaFreeValidCtxt(valid);
    xmlSchemaFree(schema);
    xmlSchemaFreeParserCtxt(parser);
    return rc == 0 ? "" : (problems.empty() ? "invalid" : problems);
}

} // namespace

TEST_CASE("the mock pupil view reads whole") {
    test::require_samples();
    diagnostics diags;
    auto ds = test::read_as("pronote-ent", io::input::open(samples() / "pronote-mock-eleve.xml"), diags);
    for (const auto& d : diags.items()) CHECK_MESSAGE(d.severity != severity::error, d.to_string());
    CHECK(ds.all<model::grade_result>().size() == 5);
    CHECK(ds.all<model::assessment>().size() == 5);
    CHECK(ds.all<model::competency_result>().size() == 4);
    CHECK(ds.all<model::attendance_event>().size() == 6); // 2 absences, 2 late arrivals, 2 infirmary visits
    CHECK(ds.all<model::sanction>().size() == 2);
    CHECK(ds.all<model::observation>().size() == 2);
    CHECK(ds.all<model::homework>().size() >= 2);
    CHECK(ds.all<model::session_content>().size() >= 5);
    for (const auto& g : ds.all<model::grade_result>()) CHECK(g.student == "a1b2c3d4-session-ent-0001");
}

TEST_CASE("what we write is valid against eleve.xsd, and the sample read and written again too") {
    test::require_samples();
    diagnostics diags;
    auto ds = test::read_as("pronote-ent", io::input::open(samples() / "pronote-mock-eleve.xml"), diags);
    test::temp_dir dir("pronote-xsd");
    test::write_as("pronote-ent", ds, dir / "views");
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir / "views")) {
        CAPTURE(entry.path().string());
        CHECK(schema_problems(samples() / "eleve.xsd", test::read_file(entry.path())) == "");
        ++files;
    }
    CHECK(files == 1);
    // The validation bites: the mock itself (no namespace, pages out of the schema's order) fails.
    CHECK(schema_problems(samples() / "eleve.xsd", test::read_file(samples() / "pronote-mock-eleve.xml")) != "");
}
