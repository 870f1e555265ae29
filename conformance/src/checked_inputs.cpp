#include "checked_inputs.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <stdexcept>

namespace conformance {

namespace fs = std::filesystem;

namespace {

class sha256 {
public:
    sha256() : m_ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free) {
        if (!m_ctx || EVP_DigestInit_ex(m_ctx.get(), EVP_sha256(), nullptr) != 1) throw std::runtime_error("SHA-256 is not available");
    }
    void add(const char* data, std::size_t n) { EVP_DigestUpdate(m_ctx.get(), data, n); }
    std::string hex() {
        unsigned char md[EVP_MAX_MD_SIZE];
        unsigned int n = 0;
        EVP_DigestFinal_ex(m_ctx.get(), md, &n);
        static constexpr char digits[] = "0123456789abcdef";
        std::string out;
        for (unsigned int i = 0; i < n; ++i) (out += digits[md[i] >> 4]) += digits[md[i] & 15];
        return out;
    }

private:
    std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> m_ctx;
};

std::string sha256_of_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string() + " to checksum it");
    sha256 h;
    std::vector<char> buf(1 << 16);
    while (in.read(buf.data(), static_cast<std::streamsize>(buf.size())) || in.gcount() > 0) h.add(buf.data(), static_cast<std::size_t>(in.gcount()));
    return h.hex();
}

} // namespace

checked_input checksum_input(const std::string& role, const fs::path& path) {
    checked_input c{role, path.string(), {}, {}};
    if (!fs::is_directory(path)) {
        c.sha256 = sha256_of_file(path);
        return c;
    }
    for (const auto& e : fs::recursive_directory_iterator(path))
        if (e.is_regular_file()) c.files.push_back({e.path().lexically_relative(path).generic_string(), {}});
    std::sort(c.files.begin(), c.files.end(), [](const checked_file& a, const checked_file& b) { return a.path < b.path; });
    sha256 listing;
    for (auto& f : c.files) {
        f.sha256 = sha256_of_file(path / f.path);
        const auto line = f.sha256 + "  " + f.path + "\n";
        listing.add(line.data(), line.size());
    }
    c.sha256 = listing.hex();
    return c;
}

} // namespace conformance
