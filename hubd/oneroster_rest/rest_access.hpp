#pragma once
/**
 * @file What every OneRoster route checks and how it refuses: OAuth2 bearer tokens carrying
 * the OneRoster scopes, the client's schools, and errors as `imsx_StatusInfo` with the
 * binding's code-minor values.
 */

#include "auth/authenticator.hpp"
#include "http/message.hpp"

#include <optional>
#include <string_view>
#include <variant>

namespace hubd {
class hub;
}

namespace hubd::oneroster_rest {

inline constexpr std::string_view scope_prefix = "https://purl.imsglobal.org/spec/or/v1p2/scope/";
/** The OneRoster 1.2 scopes a client may be granted. */
const std::vector<std::string>& scopes();

/** `{"imsx_codeMajor": "failure", "imsx_severity": "error", "imsx_description": …, "imsx_CodeMinor": …}`. */
http::response status_info(int status, std::string_view code_minor, std::string_view description);

/** What a route serves, for its scope check. */
enum class service { rostering, demographics, gradebook_read, gradebook_write, gradebook_delete };

/**
 * The caller, if its token is valid and holds a scope for the service: 401 unauthorisedrequest,
 * 403 forbidden (a missing scope; a client with a data-minimisation profile or pseudonyms, which
 * OneRoster's whole records would bypass).
 */
std::variant<principal, http::response> oneroster_caller(const http::request& req, hub& h, service s);

} // namespace hubd::oneroster_rest
