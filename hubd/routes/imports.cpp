// POST /v1/imports (a vendor file for one school) and GET /v1/imports/{id} (its report).
#include "auth/encoding.hpp"
#include "hub.hpp"
#include "routes/access.hpp"
#include "routes/routes.hpp"

#include <algorithm>
#include <fstream>

namespace hubd {

namespace {

bool any_write_scope(const principal& who) {
    return std::any_of(who.scopes.begin(), who.scopes.end(), [](const std::string& s) { return s.ends_with(":write"); });
}

/** The body in the spool folder, fsynced so that the import reads what was received. */
std::filesystem::path spool_body(hub& h, const std::string& id, const std::string& body) {
    const auto path = h.spool() / (id + ".upload");
    std::ofstream out(path, std::ios::binary);
    out.write(body.data(), static_cast<std::streamsize>(body.size()));
    out.close();
    if (!out) throw std::runtime_error("cannot write " + path.string());
    return path;
}

int status_of(import_failure f) {
    switch (f) {
    case import_failure::none: return 201;
    case import_failure::bad_request: return 400;
    case import_failure::forbidden: return 403;
    case import_failure::unreadable:
    case import_failure::invalid: return 422;
    }
    return 500;
}

http::response post_import(const http::request& req, const path_params&, hub& h) {
    auto who_or = authenticate(req, h);
    if (auto* refused = std::get_if<http::response>(&who_or)) return std::move(*refused);
    const auto& who = std::get<principal>(who_or);
    if (!any_write_scope(who)) return missing_scope("<domain>:write");
    const auto school = req.param("school");
    if (!school || school->empty()) return http::error_response(400, "missing_parameter", "school=UAI is required");
    if (!who.sees(*school)) return no_such_school();
    const auto format = req.param("format").value_or("");
    if (!format.empty() && !h.formats().find(format))
        return http::error_response(400, "unknown_format", "no format named " + format);
    if (req.body.empty()) return http::error_response(400, "empty_body", "the body must hold the file to import");

    import_request ir;
    ir.id = "imp_" + random_hex(10);
    ir.school = *school;
    ir.client = who.client;
    ir.format = format;
    ir.source_name = req.param("name").value_or("upload");
    ir.may_write = [&who](const std::string& kind) {
        const auto* k = find_kind(kind);
        return k && who.has_scope(scope_for(*k, true));
    };
    const auto result = run_spooled_import(h, ir, req.body);
    auto res = http::json_response(status_of(result.failure), result.row.report_json);
    res.set("Location", "/v1/imports/" + ir.id);
    return res;
}

http::response get_import(const http::request& req, const path_params& p, hub& h) {
    auto who_or = authenticate(req, h);
    if (auto* refused = std::get_if<http::response>(&who_or)) return std::move(*refused);
    const auto& who = std::get<principal>(who_or);
    const bool reads_or_writes = std::any_of(who.scopes.begin(), who.scopes.end(), [](const std::string& s) {
        return s.ends_with(":read") || s.ends_with(":write");
    });
    if (!reads_or_writes) return missing_scope("<domain>:read");
    const auto row = h.db().import(p.at("id"));
    if (!row || !std::get<principal>(who_or).sees(row->school)) return http::error_response(404, "not_found", "no such import");
    return http::json_response(200, row->report_json);
}

} // namespace

import_result run_spooled_import(hub& h, import_request ir, const std::string& body) {
    ir.file = spool_body(h, ir.id, body);
    import_result result;
    try {
        result = h.imports().run(ir);
    } catch (...) {
        std::filesystem::remove(ir.file);
        throw;
    }
    std::filesystem::remove(ir.file);
    if (result.failure == import_failure::none) h.changes().notify();
    h.metrics().count_import(result.failure == import_failure::none);
    return result;
}

void add_import_routes(router& r) {
    r.add({"POST", "/v1/imports", post_import, 256U << 20, true});
    r.add({"GET", "/v1/imports/{id}", get_import});
}

} // namespace hubd
