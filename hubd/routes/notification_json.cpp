#include "routes/notification_json.hpp"

namespace hubd {

void write_notification(json_writer& w, const notification_row& n) {
    w.StartObject();
    w.member("id", n.id).member("school", n.school).member("event", n.event);
    if (!n.subject_record.empty()) w.member("subject_record", n.subject_record);
    w.member("recipient", n.recipient).member("recipient_kind", n.recipient_kind).member("channel", n.channel);
    w.member("address", n.address).member("language", n.language).member("subject", n.subject).member("body", n.body);
    w.member("urgent", n.urgent);
    if (n.urgent) w.member("reason", n.reason);
    w.member("status", n.status);
    if (!n.held_by.empty()) w.member("held_by", n.held_by);
    w.member("send_at", iso_time(n.send_at)).member("attempts", n.attempts);
    if (!n.last_error.empty()) w.member("last_error", n.last_error);
    if (!n.route.empty()) {
        w.member("route", n.route).member("segments", n.segments);
        w.Key("cost_euros");
        w.Double(euros_of(n.cost_millicents));
    }
    w.member("created_at", iso_time(n.created_at));
    if (n.sent_at) w.member("sent_at", iso_time(*n.sent_at));
    if (n.delivered_at) w.member("delivered_at", iso_time(*n.delivered_at));
    w.EndObject();
}

} // namespace hubd
