#pragma once
/**
 * @file The channels notifications go out through, each behind one interface: the push relay
 * (an ENT or app that pushes to phones), e-mail over SMTP, SMS through any operator's gateway.
 * The sockets are in hubd_server; here, what is sent and how an answer is read.
 */

#include "notify/notify_rules.hpp"
#include "store/notification_store.hpp"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace hubd {

struct school_rules;

struct send_result {
    bool sent = false;
    bool final_failure = false; ///< no retry helps (refused number, no budget left, bad address)
    std::string error;
    std::string external_id; ///< the operator's id, matched by delivery reports
};

class channel {
public:
    virtual ~channel() = default;
    /** Sends one notification; may set its route, segments and cost. Never throws. */
    virtual send_result send(notification_row& n, const school_rules& rules) = 0;
};

/** One HTTP exchange, as gateways and the push relay need it. */
struct http_call {
    std::string method = "POST", url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
};
struct http_answer {
    int status = 0; ///< 0: no answer (refused, timeout)
    std::string body, error;
};
using http_caller = std::function<http_answer(const http_call&)>;

/** An e-mail as the SMTP sender takes it: a multipart text and HTML message. */
struct mail_message {
    std::string from, from_name, to, subject, text, html, message_id;
};
using mail_sender = std::function<send_result(const mail_message&)>;

/** `%XX` escaping for URL query values and form bodies. */
std::string url_encode(std::string_view s);

} // namespace hubd
