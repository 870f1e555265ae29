#pragma once
// Codes and formats of the ministry's pupil database (SIECLE) that several feeds repeat: AAF, BEE, ONDE.

#include <interop/model/types.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace interop::codes {

/** CODE_PARENTE / link code → the model's relationship: mother, father, tutor, else the code itself. */
inline std::string relationship(std::string_view code) {
    if (code == "10") return "mother";
    if (code == "20") return "father";
    if (code == "50") return "tutor";
    return std::string(code);
}

/** `dd/mm/yyyy`, as every one of these feeds writes dates; nullopt unless a real date. */
inline std::optional<model::date> date_ddmmyyyy(std::string_view v) {
    if (v.size() != 10 || v[2] != '/' || v[5] != '/') return std::nullopt;
    return model::parse_date(std::string(v.substr(6, 4)) + "-" + std::string(v.substr(3, 2)) + "-" + std::string(v.substr(0, 2)));
}

} // namespace interop::codes
