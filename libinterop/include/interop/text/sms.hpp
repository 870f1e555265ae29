#pragma once
/**
 * @file How an SMS text travels and what it costs: the GSM 7-bit default alphabet (3GPP TS
 * 23.038, with its extension table) when every character is in it, UCS-2 otherwise, and the
 * number of segments a message takes — what operators bill.
 *
 * One segment holds 160 septets (GSM-7) or 70 UTF-16 units (UCS-2). A longer message is sent
 * concatenated: each segment gives 7 septets / 3 units to its header, leaving 153 / 67. An
 * extension character (`^ { } \ [ ~ ] | €` and form feed) takes two septets, an escape and
 * its code, which are never split across segments; nor is a UTF-16 surrogate pair (an emoji).
 */

#include <cstddef>
#include <string_view>
#include <vector>

namespace interop::text {

enum class sms_encoding { gsm7, ucs2 };

struct sms_segmentation {
    sms_encoding encoding = sms_encoding::gsm7;
    std::size_t units = 0;        ///< septets (GSM-7) or UTF-16 code units (UCS-2) of the whole text
    std::size_t characters = 0;   ///< Unicode code points
    /** Where each segment starts, as a byte offset in the UTF-8 text (empty for an empty text). */
    std::vector<std::size_t> starts;
    std::size_t segments() const { return starts.size(); }
};

/**
 * The encoding and segments of a UTF-8 text. Invalid UTF-8 (which no gateway would send as
 * meant) counts each bad byte as U+FFFD, hence UCS-2.
 */
sms_segmentation segment_sms(std::string_view utf8);

/** Whether every character of the text is in the GSM 7-bit alphabet or its extension. */
bool fits_gsm7(std::string_view utf8);

} // namespace interop::text
