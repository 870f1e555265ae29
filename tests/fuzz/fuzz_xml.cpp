// libFuzzer target: the hardened XML layer, capturing the root's children as adapters do.
#include <interop/errors.hpp>
#include <interop/xml/reader.hpp>

#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    interop::xml::events ev;
    ev.capture = [](const std::vector<std::string>& path) { return path.size() == 2; };
    std::size_t seen = 0;
    ev.on_element = [&](interop::xml::element&& e) { seen += e.children.size(); };
    ev.on_comment = [&](std::string_view text, std::uint64_t) { seen += text.size(); };
    try {
        interop::xml::read(in, "fuzz.xml", "fuzz", ev);
    } catch (const interop::error&) {
    }
    return 0;
}
