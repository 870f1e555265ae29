#include "paths.hpp"

namespace test::paths {

const char* source_dir() { return INTEROP_SOURCE_DIR; }
const char* binary_dir() { return INTEROP_BINARY_DIR; }
const char* default_samples() { return INTEROP_DEFAULT_SAMPLES; }
const char* cli() { return INTEROP_CLI; }
const char* hubd() { return INTEROP_HUBD; }
const char* conformance() { return INTEROP_CONFORMANCE; }
bool sanitized() { return INTEROP_SANITIZED; }

} // namespace test::paths
