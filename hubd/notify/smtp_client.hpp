#pragma once
/**
 * @file E-mail over SMTP (RFC 5321): EHLO, STARTTLS (RFC 3207) as the settings require, AUTH
 * PLAIN (RFC 4954) when credentials are set, then one message. A 5xx answer is final; a 4xx,
 * a timeout or a dropped connection is retried by the notifier.
 */

#include "notify/notify_settings.hpp"

namespace hubd {

/** A sender that opens one SMTP session per message. */
mail_sender make_smtp_sender(smtp_settings settings);

} // namespace hubd
