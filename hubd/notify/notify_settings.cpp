#include "notify/notify_settings.hpp"

#include <interop/json/bounded.hpp>
#include <rapidjson/document.h>

#include <regex>
#include <stdexcept>

namespace hubd {

namespace {

using rapidjson::Value;

struct settings_reader {
    std::string file;

    [[noreturn]] void fail(const std::string& member, const std::string& problem) const {
        throw std::runtime_error(file + ": notifications." + member + ": " + problem);
    }
    std::string text(const Value& obj, const char* name, const std::string& path, std::string fallback = "") const {
        auto it = obj.FindMember(name);
        if (it == obj.MemberEnd()) return fallback;
        if (!it->value.IsString()) fail(path + name, "must be a string");
        return it->value.GetString();
    }
    double number(const Value& obj, const char* name, double fallback) const {
        auto it = obj.FindMember(name);
        if (it == obj.MemberEnd()) return fallback;
        if (!it->value.IsNumber() || it->value.GetDouble() <= 0) fail(name, "must be a number above 0");
        return it->value.GetDouble();
    }
    const Value* object(const Value& obj, const char* name, const std::string& path) const {
        auto it = obj.FindMember(name);
        if (it == obj.MemberEnd()) return nullptr;
        if (!it->value.IsObject()) fail(path + name, "must be an object");
        return &it->value;
    }

    gateway_settings gateway(const std::string& name, const Value& v, const std::string& report_url) const {
        const auto path = "sms_gateways." + name + ".";
        if (!v.IsObject()) fail("sms_gateways." + name, "must be an object");
        gateway_settings g;
        g.name = name;
        g.type = text(v, "type", path, "http");
        if (g.type != "kannel" && g.type != "http") fail(path + "type", "is kannel or http");
        g.url = text(v, "url", path);
        if (!g.url.starts_with("http://") && !g.url.starts_with("https://")) fail(path + "url", "must be an http or https URL");
        g.username = text(v, "username", path);
        g.password = text(v, "password", path);
        g.from = text(v, "from", path);
        g.method = text(v, "method", path, "POST");
        g.body_template = text(v, "body", path);
        g.encoding = text(v, "encoding", path, "form");
        if (g.encoding != "form" && g.encoding != "json") fail(path + "encoding", "is form or json");
        g.success = text(v, "success", path);
        g.message_id_pattern = text(v, "message_id", path);
        try {
            std::regex check(g.message_id_pattern);
        } catch (const std::regex_error& e) {
            fail(path + "message_id", std::string("is not a regular expression: ") + e.what());
        }
        if (const auto* headers = object(v, "headers", path))
            for (const auto& h : headers->GetObject()) {
                if (!h.value.IsString()) fail(path + "headers", "values must be strings");
                g.headers.emplace_back(h.name.GetString(), h.value.GetString());
            }
        for (auto [member, into] : {std::pair{"report_delivered", &g.report_delivered}, std::pair{"report_failed", &g.report_failed}})
            if (auto it = v.FindMember(member); it != v.MemberEnd()) {
                if (!it->value.IsArray()) fail(path + member, "must be an array of status names");
                into->clear();
                for (const auto& status : it->value.GetArray())
                    if (status.IsString()) into->emplace_back(status.GetString());
            }
        g.report_token = text(v, "report_token", path);
        g.report_url = text(v, "report_url", path, report_url);
        if (g.type == "kannel" && (g.report_token.empty() || g.report_url.empty()))
            fail(path + "report_token", "kannel gateways need report_token, and report_url (or the hub's public_url) for delivery reports");
        return g;
    }
};

} // namespace

std::set<std::string> notify_settings::channels() const {
    std::set<std::string> out;
    if (push) out.insert("push");
    if (smtp) out.insert("email");
    if (!gateways.empty()) out.insert("sms");
    return out;
}

notify_settings read_notify_settings(const std::string& json_member, const std::string& file, const std::string& public_url) {
    rapidjson::Document d;
    const bool unparsed = interop::json::parse_bounded(json_member, d).has_value();
    const settings_reader r{file};
    if (unparsed || !d.IsObject()) r.fail("", "must be an object");
    notify_settings s;
    s.rate_per_second = r.number(d, "rate_per_second", s.rate_per_second);
    s.max_attempts = static_cast<int>(r.number(d, "max_attempts", s.max_attempts));
    s.retry_ms = static_cast<millis>(r.number(d, "retry_seconds", static_cast<double>(s.retry_ms) / 1000) * 1000);
    s.http_timeout = std::chrono::seconds(static_cast<int>(r.number(d, "timeout_seconds", static_cast<double>(s.http_timeout.count()))));
    s.default_from = r.text(d, "default_from", "", s.default_from);
    if (const auto* p = r.object(d, "push", "")) s.push = push_settings{r.text(*p, "url", "push."), r.text(*p, "secret", "push.")};
    if (const auto* m = r.object(d, "smtp", "")) {
        smtp_settings smtp;
        smtp.host = r.text(*m, "host", "smtp.");
        if (smtp.host.empty()) r.fail("smtp.host", "is required");
        if (auto it = m->FindMember("port"); it != m->MemberEnd()) {
            if (!it->value.IsUint()) r.fail("smtp.port", "must be a port number");
            smtp.port = std::to_string(it->value.GetUint());
        }
        smtp.starttls = r.text(*m, "starttls", "smtp.", smtp.starttls);
        if (smtp.starttls != "required" && smtp.starttls != "optional" && smtp.starttls != "off")
            r.fail("smtp.starttls", "is required, optional or off");
        smtp.username = r.text(*m, "username", "smtp.");
        smtp.password = r.text(*m, "password", "smtp.");
        smtp.helo = r.text(*m, "helo", "smtp.", smtp.helo);
        if (auto it = m->FindMember("verify_peer"); it != m->MemberEnd() && it->value.IsBool()) smtp.verify_peer = it->value.GetBool();
        smtp.timeout = s.http_timeout * 3;
        s.smtp = smtp;
    }
    const auto report_url = r.text(d, "report_url", "", public_url);
    if (const auto* g = r.object(d, "sms_gateways", ""))
        for (const auto& m : g->GetObject()) s.gateways.emplace(m.name.GetString(), r.gateway(m.name.GetString(), m.value, report_url));
    return s;
}

} // namespace hubd
