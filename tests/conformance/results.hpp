#pragma once
// What the conformance tests share: finding a case's result by its id.

#include "suite.hpp"

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace test {

/** The result of the case `id` ("api/token.valid"); fails the test when there is none. */
inline const conformance::case_result& result_named(const std::vector<conformance::case_result>& results, const std::string& id) {
    for (const auto& r : results)
        if (r.id() == id) return r;
    FAIL("no case " << id);
    throw std::logic_error("unreachable");
}

} // namespace test
