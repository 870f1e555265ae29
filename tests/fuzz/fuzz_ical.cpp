// libFuzzer target: the iCalendar content parser, then the holiday import on what it accepts.
#include <interop/calendar/school_holidays.hpp>
#include <interop/errors.hpp>
#include <interop/ical/content.hpp>

#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    std::istringstream in(text);
    try {
        interop::ical::parse(in, "fuzz.ics", {.max_line_bytes = 4096, .max_depth = 8, .max_properties = 10000});
        interop::calendar::read_holidays(interop::io::input::from_memory("fuzz.ics", text), interop::model::holiday_zone::b);
    } catch (const interop::error&) {
    }
    return 0;
}
