#include "container.hpp"

#include <interop/adapter/support.hpp>
#include <interop/errors.hpp>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <zlib.h>

#include <cstdio>
#include <memory>

namespace interop::edt {
namespace {

constexpr const char* format_name = "edt";
using bytes = std::string;

[[noreturn]] void fail(const std::string& file, std::uint64_t line, const std::string& problem) {
    throw parse_error({file, line, 0}, format_name, problem);
}

/** What the container holds, its base64 parts still encoded. */
struct container {
    std::vector<std::pair<std::string, std::string>> partners; ///< name, key block
    std::string content;
    bool compressed = false;
    std::string verification;
    std::uint64_t line = 0;
};

container read_container(std::istream& in, const std::string& file, const read_options& opt) {
    container c;
    xml::events ev;
    ev.on_root = [&](const xml::element& root) {
        if (root.name != "EXPORT_INDEX_EDUCATION") fail(file, root.line, "not an EXPORT_INDEX_EDUCATION container");
        c.line = root.line;
    };
    ev.capture = [](const std::vector<std::string>& path) { return path.size() == 2; };
    ev.on_element = [&](xml::element&& e) {
        if (e.name == "CLES") {
            for (auto& p : e.children)
                if (p.name == "PARTENAIRE") c.partners.emplace_back(p.attribute("NOM") ? *p.attribute("NOM") : "", std::move(p.text));
        } else if (e.name == "CONTENU") {
            const auto* flag = e.attribute("CompresseAvantChiffrement");
            c.compressed = flag && (*flag == "true" || *flag == "1");
            c.content = std::move(e.text);
        } else if (e.name == "VERIFICATION") {
            c.verification = std::move(e.text);
        }
    };
    auto limits = adapter_support::xml_limits(opt);
    limits.max_text_bytes = limits.max_subtree_bytes; // CONTENU is one large text node
    xml::read(in, file, format_name, ev, limits);
    if (c.partners.empty() || c.content.empty() || c.verification.empty())
        fail(file, c.line, "container without CLES/PARTENAIRE, CONTENU or VERIFICATION");
    return c;
}

std::optional<bytes> base64(std::string_view text) {
    std::string clean;
    for (char ch : text)
        if (!std::isspace(static_cast<unsigned char>(ch))) clean.push_back(ch);
    if (clean.size() % 4 != 0) return std::nullopt;
    bytes out(clean.size() / 4 * 3, '\0');
    int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(clean.data()),
                            static_cast<int>(clean.size()));
    if (n < 0) return std::nullopt;
    auto padding = static_cast<std::size_t>(clean.size() >= 2 && clean.end()[-1] == '=') + (clean.size() >= 2 && clean.end()[-2] == '=');
    out.resize(static_cast<std::size_t>(n) - padding);
    return out;
}

bytes digest(const EVP_MD* md, std::string_view data) {
    bytes out(static_cast<std::size_t>(EVP_MD_get_size(md)), '\0');
    unsigned int n = 0;
    EVP_Digest(data.data(), data.size(), reinterpret_cast<unsigned char*>(out.data()), &n, md, nullptr);
    out.resize(n);
    return out;
}

using pkey_ptr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

pkey_ptr private_key(const read_options& opt, const std::string& file) {
    if (opt.private_key.empty()) fail(file, 1, "encrypted EDT export: give the partner's RSA private key (--key FILE) to read it");
    std::unique_ptr<FILE, decltype(&std::fclose)> f(std::fopen(opt.private_key.c_str(), "rb"), &std::fclose);
    if (!f) throw io_error("cannot open the private key " + opt.private_key.string());
    pkey_ptr key(PEM_read_PrivateKey(f.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
    if (!key) throw io_error(opt.private_key.string() + " is not a PEM private key");
    return key;
}

/** key | iv of a partner's block, when this private key opens it and the MD5 holds. */
std::optional<bytes> open_block(EVP_PKEY* key, std::string_view block) {
    auto sealed = base64(block);
    if (!sealed) return std::nullopt;
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(EVP_PKEY_CTX_new(key, nullptr), &EVP_PKEY_CTX_free);
    std::size_t n = 0;
    if (!ctx || EVP_PKEY_decrypt_init(ctx.get()) <= 0 || EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) <= 0) return std::nullopt;
    auto in = reinterpret_cast<const unsigned char*>(sealed->data());
    if (EVP_PKEY_decrypt(ctx.get(), nullptr, &n, in, sealed->size()) <= 0) return std::nullopt;
    bytes plain(n, '\0');
    if (EVP_PKEY_decrypt(ctx.get(), reinterpret_cast<unsigned char*>(plain.data()), &n, in, sealed->size()) <= 0) return std::nullopt;
    plain.resize(n);
    if (plain.size() != 48 || digest(EVP_md5(), std::string_view(plain).substr(0, 32)) != plain.substr(32)) return std::nullopt;
    return plain.substr(0, 32);
}

std::optional<bytes> aes_128_cbc(std::string_view key_iv, std::string_view data) {
    std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    auto k = reinterpret_cast<const unsigned char*>(key_iv.data());
    if (!ctx || EVP_DecryptInit_ex(ctx.get(), EVP_aes_128_cbc(), nullptr, k, k + 16) != 1) return std::nullopt;
    bytes out(data.size() + 16, '\0');
    int n = 0, tail = 0;
    auto o = reinterpret_cast<unsigned char*>(out.data());
    if (EVP_DecryptUpdate(ctx.get(), o, &n, reinterpret_cast<const unsigned char*>(data.data()), static_cast<int>(data.size())) != 1 ||
        EVP_DecryptFinal_ex(ctx.get(), o + n, &tail) != 1)
        return std::nullopt;
    out.resize(static_cast<std::size_t>(n + tail));
    return out;
}

/** zlib-inflated data, refused past `limit` bytes (a bomb meets the bound first). */
std::optional<bytes> inflated(std::string_view data, std::uint64_t limit) {
    z_stream z{};
    if (inflateInit(&z) != Z_OK) return std::nullopt;
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    bytes out;
    char chunk[1 << 16];
    int status = Z_OK;
    while (status == Z_OK) {
        z.next_out = reinterpret_cast<Bytef*>(chunk);
        z.avail_out = sizeof chunk;
        status = inflate(&z, Z_NO_FLUSH);
        out.append(chunk, sizeof chunk - z.avail_out);
        if (out.size() > limit) status = Z_MEM_ERROR;
    }
    inflateEnd(&z);
    if (status != Z_STREAM_END) return std::nullopt;
    return out;
}

} // namespace

std::string decrypt_container(std::istream& in, const std::string& file, const read_options& opt) {
    auto c = read_container(in, file, opt);
    auto key = private_key(opt, file);
    std::optional<bytes> key_iv;
    for (const auto& [name, block] : c.partners)
        if ((opt.partner.empty() || name == opt.partner) && (key_iv = open_block(key.get(), block))) break;
    if (!key_iv) {
        std::string names;
        for (const auto& [name, _] : c.partners) names.append(names.empty() ? "" : ", ").append(name);
        fail(file, c.line, "cannot decrypt: key not for this partner (the container is for " + names + ")");
    }
    auto sealed = base64(c.content);
    auto plain = sealed ? aes_128_cbc(*key_iv, *sealed) : std::nullopt;
    if (!plain) fail(file, c.line, "CONTENU does not decrypt with the container's key: damaged");
    auto expected = base64(c.verification);
    if (!expected || digest(EVP_sha256(), *plain) != *expected) fail(file, c.line, "VERIFICATION does not match the content's SHA-256: damaged");
    if (!c.compressed) return *plain;
    auto xml = inflated(*plain, opt.max_input_bytes);
    if (!xml) fail(file, c.line, "CONTENU does not inflate (zlib), or is larger than the input bound");
    return *xml;
}

} // namespace interop::edt
