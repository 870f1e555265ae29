#include "oneroster_rest/rest_access.hpp"

#include "json_writer.hpp"
#include "routes/access.hpp"

#include <algorithm>

namespace hubd::oneroster_rest {

const std::vector<std::string>& scopes() {
    static const std::vector<std::string> out = [] {
        std::vector<std::string> s;
        for (const char* name : {"roster-core.readonly", "roster.readonly", "roster-demographics.readonly", "gradebook.readonly",
                                 "gradebook.createput", "gradebook.delete"})
            s.push_back(std::string(scope_prefix) + name);
        return s;
    }();
    return out;
}

http::response status_info(int status, std::string_view code_minor, std::string_view description) {
    json_writer w;
    w.StartObject();
    w.member("imsx_codeMajor", "failure").member("imsx_severity", "error").member("imsx_description", description);
    w.Key("imsx_CodeMinor");
    w.StartObject();
    w.Key("imsx_codeMinorField");
    w.StartArray();
    w.StartObject();
    w.member("imsx_codeMinorFieldName", "TargetEndSystem").member("imsx_codeMinorFieldValue", code_minor);
    w.EndObject();
    w.EndArray();
    w.EndObject();
    w.EndObject();
    return http::json_response(status, w.str());
}

namespace {

std::vector<std::string> scopes_for(service s) {
    auto full = [](const char* name) { return std::string(scope_prefix) + name; };
    switch (s) {
    case service::rostering: return {full("roster-core.readonly"), full("roster.readonly")};
    case service::demographics: return {full("roster-demographics.readonly"), full("roster.readonly")};
    case service::gradebook_read: return {full("gradebook.readonly"), full("gradebook.createput")};
    case service::gradebook_write: return {full("gradebook.createput")};
    case service::gradebook_delete: return {full("gradebook.delete")};
    }
    return {};
}

} // namespace

std::variant<principal, http::response> oneroster_caller(const http::request& req, hub& h, service s) {
    auto who_or = authenticate(req, h);
    if (auto* refused = std::get_if<http::response>(&who_or)) {
        auto res = status_info(401, "unauthorisedrequest", "a valid access token is required");
        if (auto challenge = refused->header("WWW-Authenticate")) res.set("WWW-Authenticate", *challenge);
        return res;
    }
    auto who = std::get<principal>(std::move(who_or));
    const auto wanted = scopes_for(s);
    if (std::none_of(wanted.begin(), wanted.end(), [&](const std::string& scope) { return who.has_scope(scope); })) {
        auto res = status_info(403, "forbidden", "this needs the scope " + wanted.front());
        res.set("WWW-Authenticate", R"(Bearer realm="hubd", error="insufficient_scope", scope=")" + wanted.front() + "\"");
        return res;
    }
    if (who.pseudonymous || !who.profile.empty())
        return status_info(403, "forbidden", "this client has a data-minimisation profile: OneRoster gives whole records, use the hub's /v1 API");
    return who;
}

} // namespace hubd::oneroster_rest
