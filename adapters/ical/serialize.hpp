#pragma once
// Components written as iCalendar text (RFC 5545) or as jCal (RFC 7265).

#include <interop/ical/content.hpp>

#include <string>

namespace interop::ical_adapter {

/** Appends the component as folded CRLF content lines. */
void write_text(std::string& out, const ical::component& c);

/** Appends the component as a jCal array, value types from the property names. */
void write_jcal(std::string& out, const ical::component& c);

/** One property as a folded content line, or as a jCal property array. */
void write_text(std::string& out, const ical::property& p);
void write_jcal(std::string& out, const ical::property& p);

/** FNV-1a digest of an event's content, DTSTAMP and SEQUENCE left out: what changes it. */
std::string content_digest(const ical::component& event);

} // namespace interop::ical_adapter
