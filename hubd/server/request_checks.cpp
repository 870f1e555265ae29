#include "server/request_checks.hpp"

namespace hubd {

namespace {

std::string trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return std::string(s);
}

} // namespace

std::optional<std::string> framing_problem(const http::fields& headers) {
    int lengths = 0, encodings = 0;
    std::string encoding;
    for (const auto& [name, value] : headers) {
        const auto n = http::lower(name);
        if (n == "content-length") ++lengths;
        if (n == "transfer-encoding") {
            ++encodings;
            encoding = http::lower(trimmed(value));
        }
    }
    if (lengths > 1) return "more than one Content-Length";
    if (lengths && encodings) return "both Content-Length and Transfer-Encoding";
    if (encodings > 1 || (encodings && encoding != "chunked")) return "Transfer-Encoding other than chunked";
    return std::nullopt;
}

} // namespace hubd
