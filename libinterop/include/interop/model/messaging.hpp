#pragma once
/** @file Messaging domain: notifications toward families and staff. */

#include <interop/model/news.hpp>
#include <interop/model/people.hpp>

namespace interop::model {

enum class notification_status { pending, held, sent, delivered, failed, cancelled };
template <> struct enum_names<notification_status> {
    static constexpr std::array<std::string_view, 6> values{"pending", "held", "sent", "delivered", "failed", "cancelled"};
};

struct notification : record {
    static constexpr std::string_view kind = "notification", collection = "notifications";
    static constexpr std::string_view summary = "A message to one person through one channel, within the policies.";
    std::string recipient;
    person_kind recipient_kind = person_kind::guardian;
    model::channel channel = model::channel::push;
    std::string template_name;
    std::string locale = "fr";
    priority urgency = priority::normal;
    std::optional<std::string> subject_record;
    std::optional<date_time> earliest_send_at;
    notification_status status = notification_status::pending;
    std::optional<int> cost_millicents;
    bool operator==(const notification&) const = default;

    template <class S, class V> static void fields(S& s, V& v) {
        common_fields(s, v);
        v("recipient", s.recipient, "Id of the person.");
        v("recipient_kind", s.recipient_kind, "Kind of the person record.");
        v("channel", s.channel, "Push, e-mail, SMS or letter.");
        v("template", s.template_name, "Name of the message template.");
        v("locale", s.locale, "BCP 47 tag of the language used.");
        v("urgency", s.urgency, "Normal, important or urgent.");
        v("subject_record", s.subject_record, "Kind and id of the record it is about (news_item/42).");
        v("earliest_send_at", s.earliest_send_at, "Earliest send time computed by policy (right to disconnect).");
        v("status", s.status, "Delivery status.");
        v("cost_millicents", s.cost_millicents, "Cost charged by the operator, in thousandths of a euro cent.");
    }
};

} // namespace interop::model
