#pragma once
/** @file RapidJSON's writer with one-call members, for hubd's responses and reports. */

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace hubd {

namespace detail {
/** Built before the writer that refers to it. */
struct json_buffer {
    rapidjson::StringBuffer m_buffer;
};
} // namespace detail

class json_writer : private detail::json_buffer, public rapidjson::Writer<rapidjson::StringBuffer> {
public:
    json_writer() : rapidjson::Writer<rapidjson::StringBuffer>(m_buffer) {}

    void value(std::string_view s) { String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }
    void value(const char* s) { value(std::string_view(s)); }
    void value(const std::string& s) { value(std::string_view(s)); }
    void value(bool b) { Bool(b); }
    template <class N> requires std::is_integral_v<N> void value(N n) {
        if constexpr (std::is_signed_v<N>) Int64(n);
        else Uint64(n);
    }
    void value(const std::vector<std::string>& items) {
        StartArray();
        for (const auto& s : items) value(s);
        EndArray();
    }
    /** Already serialised JSON, written as is. */
    void raw(std::string_view json) { RawValue(json.data(), json.size(), rapidjson::kObjectType); }

    template <class T> json_writer& member(std::string_view name, const T& v) {
        Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
        value(v);
        return *this;
    }

    std::string str() const { return std::string(m_buffer.GetString(), m_buffer.GetSize()); }
};

/** `2026-11-29T03:10:00.123Z` from milliseconds since the epoch. */
std::string iso_time(std::int64_t millis);

} // namespace hubd
