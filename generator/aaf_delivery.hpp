#pragma once
// Writes generated schools as an AAF Complet delivery, split into files like the real ones
// (`ACADEMIE_Complet_<date>_<Type>_<nnnn>.xml`), for the AAF reader's tests and benchmark.

#include <interop/io/sink.hpp>

#include <filesystem>
#include <memory>

namespace interop::generator {

/** A sink that buffers one school at a time and writes it out as AAF requests. */
std::unique_ptr<io::record_sink> make_aaf_delivery_writer(const std::filesystem::path& dir, std::size_t requests_per_file = 20000);

} // namespace interop::generator
