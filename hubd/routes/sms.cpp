// What a school spends on SMS (GET /v1/schools/{uai}/sms/costs), and the delivery reports that
// gateways send back (GET or POST /v1/sms/reports/{gateway}?token=&id=&status=).
#include "hub.hpp"
#include "notify/sms_gateway.hpp"
#include "routes/access.hpp"
#include "routes/notification_json.hpp"
#include "routes/routes.hpp"

#include <openssl/crypto.h>

#include <map>

namespace hubd {

namespace {

void write_month(json_writer& w, const std::string& month, const std::vector<const sms_spending_row*>& rows, std::int64_t budget) {
    std::uint64_t messages = 0, segments = 0;
    std::int64_t spent = 0;
    for (const auto* r : rows) messages += r->messages, segments += r->segments, spent += r->millicents;
    w.StartObject();
    w.member("month", month).member("messages", messages).member("segments", segments);
    w.Key("spent_euros");
    w.Double(euros_of(spent));
    w.Key("budget_euros");
    w.Double(euros_of(budget));
    w.Key("routes");
    w.StartArray();
    for (const auto* r : rows) {
        w.StartObject();
        w.member("route", r->route).member("messages", r->messages).member("segments", r->segments);
        w.Key("spent_euros");
        w.Double(euros_of(r->millicents));
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
}

http::response sms_costs(const http::request& req, const path_params& p, hub& h) {
    auto who_or = authenticate(req, h);
    if (auto* refused = std::get_if<http::response>(&who_or)) return std::move(*refused);
    const auto& who = std::get<principal>(who_or);
    if (!who.sees(p.at("uai"))) return no_such_school();
    if (!who.has_scope("notifications:read")) return missing_scope("notifications:read");
    const auto rows = h.db().notifications().sms_spending(p.at("uai"));
    std::map<std::string, std::vector<const sms_spending_row*>> months;
    for (const auto& r : rows) months[r.month].push_back(&r);
    const auto rules = h.rules().of(p.at("uai"));
    json_writer w;
    w.StartObject();
    w.member("school", p.at("uai"));
    w.Key("budget_euros_per_month");
    w.Double(euros_of(rules->notify.budget_millicents));
    w.Key("months");
    w.StartArray();
    for (const auto& [month, of_month] : months) write_month(w, month, of_month, rules->notify.budget_millicents);
    w.EndArray();
    w.EndObject();
    return http::json_response(200, w.str());
}

bool same_secret(const std::string& a, const std::string& b) {
    return !a.empty() && a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

/** A report's parameters, from the query or a form body. */
std::string report_param(const http::request& req, std::string_view name) {
    if (auto v = req.param(name)) return *v;
    const auto form = http::make_request("GET", "/?" + req.body, "", {});
    return form.param(name).value_or("");
}

http::response delivery_report(const http::request& req, const path_params& p, hub& h) {
    const auto& gateways = h.settings().notify.gateways;
    const auto it = gateways.find(p.at("gateway"));
    if (it == gateways.end() || !same_secret(report_param(req, "token"), it->second.report_token))
        return http::error_response(403, "forbidden", "no such gateway, or not its report token");
    const sms_gateway gateway(it->second, nullptr);
    const auto id = report_param(req, "id"), status = report_param(req, "status");
    auto n = h.db().notifications().notification_by_external_id(id);
    if (!n && it->second.type == "kannel") n = h.db().notifications().notification(id); // the report came before the send was recorded
    if (!n) return http::error_response(404, "not_found", "no notification has this message id");
    const auto outcome = gateway.report_outcome(status);
    if (outcome && *outcome) {
        n->status = "delivered";
        n->delivered_at = h.policy_now();
    } else if (outcome) {
        n->status = "failed";
        n->last_error = "the operator reports it undelivered (status " + status + ")";
    }
    if (outcome) h.db().notifications().update_notification(*n);
    return http::no_content();
}

} // namespace

void add_sms_routes(router& r) {
    r.add({"GET", "/v1/schools/{uai}/sms/costs", sms_costs});
    r.add({"GET", "/v1/sms/reports/{gateway}", delivery_report});
    r.add({"POST", "/v1/sms/reports/{gateway}", delivery_report});
}

} // namespace hubd
