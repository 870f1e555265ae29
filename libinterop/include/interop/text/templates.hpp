#pragma once
/**
 * @file The messages families receive, per kind of event, in plain words and in the languages
 * of the families schools serve: French, English, Arabic, Portuguese, Turkish, Spanish.
 * French texts stay in the GSM alphabet (one SMS segment costs less than a UCS-2 one); values
 * inserted in a right-to-left text, or written right to left in another, are isolated (U+2068
 * … U+2069) so that a Latin name or a date keeps its place.
 */

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace interop::text {

enum class event_kind { absence, late, grade_released, homework_set, news_published, timetable_change, school_message };
std::string_view to_string(event_kind k);
std::optional<event_kind> event_kind_named(std::string_view name);
inline constexpr event_kind all_event_kinds[] = {event_kind::absence,      event_kind::late,           event_kind::grade_released,
                                                 event_kind::homework_set, event_kind::news_published, event_kind::timetable_change,
                                                 event_kind::school_message};

/** The languages with templates, French first (the fallback). */
const std::vector<std::string>& template_languages();
/** The template language for a BCP 47 tag: `pt-BR` → `pt`, `AR` → `ar`; French when there is none. */
std::string template_language(std::string_view tag);
bool right_to_left(std::string_view language);

/** The placeholders a kind's templates use (`pupil`, `date`, `time`, `subject`, `due`, `title`, `text`, `school`). */
std::vector<std::string> placeholders(event_kind k);

struct message_text {
    std::string language; ///< the template language used
    std::string subject;  ///< for e-mail and push titles
    std::string body;
    bool right_to_left = false;
};

/**
 * The message for `kind` in the language nearest `language_tag`, its placeholders filled from
 * `values`. @throws interop::error naming a placeholder `values` lacks.
 */
message_text render_message(event_kind kind, std::string_view language_tag, const std::map<std::string, std::string>& values);

} // namespace interop::text
