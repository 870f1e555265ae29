#include "notify/sms_gateway.hpp"

#include <algorithm>
#include <regex>

namespace hubd {

namespace {

std::string json_escape(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\', out += c;
        else if (c == '\n') out += "\\n";
        else if (static_cast<unsigned char>(c) < 0x20) out += ' ';
        else out += c;
    }
    return out;
}

std::string fill(std::string text, const std::map<std::string, std::string>& values, bool json) {
    for (const auto& [name, value] : values) {
        const auto placeholder = "{" + name + "}";
        const auto escaped = json ? json_escape(value) : url_encode(value);
        for (auto at = text.find(placeholder); at != std::string::npos; at = text.find(placeholder, at + escaped.size()))
            text.replace(at, placeholder.size(), escaped);
    }
    return text;
}

std::string answer_text(const http_answer& a) {
    auto body = a.body.substr(0, 200);
    return a.status ? "HTTP " + std::to_string(a.status) + (body.empty() ? "" : ": " + body) : a.error;
}

} // namespace

std::string url_encode(std::string_view s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') out += static_cast<char>(c);
        else out += '%', out += hex[c >> 4], out += hex[c & 15];
    }
    return out;
}

http_call sms_gateway::kannel_call(const sms_request& r) const {
    const auto& s = m_settings;
    std::string dlr = s.report_url + "/v1/sms/reports/" + s.name + "?token=" + url_encode(s.report_token) + "&id=" + r.notification_id +
                      "&status=%d";
    std::string url = s.url + (s.url.find('?') == std::string::npos ? "?" : "&");
    url += "username=" + url_encode(s.username) + "&password=" + url_encode(s.password) + "&to=" + url_encode(r.to);
    if (!s.from.empty()) url += "&from=" + url_encode(s.from);
    url += "&text=" + url_encode(r.text) + "&charset=UTF-8&coding=" + (r.ucs2 ? "2" : "0");
    url += "&dlr-mask=19&dlr-url=" + url_encode(dlr); // 1 delivered, 2 failed, 16 refused by the operator
    return {"GET", url, {}, ""};
}

http_call sms_gateway::http_gateway_call(const sms_request& r) const {
    const auto& s = m_settings;
    const std::map<std::string, std::string> values{
        {"to", r.to}, {"text", r.text}, {"from", s.from}, {"id", r.notification_id}, {"coding", r.ucs2 ? "ucs2" : "gsm7"}};
    http_call c{s.method, fill(s.url, values, false), s.headers, fill(s.body_template, values, s.encoding == "json")};
    const bool has_type = std::any_of(c.headers.begin(), c.headers.end(), [](const auto& h) { return h.first == "Content-Type"; });
    if (!c.body.empty() && !has_type)
        c.headers.emplace_back("Content-Type", s.encoding == "json" ? "application/json" : "application/x-www-form-urlencoded");
    return c;
}

send_result sms_gateway::send(const sms_request& r) const {
    const bool kannel = m_settings.type == "kannel";
    const auto answer = m_call(kannel ? kannel_call(r) : http_gateway_call(r));
    send_result out;
    if (answer.status / 100 != 2) {
        out.error = m_settings.name + ": " + answer_text(answer);
        out.final_failure = answer.status / 100 == 4 && answer.status != 429; // the request itself is refused
        return out;
    }
    // Kannel: "0: Accepted for delivery", "3: Queued for later delivery"; anything else is a refusal.
    const bool accepted = kannel ? answer.body.starts_with("0:") || answer.body.starts_with("3:")
                                 : answer.body.find(m_settings.success) != std::string::npos;
    if (!accepted) {
        out.error = m_settings.name + ": " + answer_text(answer);
        out.final_failure = true;
        return out;
    }
    out.sent = true;
    out.external_id = r.notification_id;
    if (!kannel && !m_settings.message_id_pattern.empty()) {
        std::smatch m;
        if (std::regex_search(answer.body, m, std::regex(m_settings.message_id_pattern)) && m.size() > 1) out.external_id = m[1].str();
    }
    return out;
}

std::optional<bool> sms_gateway::report_outcome(const std::string& status) const {
    if (m_settings.type == "kannel") { // the dlr-mask bits: 1 delivered, 2 failed, 4 buffered, 8 submitted, 16 refused
        if (status == "1") return true;
        if (status == "2" || status == "16") return false;
        return std::nullopt;
    }
    auto in = [&](const std::vector<std::string>& names) { return std::find(names.begin(), names.end(), status) != names.end(); };
    if (in(m_settings.report_delivered)) return true;
    if (in(m_settings.report_failed)) return false;
    return std::nullopt;
}

} // namespace hubd
