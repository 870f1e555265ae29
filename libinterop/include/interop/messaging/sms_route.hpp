#pragma once
/**
 * @file Where an SMS goes and what it costs: phone numbers in E.164, the routes a school has
 * with any operator (the numbers each serves, a price per segment), and the cheapest route that
 * serves a number.
 */

#include <interop/text/sms.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace interop::messaging {

/**
 * A number as E.164 (`+33612345678`) from how families write it: spaces, dots, dashes and
 * parentheses dropped, `(0)` after the country code too; `00` read as `+`; a French national number (`06…`, `07…`, ten digits)
 * given `+33`, and the overseas departments their own codes (`0690…` → `+590690…`). nullopt
 * when it is no phone number.
 */
std::optional<std::string> e164(std::string_view written);

/** Whether an E.164 number is a mobile one in the French plan (metropolitan 6/7, overseas 69x/70x): landlines get no SMS. */
bool french_mobile(std::string_view e164_number);

struct sms_route {
    std::string name;
    /** E.164 prefixes it serves (`+33`, `+262`); empty: every number. */
    std::vector<std::string> prefixes;
    /** Price of one segment, in thousandths of a euro cent (4.5 c€ = 4500). */
    std::int64_t millicents_per_segment = 0;
    bool serves(std::string_view number) const;
};

struct sms_quote {
    const sms_route* route = nullptr;
    std::size_t segments = 0;
    std::int64_t millicents = 0;
};

/**
 * The cheapest route serving `number` for `text` (ties: the first listed), with its segments
 * and price. nullopt when no route serves it or the text is empty.
 */
std::optional<sms_quote> cheapest_route(const std::vector<sms_route>& routes, std::string_view number, std::string_view text);

} // namespace interop::messaging
