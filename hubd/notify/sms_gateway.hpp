#pragma once
/**
 * @file SMS through any operator: the Kannel gateway's `sendsms` interface, or an operator's
 * HTTP API described by configuration (URL, method, body template, headers, what a success
 * answer holds, where its message id is). Delivery reports come back to
 * `/v1/sms/reports/{gateway}` with the gateway's report token.
 */

#include "notify/channel.hpp"

#include <optional>

namespace hubd {

struct gateway_settings {
    std::string name;
    std::string type = "http"; ///< kannel or http
    std::string url;           ///< kannel: its sendsms URL (`http://host:13013/cgi-bin/sendsms`)
    std::string username, password, from;
    // http gateways
    std::string method = "POST";
    std::vector<std::pair<std::string, std::string>> headers;
    /** With `{to}`, `{text}`, `{from}`, `{id}`, `{coding}` (gsm7 or ucs2), each escaped for `encoding` (form or json). */
    std::string body_template;
    std::string encoding = "form";
    std::string success = "";           ///< a success answer holds this text (empty: any 2xx)
    std::string message_id_pattern;     ///< a regular expression whose first group is the operator's id
    std::vector<std::string> report_delivered{"delivered", "DELIVRD"};
    std::vector<std::string> report_failed{"failed", "UNDELIV", "REJECTD", "EXPIRED"};
    // both
    std::string report_token; ///< what reports must carry (`?token=`)
    std::string report_url;   ///< the hub's own base URL as the gateway reaches it, for kannel's dlr-url
};

struct sms_request {
    std::string to, text, notification_id;
    bool ucs2 = false;
};

class sms_gateway {
public:
    sms_gateway(gateway_settings settings, http_caller call) : m_settings(std::move(settings)), m_call(std::move(call)) {}
    send_result send(const sms_request& r) const;
    /** A delivery report's status: true delivered, false failed, nullopt an intermediate state. */
    std::optional<bool> report_outcome(const std::string& status) const;
    const gateway_settings& settings() const { return m_settings; }

private:
    http_call kannel_call(const sms_request& r) const;
    http_call http_gateway_call(const sms_request& r) const;

    gateway_settings m_settings;
    http_caller m_call;
};

} // namespace hubd
