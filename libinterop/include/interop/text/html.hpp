#pragma once
/**
 * @file Sanitised HTML for news, homework and lesson content: what vendors send goes through an
 * allow-list of tags and attributes before it reaches the model, and a plain-text rendering
 * serves SMS, e-mail text parts and feeds.
 *
 * Kept: p br hr div span blockquote pre code h1-h6 b strong i em u s sub sup small mark ul ol
 * li dl dt dd table caption thead tbody tfoot tr th td a img figure figcaption; attributes
 * `href` and `title` on a, `src` `alt` `width` `height` on img, `colspan` `rowspan` on th/td,
 * `lang` and `dir` anywhere. Links are http, https, mailto, tel or relative; images http,
 * https or relative. Dropped with their content: script, style, iframe, object, embed, frame,
 * frameset, applet, template, noscript, svg, math, form controls, head and title. Any other
 * element is unwrapped (its text stays). Comments, event handlers, `style` and
 * `javascript:`/`data:`/`vbscript:` URLs never survive.
 */

#include <string>
#include <string_view>

namespace interop::text {

/**
 * `html` (a fragment, UTF-8) with only the allowed tags, attributes and URLs. Idempotent. A byte
 * that is not UTF-8 becomes U+FFFD, as a browser shows it (html_to_text does the same).
 */
std::string sanitize_html(std::string_view html);

/**
 * The text a reader sees: block elements on their own lines, list items after "- ", links
 * followed by their address in parentheses, entities decoded, white space collapsed.
 */
std::string html_to_text(std::string_view html);

/** `text` as HTML: special characters escaped, paragraphs on blank lines, line breaks kept. */
std::string text_to_html(std::string_view text);

} // namespace interop::text
