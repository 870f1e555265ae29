#pragma once
// iCalendar in: calendars published by others (holidays, ENT agendas) and our own exports.

#include <interop/adapter/registry.hpp>

namespace interop::ical_adapter {

std::unique_ptr<reader> make_reader(const read_options& opt);

} // namespace interop::ical_adapter
