#pragma once
// Index Education's encrypted container `EXPORT_INDEX_EDUCATION` (namespace
// http://www.index-education.com/conteneurexportchiffre): the export XML, zlib-compressed,
// encrypted with AES-128-CBC; the AES key and IV encrypted for each partner with its RSA
// public key (PKCS#1 v1.5) as key | iv | md5(key | iv); a SHA-256 of the compressed content.

#include <interop/adapter/registry.hpp>

#include <string>

namespace interop::edt {

inline constexpr std::string_view container_namespace = "http://www.index-education.com/conteneurexportchiffre";

/**
 * The export XML inside a container.
 * @throws parse_error naming the file: no private key given, "cannot decrypt: key not for this
 *         partner", a damaged key block, content or checksum, a container missing a part.
 */
std::string decrypt_container(std::istream& in, const std::string& file, const read_options& opt);

} // namespace interop::edt
