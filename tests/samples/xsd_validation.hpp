#pragma once
// libxml2's schema validation of our own output, for the tests that hold a vendor's XSD.

#include "support.hpp"

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

namespace test {

/** Problems libxml2 finds validating `xml` against the schema file, empty when valid. */
inline std::string schema_problems(const std::filesystem::path& xsd, const std::string& xml) {
    // From memory: the library's XML layer refuses every external load, files included.
    const auto schema_text = test::read_file(xsd);
    xmlSchemaParserCtxtPtr parser = xmlSchemaNewMemParserCtxt(schema_text.data(), static_cast<int>(schema_text.size()));
    xmlSchemaPtr schema = xmlSchemaParse(parser);
    REQUIRE(schema);
    xmlSchemaValidCtxtPtr valid = xmlSchemaNewValidCtxt(schema);
    std::string problems;
    xmlSchemaSetValidStructuredErrors(valid, [](void* out, xmlErrorPtr e) {
        *static_cast<std::string*>(out) += std::to_string(e->line) + ": " + (e->message ? e->message : "");
    }, &problems);
    xmlDocPtr doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "document.xml", nullptr, XML_PARSE_NONET);
    REQUIRE(doc);
    const int rc = xmlSchemaValidateDoc(valid, doc);
    xmlFreeDoc(doc);
    xmlSchemaFreeValidCtxt(valid);
    xmlSchemaFree(schema);
    xmlSchemaFreeParserCtxt(parser);
    return rc == 0 ? "" : (problems.empty() ? "invalid" : problems);
}

} // namespace test
