#include "zip_reader.hpp"

#include <interop/errors.hpp>
#include <interop/io/input.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace interop::io {

namespace fs = std::filesystem;

struct input::impl {
    input::kind type;
    std::string name;
    fs::path path;
    input_limits limits;
    std::vector<entry> entries;
    std::string memory; // content of a memory input
};

namespace {

bool hidden(const fs::path& relative) {
    for (const auto& part : relative)
        if (part.string().starts_with('.')) return true;
    return false;
}

std::vector<input::entry> list_folder(const fs::path& root, const input_limits& lim) {
    std::vector<input::entry> entries;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        const fs::path relative = it->path().lexically_relative(root);
        if (hidden(relative)) continue;
        if (entries.size() >= lim.max_entries)
            throw io_error(root.string() + ": more than " + std::to_string(lim.max_entries) + " files in the folder");
        entries.push_back({relative.generic_string(), static_cast<std::uint64_t>(it->file_size(ec))});
    }
    if (ec) throw io_error(root.string() + ": cannot list folder: " + ec.message());
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    return entries;
}

} // namespace

input::input(std::unique_ptr<impl> p) : m_impl(std::move(p)) {}
input::input(input&&) noexcept = default;
input& input::operator=(input&&) noexcept = default;
input::~input() = default;

input input::open(const fs::path& path, const input_limits& lim) {
    auto p = std::make_unique<impl>();
    p->name = path.string();
    p->path = path;
    p->limits = lim;
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) throw io_error(path.string() + ": no such file or folder");
    if (fs::is_directory(status)) {
        p->type = kind::folder;
        p->entries = list_folder(path, lim);
    } else if (detail::looks_like_zip(path)) {
        p->type = kind::zip;
        p->entries = detail::list_zip(path, lim);
    } else {
        std::ifstream probe(path, std::ios::binary);
        if (!probe) throw io_error(path.string() + ": cannot open for reading");
        p->type = kind::file;
        p->entries.push_back({path.filename().string(), static_cast<std::uint64_t>(fs::file_size(path, ec))});
    }
    return input(std::move(p));
}

input input::from_memory(std::string name, std::string content) {
    auto p = std::make_unique<impl>();
    p->type = kind::memory;
    p->name = name;
    p->entries.push_back({std::move(name), content.size()});
    p->memory = std::move(content);
    return input(std::move(p));
}

input::kind input::type() const { return m_impl->type; }
const std::string& input::name() const { return m_impl->name; }
const std::vector<input::entry>& input::entries() const { return m_impl->entries; }

std::unique_ptr<std::istream> input::open_entry(const entry& e) const {
    switch (m_impl->type) {
    case kind::memory: return std::make_unique<std::istringstream>(m_impl->memory);
    case kind::zip: return detail::open_zip_entry(m_impl->path, e.name, m_impl->limits.max_entry_bytes);
    case kind::file:
    case kind::folder: {
        const fs::path file = m_impl->type == kind::file ? m_impl->path : m_impl->path / e.name;
        auto in = std::make_unique<std::ifstream>(file, std::ios::binary);
        if (!*in) throw io_error(file.string() + ": cannot open for reading");
        return in;
    }
    }
    throw io_error(describe(e) + ": unknown input kind");
}

std::string input::head(const entry& e, std::size_t n) const {
    try {
        auto in = open_entry(e);
        std::string out(n, '\0');
        in->read(out.data(), static_cast<std::streamsize>(n));
        out.resize(static_cast<std::size_t>(in->gcount()));
        return out;
    } catch (const std::exception&) {
        return {};
    }
}

std::string input::describe(const entry& e) const {
    switch (m_impl->type) {
    case kind::zip: return m_impl->name + "!" + e.name;
    case kind::folder: return (m_impl->path / e.name).string();
    default: return m_impl->name;
    }
}

} // namespace interop::io
