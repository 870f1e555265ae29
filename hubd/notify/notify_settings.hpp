#pragma once
/**
 * @file The hub operator's side of notifications, in hubd's configuration file:
 *
 *     "notifications": {
 *       "rate_per_second": 20, "max_attempts": 5, "retry_seconds": 60,
 *       "default_from": "ne-pas-repondre@hub.example",
 *       "push": {"url": "https://ent.example/push", "secret": "…"},
 *       "smtp": {"host": "127.0.0.1", "port": 25, "starttls": "required", "username": "…", "password": "…"},
 *       "report_url": "https://hub.example",
 *       "sms_gateways": {
 *         "kannel": {"type": "kannel", "url": "http://127.0.0.1:13013/cgi-bin/sendsms", "username": "…", "password": "…",
 *                    "report_token": "…"},
 *         "operator-b": {"type": "http", "url": "https://api.operator.example/sms", "method": "POST",
 *                        "headers": {"Authorization": "Bearer …"}, "encoding": "json",
 *                        "body": "{\"to\": \"{to}\", \"text\": \"{text}\"}", "success": "\"accepted\"",
 *                        "message_id": "\"id\": *\"([^\"]+)\"", "report_token": "…"}}}
 *
 * Which channels the hub has follows from what is configured. Schools choose their routes among
 * these gateways, with their prices and budget (notify_rules).
 */

#include "notify/channels.hpp"

#include <chrono>
#include <optional>
#include <set>

namespace hubd {

struct smtp_settings {
    std::string host, port = "25";
    std::string starttls = "required"; ///< required, optional (when offered) or off
    std::string username, password;    ///< AUTH PLAIN after STARTTLS, when set
    std::string helo = "hubd";
    bool verify_peer = true;           ///< check the server's certificate (off only for a test server)
    std::chrono::seconds timeout{30};
};

struct notify_settings {
    double rate_per_second = 20; ///< at most this many sends a second, whatever the backlog (the Monday wave)
    int max_attempts = 5;
    millis retry_ms = 60'000;    ///< first retry wait; doubles each time, at most an hour
    std::string default_from = "hubd@localhost";
    std::optional<push_settings> push;
    std::optional<smtp_settings> smtp;
    std::map<std::string, gateway_settings> gateways;
    std::chrono::seconds http_timeout{10};

    /** The channels this hub can send through. */
    std::set<std::string> channels() const;
};

/** Reads the `notifications` member; @throws std::runtime_error naming the member. */
notify_settings read_notify_settings(const std::string& json_member, const std::string& file, const std::string& public_url);

} // namespace hubd
