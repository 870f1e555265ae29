// Cross-format: a timetable read from one product, written for another and read back gives
// the same dated sessions over the school year (whatever the ids each product gives).
#include "reading.hpp"
#include "support.hpp"

#include <interop/io/sink.hpp>
#include <interop/timetable/expand.hpp>

#include <set>
#include <tuple>

using namespace interop;

namespace {

const auto cross_format_data = test::source_dir() / "tests" / "data";
const std::pair<model::date, model::date> school_year{{2025, 9, 1}, {2026, 7, 3}};

model::dataset read_with(const std::string& format, const std::filesystem::path& path, const read_options& opt) {
    registry r;
    register_all_adapters(r);
    auto in = io::input::open(path);
    REQUIRE(r.identify(in).name == format);
    model::dataset ds;
    io::dataset_sink sink(ds);
    diagnostics diags;
    r.get(format).make_reader(opt)->read(in, sink, diags);
    CHECK_MESSAGE(diags.count(severity::error) == 0, (diags.items().empty() ? "" : diags.items().front().to_string()));
    return ds;
}

/** `ds` written as `format` to `out`, then read back with no option: what our writers leave must be enough. */
model::dataset through(const model::dataset& ds, const std::string& format, const std::filesystem::path& out) {
    test::write_as(format, ds, out);
    return read_with(format, out, {});
}

/** What a session is, whatever the ids of the course it comes from: day, time, subject, who, where. */
using session_key = std::tuple<model::date, int, int, std::string, std::vector<std::string>, std::vector<std::string>, std::vector<std::string>, std::vector<std::string>>;

std::multiset<session_key> sessions_of(const model::dataset& ds) {
    std::multiset<session_key> out;
    for (const auto& s : timetable::expand(ds, school_year.first, school_year.second)) {
        auto sorted = [](std::vector<std::string> v) {
            std::sort(v.begin(), v.end());
            return v;
        };
        out.insert({s.day, s.start.minutes, s.duration_minutes, s.subject.value_or(""), sorted(s.teachers), sorted(s.classes), sorted(s.groups), sorted(s.rooms)});
    }
    return out;
}

model::dataset asc_college() {
    read_options opt;
    opt.school = "0130001F";
    opt.school_year = school_year;
    return read_with("asc", test::corpus_dir("asc") / "y_college.xml", opt);
}

} // namespace

TEST_CASE("aSc → FET → model gives the same sessions") {
    auto asc = asc_college();
    test::temp_dir dir("cross-asc-fet");
    auto back = through(asc, "fet", dir / "college.fet");
    REQUIRE(sessions_of(asc).size() > 50);
    CHECK(sessions_of(back) == sessions_of(asc));
    CHECK(back.all<model::course>().size() == asc.all<model::course>().size());
}

TEST_CASE("aSc → Untis GPU → model gives the same sessions") {
    auto asc = asc_college();
    test::temp_dir dir("cross-asc-untis");
    auto back = through(asc, "untis", dir / "gpu");
    CHECK(sessions_of(back) == sessions_of(asc));
    CHECK(back.all<model::course>().size() == asc.all<model::course>().size());
}

TEST_CASE("EDT → aSc → model gives the same sessions") {
    auto edt = read_with("edt", test::corpus_dir("edt") / "y_ExportEmploiDuTemps_0130001F.xml", {});
    test::temp_dir dir("cross-edt-asc");
    auto back = through(edt, "asc", dir / "edt.xml");
    REQUIRE(sessions_of(edt).size() >= 6);
    CHECK(sessions_of(back) == sessions_of(edt));
}
