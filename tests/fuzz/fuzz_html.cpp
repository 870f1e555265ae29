// libFuzzer target: the HTML sanitiser and the plain-text rendering, on any bytes. Besides
// not crashing, the sanitiser must be idempotent: what it lets through passes unchanged.
#include <interop/text/html.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string html(reinterpret_cast<const char*>(data), size);
    const auto clean = interop::text::sanitize_html(html);
    if (interop::text::sanitize_html(clean) != clean) std::abort();
    (void)interop::text::html_to_text(html);
    (void)interop::text::text_to_html(html);
    return 0;
}
