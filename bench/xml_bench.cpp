// interop-bench-xml: the XML layer against the floor, in the same run. An AAF-shaped file
// (ficAlimMENESR, one addRequest per pupil with ~25 attributes) is parsed by:
//   bare-sax2        libxml2's SAX2 push parser with empty callbacks (the floor)
//   bare-textreader  libxml2's xmlTextReader, visiting every node and its value
//   interop-xml      interop::xml::read, capturing each addRequest as an element tree
// Each runs in a child process: median wall time of R runs, and peak RSS.
//   interop-bench-xml [--pupils N] [--runs R] WORKDIR

#include "bare_libxml2.hpp"
#include "harness.hpp"

#include <interop/xml/reader.hpp>

#include <libxml/parser.h>
#include <libxml/xmlreader.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace fs = std::filesystem;

namespace {


void attr(std::ofstream& out, const char* name, const std::string& value) {
    out << "      <attr name=\"" << name << "\"><value>" << value << "</value></attr>\n";
}

void write_aaf(const fs::path& path, int pupils) {
    std::ofstream out(path, std::ios::binary);
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE ficAlimMENESR SYSTEM \"ficAlimMENESR.dtd\">\n"
           "<!-- versionAF=\"AAF-VE2407\" -->\n<ficAlimMENESR>\n";
    for (int i = 0; i < pupils; ++i) {
        const std::string id = std::to_string(2000000 + i);
        out << "  <addRequest>\n    <operationalAttributes><attr name=\"categoriePersonne\"><value>Eleve</value></attr></operationalAttributes>\n"
            << "    <identifier><id>" << id << "</id></identifier>\n    <attributes>\n";
        attr(out, "ENTPersonJointure", id);
        attr(out, "ENTEleveINE", std::to_string(100000000 + i) + "AA");
        attr(out, "ENTPersonDateNaissance", "0" + std::to_string(1 + i % 9) + "/03/2012");
        attr(out, "sn", "NOM" + std::to_string(i % 5000));
        attr(out, "givenName", "Prénom" + std::to_string(i % 300));
        attr(out, "ENTPersonNomPatro", "NOM" + std::to_string(i % 5000));
        attr(out, "personalTitle", i % 2 ? "M." : "Mme");
        attr(out, "ENTElevePersRelEleve", std::to_string(3000000 + 2 * i) + "$10$1$1$1$1");
        attr(out, "ENTEleveBoursier", "N");
        attr(out, "ENTEleveRegime", "DEMI-PENSIONNAIRE DANS L'ETABLISSEMENT");
        attr(out, "ENTEleveMEF", "10010012110");
        attr(out, "ENTEleveLibelleMEF", "6EME");
        attr(out, "ENTEleveNivFormation", "6EME");
        attr(out, "ENTPersonStructRattach", "0449000U");
        attr(out, "ENTEleveClasses", "0449000U$6" + std::string(1, static_cast<char>('A' + i % 5)));
        attr(out, "ENTEleveGroupes", "0449000U$6ESP" + std::to_string(1 + i % 3));
        attr(out, "ENTPersonAdresse", std::to_string(1 + i % 120) + " rue des Lilas$$$");
        attr(out, "ENTPersonCodePostal", "44000");
        attr(out, "ENTPersonVille", "NANTES");
        attr(out, "ENTPersonPays", "FRANCE");
        out << "    </attributes>\n  </addRequest>\n";
    }
    out << "</ficAlimMENESR>\n";
}

void bare_text_reader(const fs::path& path) {
    xmlTextReaderPtr reader = xmlReaderForFile(path.c_str(), nullptr, XML_PARSE_NONET);
    std::size_t bytes = 0;
    int rc;
    while ((rc = xmlTextReaderRead(reader)) == 1) {
        if (const xmlChar* v = xmlTextReaderConstValue(reader)) bytes += std::strlen(reinterpret_cast<const char*>(v));
        bytes += std::strlen(reinterpret_cast<const char*>(xmlTextReaderConstLocalName(reader)));
    }
    xmlFreeTextReader(reader);
    if (rc != 0 || bytes == 0) throw std::runtime_error("text reader failed");
}

void interop_xml(const fs::path& path) {
    std::size_t records = 0;
    interop::xml::events ev;
    ev.capture = [](const std::vector<std::string>& p) { return p.size() == 2; };
    ev.on_element = [&](interop::xml::element&& e) { records += e.children.size() > 0; };
    std::ifstream in(path, std::ios::binary);
    interop::xml::read(in, path.string(), "aaf", ev);
    if (records == 0) throw std::runtime_error("no record");
}

} // namespace

int main(int argc, char** argv) {
    const auto args = interop::bench::parse_arguments(argc, argv, "interop-bench-xml", "--pupils", 100000, 1);
    if (!args) return 2;
    const int pupils = args->size, runs = args->runs;
    const fs::path work = args->work;
    fs::create_directories(work);
    const fs::path file = work / "ENT_Complet_20251128_Eleve_0000.xml";
    write_aaf(file, pupils);
    const double mb = static_cast<double>(fs::file_size(file)) / 1e6;

    const std::vector<std::pair<const char*, std::function<void()>>> modes = {
        {"bare-sax2", [&] { interop::bench::bare_sax2(file); }},
        {"bare-textreader", [&] { bare_text_reader(file); }},
        {"interop-xml", [&] { interop_xml(file); }},
    };
    std::printf("input: %d addRequest, %.1f MB; %d runs each, median time, peak RSS\n", pupils, mb, runs);
    std::printf("%-16s %9s %9s %12s %10s %11s\n", "mode", "seconds", "MB/s", "records/s", "peak MB", "vs floor");
    double floor = 0;
    for (const auto& [name, work_fn] : modes) {
        const auto m = interop::bench::measure(work_fn, runs);
        if (!m.ok) return 1;
        if (floor == 0) floor = m.seconds;
        std::printf("%-16s %9.3f %9.1f %12.0f %10.1f %10.0f%%\n", name, m.seconds, mb / m.seconds, pupils / m.seconds, m.peak_mb,
                    100 * floor / m.seconds);
    }
    return 0;
}
