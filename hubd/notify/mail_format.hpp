#pragma once
/** @file An e-mail as it goes on the wire (RFC 5322, MIME multipart/alternative, UTF-8 in base64). */

#include "notify/channel.hpp"

#include <string>

namespace hubd {

std::string base64(std::string_view bytes);

/** Headers and body, CRLF line ends; `date` as in RFC 5322 ("Sun, 29 Nov 2026 19:30:00 +0000"). */
std::string format_mail(const mail_message& m, const std::string& date);

/** The body as sent after DATA: lines starting with '.' doubled, ended by CRLF.CRLF. */
std::string dot_stuffed(const std::string& message);

/** RFC 5322 date of a Unix time, in UTC. */
std::string mail_date(std::int64_t unix_seconds);

} // namespace hubd
