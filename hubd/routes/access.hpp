#pragma once
/** @file What every route checks first: who is calling, with which scopes, for which schools. */

#include "auth/authenticator.hpp"
#include "http/message.hpp"
#include "import/importer.hpp"
#include "kinds.hpp"

#include <optional>
#include <variant>

namespace hubd {

class hub;

/** The caller, or the response that refuses it (401). */
using caller = std::variant<principal, http::response>;

/** Reads `Authorization: Bearer …`; 401 with `WWW-Authenticate` when absent or invalid. */
caller authenticate(const http::request& req, hub& h);
/** 403 `insufficient_scope` naming the scope. */
http::response missing_scope(std::string_view scope);
/** 404 that says the same whether the school is absent or another client's. */
http::response no_such_school();
/** The scope that reads (`roster:read`) or writes a kind. */
std::string scope_for(const kind_info& k, bool write);

/** Query helpers: a bounded unsigned number, or nullopt when absent; a 400 response in `error` when bad. */
std::optional<std::uint64_t> number_param(const http::request& req, std::string_view name, std::uint64_t max,
                                          std::optional<http::response>& error);
/**
 * Runs an import of `body` (written to the spool folder first, removed after), wakes the
 * change feed's long-polls when it committed, and counts it. `ir.file` is set here.
 */
import_result run_spooled_import(hub& h, import_request ir, const std::string& body);

/** A comma-separated list (empty when absent). */
std::vector<std::string> list_param(const http::request& req, std::string_view name);

} // namespace hubd
