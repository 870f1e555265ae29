#pragma once
// The floor of the XML benchmarks: libxml2's SAX2 push parser with empty callbacks, fed
// 64 KiB at a time — what any streaming reader built on libxml2 must at least pay.

#include <libxml/parser.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <vector>

namespace interop::bench {

inline void bare_sax2(const std::filesystem::path& path) {
    xmlSAXHandler sax;
    std::memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = [](void*, const xmlChar*, const xmlChar*, const xmlChar*, int, const xmlChar**, int, int, const xmlChar**) {};
    sax.endElementNs = [](void*, const xmlChar*, const xmlChar*, const xmlChar*) {};
    sax.characters = [](void*, const xmlChar*, int) {};
    std::ifstream in(path, std::ios::binary);
    std::vector<char> buffer(1 << 16);
    xmlParserCtxtPtr ctxt = xmlCreatePushParserCtxt(&sax, nullptr, nullptr, 0, path.c_str());
    xmlCtxtUseOptions(ctxt, XML_PARSE_NONET);
    while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0)
        xmlParseChunk(ctxt, buffer.data(), static_cast<int>(in.gcount()), 0);
    xmlParseChunk(ctxt, nullptr, 0, 1);
    const bool ok = ctxt->wellFormed;
    xmlFreeParserCtxt(ctxt);
    if (!ok) throw std::runtime_error("bare SAX2 parse failed: " + path.string());
}

} // namespace interop::bench
