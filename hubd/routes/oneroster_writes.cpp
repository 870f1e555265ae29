// OneRoster 1.2 gradebook write-back: PUT and DELETE of lineItems and results by clients
// holding gradebook.createput / gradebook.delete. The object is read against the school's
// package (its class, category, period, student), mapped like a CSV row, and imported as a
// delta: it enters the change feed, the outbox and the audit log like any import.
#include "auth/encoding.hpp"
#include "hub.hpp"
#include "oneroster_rest/rest_access.hpp"
#include "oneroster_rest/rest_query.hpp"
#include "oneroster_rest/rest_view.hpp"
#include "routes/access.hpp"
#include "routes/routes.hpp"

#include "oneroster/oneroster_import.hpp"
#include "oneroster/oneroster_index.hpp"

#include <interop/io/sink.hpp>
#include <interop/json/bounded.hpp>
#include <interop/json/canonical.hpp>

#include <rapidjson/document.h>

namespace hubd {

namespace {

using namespace oneroster_rest;
namespace or_csv = interop::oneroster;

/** What a write-back works on: the line items (assessments) or the results (grade results). */
struct writable {
    std::string_view path, file, one, kind;
};
constexpr writable line_items{"lineItems", "lineItems", "lineItem", "assessment"};
constexpr writable results{"results", "results", "result", "grade_result"};

/** Body member → CSV column: text members, then GUIDRef members by their sourcedId. */
const std::map<std::string_view, std::vector<std::pair<std::string_view, std::string_view>>> body_columns = {
    {"lineItems", {{"title", "title"}, {"description", "description"}, {"assignDate", "assignDate"}, {"dueDate", "dueDate"},
                   {"class", "classSourcedId"}, {"category", "categorySourcedId"}, {"gradingPeriod", "gradingPeriodSourcedId"},
                   {"resultValueMin", "resultValueMin"}, {"resultValueMax", "resultValueMax"}}},
    {"results", {{"lineItem", "lineItemSourcedId"}, {"student", "studentSourcedId"}, {"scoreStatus", "scoreStatus"}, {"score", "score"},
                 {"textScore", "textScore"}, {"scoreDate", "scoreDate"}, {"comment", "comment"}}},
};

const or_csv::row* row_in(const or_csv::package& p, std::string_view file, std::string_view sid) {
    if (const auto* t = p.find(file))
        for (const auto& r : t->rows)
            if (r["sourcedId"] == sid) return &r;
    return nullptr;
}

/** The school (among the client's) whose package holds that row. */
std::shared_ptr<const school_objects> school_with(hub& h, const principal& who, std::string_view file, std::string_view sid, std::string& uai) {
    for (const auto& school : h.db().schools())
        if (who.sees(school))
            if (auto objects = h.oneroster().school(h, school); row_in(objects->package(), file, sid)) {
                uai = school;
                return objects;
            }
    return nullptr;
}

/** The body's object as CSV cells over the row it replaces (keeping our metadata columns), or why it cannot be. */
std::variant<or_csv::row, std::string> row_of_body(const std::string& body, const writable& w, const std::string& sid, const or_csv::row* existing) {
    rapidjson::Document doc;
    if (interop::json::parse_bounded(body, doc) || !doc.IsObject() || !doc.HasMember(w.one.data()) || !doc[w.one.data()].IsObject())
        return "the body must be {\"" + std::string(w.one) + "\": {…}}";
    const auto& o = doc[w.one.data()];
    if (o.HasMember("sourcedId") && (!o["sourcedId"].IsString() || o["sourcedId"].GetString() != sid)) return "the body's sourcedId is not the one in the path";
    or_csv::row r = existing ? *existing : or_csv::row{};
    r.cells["sourcedId"] = sid;
    r.cells["status"] = "active";
    r.file = "PUT " + std::string(w.path) + "/" + sid;
    for (const auto& [member, column] : body_columns.at(w.file)) {
        const auto it = o.FindMember(member.data());
        if (it == o.MemberEnd() || it->value.IsNull()) continue;
        const auto& v = it->value.IsObject() && it->value.HasMember("sourcedId") ? it->value["sourcedId"] : it->value;
        if (v.IsString()) r.cells[std::string(column)] = v.GetString();
        else if (v.IsNumber()) r.cells[std::string(column)] = or_csv::number_text(v.GetDouble());
        else return std::string(member) + " must be a string, a number or a GUIDRef";
    }
    return r;
}

/** Reads the package with the row put in, and returns the one record the row became. */
std::optional<interop::model::any_record> record_of(or_csv::package p, const writable& w, const or_csv::row& r, const std::string& uai,
                                                    interop::diagnostics& diags) {
    auto& rows = p.at(w.file).rows;
    std::erase_if(rows, [&](const or_csv::row& x) { return x["sourcedId"] == r["sourcedId"]; });
    rows.push_back(r);
    interop::model::dataset ds;
    interop::io::dataset_sink sink(ds);
    interop::read_options opt;
    opt.school = uai;
    or_csv::read_records(p, opt, sink, diags);
    const auto id = or_csv::package_index::id_of(r);
    std::optional<interop::model::any_record> out;
    interop::model::for_each_kind([&]<class K>(std::type_identity<K>) {
        if (K::kind != w.kind) return;
        for (auto& rec : ds.all<K>())
            if (rec.id == id && rec.school == uai) out = std::move(rec);
    });
    return out;
}

/** Imports the record (or its deletion) as a delta, then answers with the object as now served (204 for a deletion). */
http::response import_change(hub& h, const principal& who, const writable& w, const std::string& uai, interop::model::any_record rec, bool created,
                             const std::string& sid) {
    const bool deleting = std::holds_alternative<interop::model::deletion>(rec);
    interop::model::dataset delta;
    delta.metadata.scope = interop::model::scope::delta;
    delta.metadata.source = "OneRoster " + std::string(w.path) + " write-back";
    delta.add(std::move(rec));
    import_request ir;
    ir.id = "imp_" + random_hex(10);
    ir.school = uai;
    ir.client = who.client;
    ir.format = "json";
    ir.source_name = std::string(deleting ? "DELETE " : "PUT ") + std::string(gradebook_base) + "/" + std::string(w.path) + "/" + sid;
    ir.may_write = [&w](const std::string& kind) { return kind == w.kind; };
    const auto result = run_spooled_import(h, ir, interop::json::to_document(delta));
    if (result.failure != import_failure::none) return status_info(422, "invalid_data", result.row.report_json);
    if (deleting) return http::response{204, {}, {}, {}};
    const auto objects = h.oneroster().school(h, uai);
    for (const auto* o : objects->of(w.file))
        if (std::string_view((*o)["sourcedId"].GetString()) == sid) return http::json_response(created ? 201 : 200, render_one(w.one, *o, {}));
    return status_info(500, "internal_server_error", "the object was stored but is not served back");
}

route_handler put_handler(const writable& w) {
    return [&w](const http::request& req, const path_params& p, hub& h) {
        auto who_or = oneroster_caller(req, h, service::gradebook_write);
        if (auto* refused = std::get_if<http::response>(&who_or)) return std::move(*refused);
        const auto& who = std::get<principal>(who_or);
        const auto& sid = p.at("id");
        std::string uai;
        auto school = school_with(h, who, w.file, sid, uai);
        const auto* existing = school ? row_in(school->package(), w.file, sid) : nullptr;
        auto row_or = row_of_body(req.body, w, sid, existing);
        if (auto* problem = std::get_if<std::string>(&row_or)) return status_info(400, "invalid_data", *problem);
        auto& r = std::get<or_csv::row>(row_or);
        if (!school) { // a new one: it goes where its class (line item) or line item (result) is
            const bool item = w.file == "lineItems";
            school = school_with(h, who, item ? "classes" : "lineItems", r[item ? "classSourcedId" : "lineItemSourcedId"], uai);
            if (!school) return status_info(404, "unknownobject", item ? "no class with this sourcedId for this client" : "no line item with this sourcedId for this client");
        }
        interop::diagnostics diags;
        auto rec = record_of(school->package(), w, r, uai, diags);
        if (!rec) {
            std::string why;
            for (const auto& d : diags.items())
                if (d.severity != interop::severity::info) why += (why.empty() ? "" : "; ") + d.message;
            return status_info(400, "invalid_data", why.empty() ? "the object does not map to a " + std::string(w.kind) : why);
        }
        return import_change(h, who, w, uai, std::move(*rec), existing == nullptr, sid);
    };
}

route_handler delete_handler(const writable& w) {
    return [&w](const http::request& req, const path_params& p, hub& h) {
        auto who_or = oneroster_caller(req, h, service::gradebook_delete);
        if (auto* refused = std::get_if<http::response>(&who_or)) return std::move(*refused);
        const auto& who = std::get<principal>(who_or);
        std::string uai;
        const auto school = school_with(h, who, w.file, p.at("id"), uai);
        if (!school) return status_info(404, "unknownobject", "no " + std::string(w.one) + " with this sourcedId");
        interop::model::deletion d;
        d.target_kind = std::string(w.kind);
        d.target_id = or_csv::package_index::id_of(*row_in(school->package(), w.file, p.at("id")));
        d.id = d.target_kind + ":" + d.target_id;
        d.school = uai;
        return import_change(h, who, w, uai, std::move(d), false, p.at("id"));
    };
}

} // namespace

void add_oneroster_write_routes(router& r) {
    for (const auto* w : {&line_items, &results}) {
        const auto path = std::string(gradebook_base) + "/" + std::string(w->path) + "/{id}";
        r.add({"PUT", path, put_handler(*w), 64 << 10, true});
        r.add({"DELETE", path, delete_handler(*w), 64 << 10, true});
    }
}

} // namespace hubd
