#pragma once
// Reads the requests of one AAF file with the XML parsing on a worker thread and the
// caller's handlers on the calling thread: libxml2 and the mapping each get a core. Requests
// travel in batches through a bounded queue (memory stays bounded) and their storage comes
// back for reuse.

#include "request.hpp"

#include <functional>
#include <istream>
#include <string>
#include <string_view>

namespace interop::aaf {

struct file_handlers {
    /** Comments outside requests, in file order with the requests (AAF header metadata). */
    std::function<void(std::string_view text)> on_comment;
    /** Each request; the handler may move from it. */
    std::function<void(request& r)> on_request;
};

/**
 * Parses `in` and calls the handlers on the calling thread. An error on either side stops
 * both; it is rethrown here (parse_error from the file, or whatever a handler threw).
 */
void read_requests(std::istream& in, const std::string& file, const xml::limits& lim, const file_handlers& handlers);

} // namespace interop::aaf
