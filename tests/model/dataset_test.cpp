#include <doctest/doctest.h>

#include <interop/io/sink.hpp>
#include <interop/model/dataset.hpp>

#include <set>

using namespace interop;

TEST_CASE("every kind of the design exists, once, with its collection") {
    const auto names = model::kind_names();
    const std::set<std::string_view> unique(names.begin(), names.end());
    CHECK(unique.size() == names.size());
    for (auto expected : {"school", "academic_year", "period", "calendar", "student", "guardian", "staff", "guardian_link",
                          "contact_preference", "class", "group", "membership", "mef", "subject", "room", "equipment",
                          "time_grid", "week_pattern", "course", "session", "attendance_event", "assessment", "grade_result",
                          "competency_result", "report_card", "session_content", "homework", "observation", "discipline_incident",
                          "sanction", "news_item", "notification"})
        CHECK_MESSAGE(unique.contains(expected), expected);
}

TEST_CASE("a dataset holds records by kind and replays them in kind order") {
    model::dataset ds;
    model::student s;
    s.id = "E1";
    s.school = "0449000U";
    ds.add(s);
    model::establishment school;
    school.id = school.uai = school.school = "0449000U";
    ds.add(school);
    CHECK(ds.size() == 2);
    CHECK(ds.all<model::student>().front().id == "E1");

    struct order_sink : io::record_sink {
        std::vector<std::size_t> kinds;
        bool ended = false;
        void on_record(model::any_record&& r) override { kinds.push_back(r.index()); }
        void on_end() override { ended = true; }
    } sink;
    io::replay(ds, sink);
    REQUIRE(sink.kinds.size() == 2);
    CHECK(sink.kinds[0] < sink.kinds[1]); // school before student
    CHECK(sink.ended);
}

TEST_CASE("equality is of content: provenance is left out, every field counts") {
    model::guardian a;
    a.id = "R1";
    a.last_name = "Martin";
    auto b = a;
    b.provenance = {"aaf", "x.xml", 12};
    CHECK(a == b);
    b.accepts_sms = true;
    CHECK(a != b);
    b = a;
    b.external_ids = {{"siecle", "42"}};
    CHECK(a != b);
    b = a;
    b.extensions = {{"aaf:ENTPersonVille", "NANTES"}};
    CHECK(a != b);
}
