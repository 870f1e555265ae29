#pragma once
/**
 * @file Checks on a request's framing headers before its body is read: what request smuggling
 * relies on, which Boost 1.74's parser lets through.
 */

#include "http/message.hpp"

#include <optional>
#include <string>

namespace hubd {

/**
 * Refuses (with the reason) both `Content-Length` and `Transfer-Encoding`, a
 * `Transfer-Encoding` other than `chunked`, and more than one `Content-Length`.
 * `headers` as received, names in any case.
 */
std::optional<std::string> framing_problem(const http::fields& headers);

} // namespace hubd
