#pragma once
// Zip archives through libarchive: listing, and streaming one entry.

#include <interop/io/input.hpp>

namespace interop::io::detail {

bool looks_like_zip(const std::filesystem::path& path);
std::vector<input::entry> list_zip(const std::filesystem::path& path, const input_limits& lim);
std::unique_ptr<std::istream> open_zip_entry(const std::filesystem::path& path, const std::string& name,
                                             std::uint64_t max_bytes);

} // namespace interop::io::detail
