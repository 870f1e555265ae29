// GET /v1/schools/{uai}/export?format=…: the school's data, as far as the client may read it, through any writer.
#include "auth/encoding.hpp"
#include "export/school_dataset.hpp"
#include "hub.hpp"
#include "routes/access.hpp"
#include "routes/present.hpp"
#include "routes/routes.hpp"

#include <interop/errors.hpp>

#include <fstream>
#include <sstream>

namespace hubd {

namespace {

std::string read_all(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

http::response export_school(const http::request& req, const path_params& p, hub& h) {
    auto who_or = authenticate(req, h);
    if (auto* refused = std::get_if<http::response>(&who_or)) return std::move(*refused);
    const auto& who = std::get<principal>(who_or);
    const auto& school = p.at("uai");
    if (!who.sees(school)) return no_such_school();
    const auto format_name = req.param("format").value_or("json");
    const auto* format = h.formats().find(format_name);
    if (!format || !format->can_write()) return http::error_response(400, "unknown_format", "no writable format named " + format_name);
    std::vector<std::string> kinds;
    for (const auto& k : all_kinds())
        if (who.has_scope(scope_for(k, false))) kinds.emplace_back(k.kind);
    if (kinds.empty()) return missing_scope("<domain>:read");

    const presenter view(who, h.pseudonym_key());
    auto ds = load_school(h.db(), school, kinds, [&](const stored_record& r) { return view.record(r); });
    const auto dir = h.spool() / ("export-" + random_hex(8));
    http::response res;
    try {
        interop::io::loss_log losses;
        const auto file = write_export(*format, ds, dir, school, losses);
        res.body = read_all(file);
        // What the format could not carry, by reason, as `interop convert` sums it up.
        if (!losses.empty()) res.set("Interop-Losses", losses.counts_by_code());
        res.set("Content-Type", file.extension() == ".zip" ? "application/zip" : format->media_type);
        res.set("Content-Disposition", "attachment; filename=\"" + file.filename().string() + "\"");
    } catch (const interop::error& e) {
        res = http::error_response(422, "cannot_export", e.what());
    }
    std::filesystem::remove_all(dir);
    h.audit().record({0, h.now(), who.client, "export", school, format->name, ds.size(), req.target, "", ""});
    return res;
}

} // namespace

void add_export_routes(router& r) { r.add({"GET", "/v1/schools/{uai}/export", export_school, 64 << 10, true}); }

} // namespace hubd
