// What a writer cannot carry is declared, never dropped in silence; writers are never given a
// record out of the model's bounds.

#include <doctest/doctest.h>

#include "../support.hpp"
#include "reading.hpp"

#include <interop/adapter/registry.hpp>
#include <map>
#include <interop/errors.hpp>
#include <interop/model/field_values.hpp>
#include <interop/validate/validate.hpp>

using namespace interop;

namespace {

/** The demo school with one course moved to a weekday that does not exist. */
model::dataset with_weekday(int weekday) {
    auto ds = test::demo_school();
    ds.all<model::course>().front().weekday = weekday;
    return ds;
}

/** Writes `ds` as `format` into `out`, declaring what it loses in `losses`. */
void write_declaring(const std::string& format, const model::dataset& ds, const std::filesystem::path& out, io::loss_log& losses) {
    registry r;
    register_all_adapters(r);
    auto writer = open_writer(r.get(format), out, {losses});
    io::replay(ds, *writer);
}

/** The records declared under `code`, counted by the kind each message names first (`student: …`). */
std::map<std::string, std::size_t> counts_by_kind(const io::loss_log& log, std::string_view code) {
    std::map<std::string, std::size_t> out;
    for (const auto& r : log.reasons())
        if (r.code == code) out[r.message.substr(0, r.message.find(':'))] += r.count;
    return out;
}

const io::loss_log::reason* reason_named(const io::loss_log& log, std::string_view code) {
    for (const auto& r : log.reasons())
        if (r.code == code) return &r;
    return nullptr;
}

} // namespace

TEST_CASE("a weekday out of 1-7 is refused by validate, and no writer is given it: it is declared lost") {
    const auto ds = with_weekday(9);
    const auto& course = ds.all<model::course>().front();
    const auto findings = validate(ds);
    const auto found = std::find_if(findings.items().begin(), findings.items().end(),
                                    [](const diagnostic& d) { return d.code == "value.out-of-bounds"; });
    REQUIRE(found != findings.items().end());
    CHECK(found->record == "course/" + course.id);
    CHECK(found->message == "weekday must be between 1 and 7, not 9");

    test::temp_dir dir("losses-weekday");
    for (const char* format : {"asc", "fet", "ical", "untis", "sts-emp", "json"}) {
        CAPTURE(format);
        io::loss_log losses;
        write_declaring(format, ds, dir / (std::string("out.") + format), losses);
        const auto* lost = reason_named(losses, "loss.out-of-bounds");
        REQUIRE(lost);
        CHECK(lost->count == 1);
        CHECK(lost->records == std::vector<std::string>{"course/" + course.school + "/" + course.id});
    }
}

TEST_CASE("records of kinds a format has no place for are declared lost, by kind, with a count") {
    const auto ds = test::demo_school();
    test::temp_dir dir("losses-kind");
    io::loss_log losses;
    write_declaring("fet", ds, dir / "out.fet", losses);
    CHECK(counts_by_kind(losses, "loss.kind").at("student") == ds.all<model::student>().size());
    CHECK_FALSE(ds.all<model::student>().empty());
    io::loss_log none;
    write_declaring("json", ds, dir / "out.json", none);
    CHECK(none.empty());
}

TEST_CASE("the canonical readers refuse a number out of its bounds, naming the field") {
    auto text = test::read_file(test::source_dir() / "examples/demo-school/demo-school.json");
    const auto at = text.find("\"weekday\": ");
    REQUIRE(at != std::string::npos);
    text.replace(at, std::string("\"weekday\": 1").size(), "\"weekday\": 9");
    diagnostics diags;
    CHECK_THROWS_WITH_AS(test::read_as("json", io::input::from_memory("school.json", text), diags),
                         doctest::Contains("weekday: must be between 1 and 7, not 9"), parse_error);
}

TEST_CASE("the fields a record holds and a format has no place for are declared, each by name; those it carries are not") {
    model::dataset ds;
    auto s = test::pupil("E1", "0130001F", "Martin", "Zoé");
    s.regime = model::regime::interne;
    s.entry_date = model::date{2025, 9, 1};
    ds.add(s);
    CHECK(model::set_fields(s) == std::vector<std::string_view>{"id", "school", "last_name", "first_name", "regime", "entry_date"});
    auto other = s;
    other.first_name = "Léa";
    CHECK(model::differing_fields(s, other) == std::vector<std::string_view>{"first_name"});

    test::temp_dir dir("losses-fields");
    io::loss_log losses;
    write_declaring("oneroster", ds, dir / "package", losses);
    std::vector<std::string> declared;
    for (const auto& r : losses.reasons()) {
        CHECK(r.code.starts_with("loss.field."));
        CHECK_FALSE(r.whole);
        CHECK(r.records == std::vector<std::string>{"student/0130001F/E1"});
        declared.push_back(r.message);
    }
    CHECK(declared == std::vector<std::string>{"student.regime: oneroster has no place for it", "student.entry_date: oneroster has no place for it"});
}

TEST_CASE("iCalendar declares what it only uses to make its calendars: the pupils and their memberships are not read back") {
    const auto demo = test::demo_school();
    test::temp_dir dir("losses-ical");
    io::loss_log losses;
    write_declaring("ical", demo, dir / "calendars", losses);
    const auto used = counts_by_kind(losses, "loss.used");
    CHECK(used.at("student") == demo.all<model::student>().size());
    CHECK(used.at("membership") == demo.all<model::membership>().size());
}

TEST_CASE("LSU and Pronote declare what they fold into report cards and views: absences counted, links making a parent's view") {
    const auto demo = test::demo_school();
    test::temp_dir dir("losses-school-life");
    auto used = [&](const std::string& format, const std::string& out) {
        io::loss_log losses;
        write_declaring(format, demo, dir / out, losses);
        return counts_by_kind(losses, "loss.used");
    };
    const auto lsu = used("lsu", "bilans.xml");
    CHECK(lsu.at("attendance_event") == demo.all<model::attendance_event>().size());
    CHECK(lsu.at("teaching_assignment") == demo.all<model::teaching_assignment>().size());
    const auto pronote = used("pronote-ent", "views");
    CHECK(pronote.at("guardian_link") == demo.all<model::guardian_link>().size());
}
