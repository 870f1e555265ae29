#include "import/record_index.hpp"

#include "auth/encoding.hpp"

#include <interop/json/bounded.hpp>
#include <interop/json/canonical.hpp>

#include <openssl/evp.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <array>

namespace hubd {

namespace {

// Fields whose values are ids of other records that queries filter by.
constexpr std::array<std::string_view, 17> ref_fields = {"class", "classes", "group", "groups", "student", "students",
                                                         "person", "staff", "teacher", "teachers", "guardian", "author",
                                                         "recorded_by", "given_by", "recipient", "course", "assessment"};
// Fields that hold a day or an instant, for date-range filters.
constexpr std::array<std::string_view, 6> day_fields = {"date", "start", "end", "due", "publish_from", "publish_until"};

bool looks_like_day(std::string_view s) {
    if (s.size() < 10) return false;
    for (std::size_t i = 0; i < 10; ++i) {
        const bool dash = i == 4 || i == 7;
        if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9')) return false;
    }
    return true;
}

void add_refs(stored_record& out, std::string_view field, const rapidjson::Value& v) {
    if (v.IsString()) {
        if (v.GetStringLength() > 0) out.refs.emplace_back(field, std::string(v.GetString(), v.GetStringLength()));
    } else if (v.IsArray()) {
        for (const auto& item : v.GetArray()) add_refs(out, field, item);
    }
}

void widen_days(stored_record& out, std::string_view value) {
    if (!looks_like_day(value)) return;
    const std::string day(value.substr(0, 10));
    if (!out.first_day || day < *out.first_day) out.first_day = day;
    if (!out.last_day || day > *out.last_day) out.last_day = day;
}

void index_fields(stored_record& out) {
    rapidjson::Document doc;
    if (interop::json::parse_bounded(out.json, doc) || !doc.IsObject()) return; // our own output: flat and well-formed
    for (const auto& m : doc.GetObject()) {
        const std::string_view name(m.name.GetString(), m.name.GetStringLength());
        if (std::find(ref_fields.begin(), ref_fields.end(), name) != ref_fields.end()) add_refs(out, name, m.value);
        if (m.value.IsString() && std::find(day_fields.begin(), day_fields.end(), name) != day_fields.end())
            widen_days(out, std::string_view(m.value.GetString(), m.value.GetStringLength()));
    }
}

} // namespace

std::string sha256_hex(std::string_view text) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    EVP_Digest(text.data(), text.size(), digest, &size, EVP_sha256(), nullptr);
    return hex(std::string_view(reinterpret_cast<const char*>(digest), size));
}

stored_record index_record(interop::model::any_record&& r, const std::string& school) {
    stored_record out;
    std::visit(
        [&](auto& rec) {
            rec.provenance = {};
            if (rec.school.empty()) rec.school = school;
            out.kind = std::string(rec.kind);
            out.school = rec.school;
            out.id = rec.id;
        },
        r);
    out.json = interop::json::to_json(r);
    out.hash = sha256_hex(out.json);
    index_fields(out);
    return out;
}

} // namespace hubd
