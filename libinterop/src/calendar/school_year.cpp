#include <interop/calendar/school_year.hpp>

namespace interop::calendar {

int school_year_of(model::date day) { return day.month >= 9 ? day.year : day.year - 1; }

std::string school_year_label(int start_year) { return std::to_string(start_year) + "-" + std::to_string(start_year + 1); }

} // namespace interop::calendar
