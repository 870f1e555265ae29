#pragma once
// Where the tests find the tree, the build and the programs they run. Defined once, in
// paths.cpp, so that no test's compile line holds an absolute path (ccache then hits from
// a clone in any folder).

namespace test::paths {

const char* source_dir();
const char* binary_dir();
/** ../shared/samples beside the source tree (support.hpp's samples_dir() reads $INTEROP_SAMPLES first). */
const char* default_samples();
const char* cli();
const char* hubd();
const char* conformance();
/** True in a sanitizer build, whose memory and time bounds are looser. */
bool sanitized();

} // namespace test::paths
