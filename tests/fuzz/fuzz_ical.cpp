// libFuzzer target: the iCalendar content parser, then the holiday import and the ical
// adapter's reader (recurrences, time zones) on what it accepts.
#include <interop/adapters.hpp>
#include <interop/calendar/school_holidays.hpp>
#include <interop/errors.hpp>
#include <interop/ical/content.hpp>
#include <interop/io/sink.hpp>

#include "null_sink.hpp"

#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto& adapters = all_adapters();
    std::string text(reinterpret_cast<const char*>(data), size);
    std::istringstream in(text);
    try {
        interop::ical::parse(in, "fuzz.ics", {.max_line_bytes = 4096, .max_depth = 8, .max_properties = 10000});
        auto input = interop::io::input::from_memory("fuzz.ics", text);
        interop::calendar::read_holidays(input, interop::model::holiday_zone::b);
        interop::model::dataset ds;
        interop::io::dataset_sink sink(ds);
        interop::diagnostics diags;
        adapters.get("ical").make_reader({})->read(input, sink, diags);
    } catch (const interop::error&) {
    }
    return 0;
}
