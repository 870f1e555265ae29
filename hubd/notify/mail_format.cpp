#include "notify/mail_format.hpp"

#include <ctime>

namespace hubd {

namespace {

/** `=?UTF-8?B?…?=` when the text is not plain ASCII. */
std::string header_text(const std::string& s) {
    for (unsigned char c : s)
        if (c >= 0x80 || c < 0x20) return "=?UTF-8?B?" + base64(s) + "?=";
    return s;
}

std::string wrapped(const std::string& b64) {
    std::string out;
    for (std::size_t i = 0; i < b64.size(); i += 76) out += b64.substr(i, 76) + "\r\n";
    return out;
}

std::string part(const std::string& boundary, const char* type, const std::string& content) {
    return "--" + boundary + "\r\nContent-Type: " + type + "; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
           wrapped(base64(content));
}

} // namespace

std::string base64(std::string_view bytes) {
    static const char* table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const unsigned v = static_cast<unsigned char>(bytes[i]) << 16 | static_cast<unsigned char>(bytes[i + 1]) << 8 |
                           static_cast<unsigned char>(bytes[i + 2]);
        out += table[v >> 18], out += table[v >> 12 & 63], out += table[v >> 6 & 63], out += table[v & 63];
    }
    if (i + 1 == bytes.size()) {
        const unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
        out += table[v >> 18], out += table[v >> 12 & 63], out += "==";
    } else if (i + 2 == bytes.size()) {
        const unsigned v = static_cast<unsigned char>(bytes[i]) << 16 | static_cast<unsigned char>(bytes[i + 1]) << 8;
        out += table[v >> 18], out += table[v >> 12 & 63], out += table[v >> 6 & 63], out += '=';
    }
    return out;
}

std::string mail_date(std::int64_t unix_seconds) {
    const std::time_t t = unix_seconds;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    return buf;
}

std::string format_mail(const mail_message& m, const std::string& date) {
    const std::string boundary = "=_hubd_" + std::to_string(std::hash<std::string>{}(m.message_id));
    std::string out;
    out += "From: " + (m.from_name.empty() ? "" : header_text(m.from_name) + " ") + "<" + m.from + ">\r\n";
    out += "To: <" + m.to + ">\r\n";
    out += "Subject: " + header_text(m.subject) + "\r\n";
    out += "Date: " + date + "\r\n";
    out += "Message-ID: " + m.message_id + "\r\n";
    out += "Auto-Submitted: auto-generated\r\n";
    out += "MIME-Version: 1.0\r\n";
    out += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n";
    out += part(boundary, "text/plain", m.text);
    out += part(boundary, "text/html", m.html);
    out += "--" + boundary + "--\r\n";
    return out;
}

std::string dot_stuffed(const std::string& message) {
    std::string out;
    bool line_start = true;
    for (char c : message) {
        if (line_start && c == '.') out += '.';
        out += c;
        line_start = c == '\n';
    }
    if (!out.ends_with("\r\n")) out += "\r\n";
    return out + ".\r\n";
}

} // namespace hubd
