#include "notify/channels.hpp"

#include "delivery/signature.hpp"
#include "json_writer.hpp"
#include "policy/school_rules.hpp"

#include <interop/text/sms.hpp>
#include <interop/text/templates.hpp>

#include <cstdio>

namespace hubd {

namespace {

std::string html_escape(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else if (c == '&') out += "&amp;";
        else if (c == '"') out += "&quot;";
        else out += c;
    }
    return out;
}

std::string euros(std::int64_t millicents) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f €", static_cast<double>(millicents) / 100'000);
    return buf;
}

} // namespace

std::string billing_month(millis at, const school_rules& rules) {
    const auto day = rules.window->zone().local(at / 1000).day;
    char buf[8];
    std::snprintf(buf, sizeof buf, "%04d-%02d", day.year, day.month);
    return buf;
}

send_result push_channel::send(notification_row& n, const school_rules&) {
    json_writer w;
    w.StartObject();
    w.member("id", n.id).member("school", n.school).member("recipient", n.recipient).member("recipient_kind", n.recipient_kind);
    w.member("event", n.event).member("subject", n.subject).member("body", n.body).member("language", n.language).member("urgent", n.urgent);
    w.EndObject();
    const auto body = w.str();
    const auto answer = m_call({"POST", m_settings.url,
                                {{"Content-Type", "application/json"},
                                 {"Interop-Notification-Id", n.id},
                                 {"Interop-Signature", sign_delivery(m_settings.secret, m_clock() / 1000, body)}},
                                body});
    send_result out;
    out.sent = answer.status / 100 == 2;
    if (!out.sent) {
        out.error = answer.status ? "push relay: HTTP " + std::to_string(answer.status) : "push relay: " + answer.error;
        out.final_failure = answer.status == 404 || answer.status == 410; // the relay knows no device for this person
    }
    return out;
}

send_result email_channel::send(notification_row& n, const school_rules& rules) {
    mail_message m;
    m.from = rules.notify.sender_address.empty() ? m_default_from : rules.notify.sender_address;
    m.from_name = rules.notify.sender_name.empty() ? rules.name : rules.notify.sender_name;
    m.to = n.address;
    m.subject = n.subject;
    m.text = n.body;
    const bool rtl = interop::text::right_to_left(n.language);
    m.html = "<!DOCTYPE html><html lang=\"" + n.language + "\"" + (rtl ? " dir=\"rtl\"" : "") + "><body><p>" + html_escape(n.body) +
             "</p></body></html>";
    m.message_id = "<" + n.id + "@" + (m.from.find('@') == std::string::npos ? "hubd" : m.from.substr(m.from.find('@') + 1)) + ">";
    return m_send(m);
}

const sms_gateway* sms_channel::gateway(const std::string& name) const {
    auto it = m_gateways.find(name);
    return it == m_gateways.end() ? nullptr : &it->second;
}

send_result sms_channel::send(notification_row& n, const school_rules& rules) {
    send_result out;
    out.final_failure = true;
    const auto quote = interop::messaging::cheapest_route(rules.notify.routes, n.address, n.body);
    if (!quote) {
        out.error = "no SMS route of the school serves " + n.address;
        return out;
    }
    const auto& route = quote->route->name;
    const auto* gw = gateway(rules.notify.route_gateway.at(route));
    if (!gw) {
        out.error = "route " + route + " names gateway " + rules.notify.route_gateway.at(route) + ", which hubd's configuration does not have";
        return out;
    }
    n.route = route;
    n.segments = static_cast<int>(quote->segments);
    n.cost_millicents = quote->millicents;
    const auto month = billing_month(m_clock(), rules);
    if (!m_store.charge_sms(n.school, month, route, n.segments, n.cost_millicents, rules.notify.budget_millicents)) {
        out.error = "the school's monthly SMS budget (" + euros(rules.notify.budget_millicents) + ") would be exceeded";
        n.cost_millicents = 0;
        return out;
    }
    const bool ucs2 = interop::text::segment_sms(n.body).encoding == interop::text::sms_encoding::ucs2;
    out = gw->send({n.address, n.body, n.id, ucs2});
    if (!out.sent) {
        m_store.refund_sms(n.school, month, route, n.segments, n.cost_millicents);
        n.cost_millicents = 0;
    }
    return out;
}

} // namespace hubd
