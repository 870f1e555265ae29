#pragma once
/** @file News domain: the items of the ENT dashboard. */

#include <interop/model/school_life.hpp>

namespace interop::model {

enum class priority { normal, important, urgent };
template <> struct enum_names<priority> {
    static constexpr std::array<std::string_view, 3> values{"normal", "important", "urgent"};
};

enum class news_status { draft, pending, published, archived };
template <> struct enum_names<news_status> {
    static constexpr std::array<std::string_view, 4> values{"draft", "pending", "published", "archived"};
};

/** Audience entries that name a population rather than a class or group. */
inline constexpr std::array<std::string_view, 5> audience_roles{"everyone", "students", "guardians", "staff", "teachers"};
inline bool is_audience_role(std::string_view a) {
    for (auto role : audience_roles)
        if (role == a) return true;
    return false;
}

struct translation {
    std::string language;
    std::string title;
    std::string body;
    bool operator==(const translation&) const = default;

    template <class S, class V> static void fields(S& s, V& v) {
        v("language", s.language, "BCP 47 tag.");
        v("title", s.title, "Translated title.");
        v("body", s.body, "Translated body, sanitized HTML.");
    }
};

struct news_item : record {
    static constexpr std::string_view kind = "news_item", collection = "news_items";
    static constexpr std::string_view summary = "A news item of the school dashboard (actualité).";
    std::string title;
    std::string body;
    std::optional<std::string> author;
    std::optional<std::string> category;
    std::vector<std::string> audience;
    date_time publish_from;
    std::optional<date_time> publish_until;
    model::priority priority = model::priority::normal;
    news_status status = news_status::draft;
    std::vector<attachment> attachments;
    std::vector<translation> translations;
    bool operator==(const news_item&) const = default;

    template <class S, class V> static void fields(S& s, V& v) {
        common_fields(s, v);
        v("title", s.title, "Title.");
        v("body", s.body, "Body, sanitized HTML.");
        v("author", s.author, "Id of the staff who wrote it.");
        v("category", s.category, "Category.");
        v("audience", s.audience, "Ids of classes or groups, or roles (everyone, students, guardians, staff, teachers); everyone when empty.");
        v("publish_from", s.publish_from, "Start of publication.");
        v("publish_until", s.publish_until, "End of publication; not before publish_from.");
        v("priority", s.priority, "Normal, important or urgent (may bypass the right to disconnect).");
        v("status", s.status, "Draft, pending, published or archived.");
        v("attachments", s.attachments, "Attached files and links.");
        v("translations", s.translations, "The item in other languages.");
    }
};

} // namespace interop::model
