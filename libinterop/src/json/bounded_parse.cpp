#include "bounded_parse.hpp"

#include <interop/errors.hpp>
#include <interop/model/dataset.hpp>

#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <charconv>

namespace interop::json {
namespace {

/** Forwards SAX events to `H`, failing once nesting passes `max`. */
template <class H> struct depth_limited {
    H& h;
    std::size_t max;
    std::size_t depth = 0;
    bool too_deep = false;

    using SizeType = rapidjson::SizeType;
    bool open() {
        if (++depth > max) too_deep = true;
        return !too_deep;
    }
    bool Null() { return h.Null(); }
    bool Bool(bool b) { return h.Bool(b); }
    bool Int(int i) { return h.Int(i); }
    bool Uint(unsigned u) { return h.Uint(u); }
    bool Int64(int64_t i) { return h.Int64(i); }
    bool Uint64(uint64_t u) { return h.Uint64(u); }
    bool Double(double d) { return h.Double(d); }
    bool RawNumber(const char* s, SizeType n, bool copy) { return h.RawNumber(s, n, copy); }
    bool String(const char* s, SizeType n, bool copy) { return h.String(s, n, copy); }
    bool StartObject() { return open() && h.StartObject(); }
    bool Key(const char* s, SizeType n, bool copy) { return h.Key(s, n, copy); }
    bool EndObject(SizeType n) { --depth; return h.EndObject(n); }
    bool StartArray() { return open() && h.StartArray(); }
    bool EndArray(SizeType n) { --depth; return h.EndArray(n); }
};

constexpr unsigned parse_flags = rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag;

} // namespace

std::optional<parse_failure> parse_bounded(std::string_view text, rapidjson::Document& doc, std::size_t max_depth, bool comments) {
    std::optional<parse_failure> failure;
    auto generate = [&](rapidjson::Document& handler) {
        depth_limited<rapidjson::Document> limited{handler, max_depth};
        rapidjson::MemoryStream stream(text.data(), text.size());
        rapidjson::Reader reader;
        auto result = comments ? reader.Parse<parse_flags | rapidjson::kParseCommentsFlag>(stream, limited)
                               : reader.Parse<parse_flags>(stream, limited);
        if (!result.IsError()) return true;
        const auto upto = text.substr(0, std::min(result.Offset(), text.size()));
        const auto line = 1 + static_cast<std::uint64_t>(std::count(upto.begin(), upto.end(), '\n'));
        failure = parse_failure{result.Offset(), line, limited.too_deep
                                                     ? "nesting deeper than " + std::to_string(max_depth) + " levels"
                                                     : rapidjson::GetParseError_En(result.Code())};
        return false;
    };
    doc.Populate(generate);
    return failure;
}

namespace detail {

std::optional<std::string> check_schema_version(std::string_view version, const std::string& file, std::uint64_t line) {
    int major = -1, minor = 0;
    const char* end = version.data() + version.size();
    auto result = std::from_chars(version.data(), end, major);
    if (result.ec == std::errc{} && result.ptr != end && *result.ptr == '.') result = std::from_chars(result.ptr + 1, end, minor);
    if (result.ec != std::errc{} || result.ptr != end || major < 0)
        throw parse_error({file, line, 0}, "canonical json", "interop_schema \"" + std::string(version) + "\" is not MAJOR.MINOR");
    if (major != model::schema_major)
        throw schema_version_error({file, line, 0}, "canonical json",
                                   "written for canonical schema " + std::string(version) + "; this library reads " +
                                       std::to_string(model::schema_major) + ".x");
    if (minor > model::schema_minor)
        return "written for schema " + std::string(version) + ", newer than " + std::string(model::schema_version) +
               ": fields this library does not know are reported and left out";
    return std::nullopt;
}

} // namespace detail
} // namespace interop::json
