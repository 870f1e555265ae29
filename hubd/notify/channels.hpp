#pragma once
/** @file The three channels: the push relay, e-mail, SMS (cheapest route, within the school's monthly budget). */

#include "notify/channel.hpp"
#include "notify/sms_gateway.hpp"
#include "store/notification_store.hpp"

namespace hubd {

struct push_settings {
    std::string url, secret; ///< the relay's endpoint; the HMAC secret it checks (like webhooks)
};

/** Posts `{id, school, recipient, event, subject, body, language, urgent}` to the relay, signed. */
class push_channel : public channel {
public:
    push_channel(push_settings settings, http_caller call, std::function<millis()> clock)
        : m_settings(std::move(settings)), m_call(std::move(call)), m_clock(std::move(clock)) {}
    send_result send(notification_row& n, const school_rules& rules) override;

private:
    push_settings m_settings;
    http_caller m_call;
    std::function<millis()> m_clock;
};

/** Text and HTML from the school's sender address (else the hub's). */
class email_channel : public channel {
public:
    email_channel(mail_sender send, std::string default_from) : m_send(std::move(send)), m_default_from(std::move(default_from)) {}
    send_result send(notification_row& n, const school_rules& rules) override;

private:
    mail_sender m_send;
    std::string m_default_from;
};

class sms_channel : public channel {
public:
    sms_channel(notification_store& store, std::map<std::string, sms_gateway> gateways, std::function<millis()> clock)
        : m_store(store), m_gateways(std::move(gateways)), m_clock(std::move(clock)) {}
    send_result send(notification_row& n, const school_rules& rules) override;
    const sms_gateway* gateway(const std::string& name) const;

private:
    notification_store& m_store;
    std::map<std::string, sms_gateway> m_gateways;
    std::function<millis()> m_clock;
};

/** `YYYY-MM` of an instant in the school's time: the month its SMS are billed to. */
std::string billing_month(millis at, const school_rules& rules);

} // namespace hubd
