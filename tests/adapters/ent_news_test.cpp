// ENT news JSON: the v1 API's listing and a createInfo body read into the model; our document
// written and read back (its validity against the module's schemas: samples/news_samples_test).
#include "adapters/reading.hpp"
#include "support.hpp"

#include <interop/errors.hpp>
#include <interop/json/canonical.hpp>


using namespace interop;

namespace {

const auto ent_news_fixtures = test::corpus_dir("ent-news");

model::dataset ent_news_dataset() {
    model::dataset ds;
    model::establishment school;
    school.id = school.uai = "0130001F";
    school.name = "Collège du Port";
    ds.all<model::establishment>().push_back(school);
    for (int i = 0; i < 3; ++i) {
        model::news_item n;
        n.id = "N" + std::to_string(i);
        n.school = "0130001F";
        n.title = "Titre " + std::to_string(i);
        n.body = "<p>Corps " + std::to_string(i) + "</p>";
        n.publish_from = *model::parse_date_time("2025-11-1" + std::to_string(i) + "T08:00:00+01:00");
        n.status = i == 1 ? model::news_status::draft : model::news_status::published;
        if (i == 2) {
            n.category = "Vie scolaire";
            n.priority = model::priority::important;
            n.publish_until = model::parse_date_time("2025-12-01T00:00:00+01:00");
        }
        ds.all<model::news_item>().push_back(n);
    }
    return ds;
}

} // namespace

TEST_CASE("the v1 API's listing reads whole (its golden dataset is the corpus's)") {
    diagnostics diags;
    auto ds = test::read_as("ent-news", io::input::open(ent_news_fixtures / "y_listing.json"), diags);
    const auto& items = ds.all<model::news_item>();
    REQUIRE(items.size() == 3);
    CHECK(items[0].id == "1201");
    CHECK(items[0].priority == model::priority::important);
    CHECK(items[0].body == "<p>Le conseil se tiendra le <b>2 décembre</b>.</p><img src=\"x\">");
    CHECK(model::to_string(items[0].publish_from) == "2025-11-19T08:00:00");
    CHECK(model::to_string(*items[0].publish_until) == "2025-12-03T00:00:00");
    CHECK(items[0].extensions.at("ent:thread_id") == "12");
    CHECK(items[0].extensions.at("ent:owner") == "DUPONT Marie");
    CHECK(items[1].status == model::news_status::draft);
    CHECK(model::to_string(items[1].publish_from) == "2025-11-20T17:00:00"); // no publication date: created
    CHECK(items[2].status == model::news_status::draft);                    // unknown status
    CHECK(model::to_string(items[2].publish_from) == "2025-11-21T07:30:00");
    REQUIRE(diags.items().size() == 2);
    CHECK(diags.items()[0].code == "ent-news.status");
    CHECK(diags.items()[1].code == "ent-news.no-date");
    CHECK(diags.items()[1].message.find("infos[3]") != std::string::npos);
}

TEST_CASE("a createInfo request body reads as one item") {
    diagnostics diags;
    auto ds = test::read_as("ent-news", io::input::open(ent_news_fixtures / "y_create-info.json"), diags);
    CHECK(diags.items().empty());
    REQUIRE(ds.all<model::news_item>().size() == 1);
    const auto& n = ds.all<model::news_item>()[0];
    CHECK(n.status == model::news_status::pending);
    CHECK(n.body == "<p>Inscriptions ouvertes <a href=\"https://ent.example/rdv\">ici</a>.</p>");
    CHECK(n.id.rfind("info-", 0) == 0);
    // The same content gives the same id on every read.
    diagnostics again;
    CHECK(test::read_as("ent-news", io::input::open(ent_news_fixtures / "y_create-info.json"), again).all<model::news_item>()[0].id == n.id);
}

TEST_CASE("our ENT news document: golden, and read back") {
    test::temp_dir dir("ent-news");
    test::write_as("ent-news", ent_news_dataset(), dir / "news.json");
    const auto text = test::read_file(dir / "news.json");
    CHECK(test::matches_golden(test::source_dir() / "tests/data/ent_news/golden/news.json", text));
    diagnostics diags;
    auto back = test::read_as("ent-news", io::input::open(dir / "news.json"), diags);
    CHECK(diags.items().empty());
    const auto& items = back.all<model::news_item>();
    REQUIRE(items.size() == 3);
    const auto original = ent_news_dataset();
    for (std::size_t i = 0; i < 3; ++i) {
        const auto& was = original.all<model::news_item>()[i];
        CHECK(items[i].id == was.id);
        CHECK(items[i].title == was.title);
        CHECK(items[i].body == was.body);
        CHECK(items[i].status == was.status);
        CHECK(items[i].category == (i == 2 ? std::optional<std::string>("Vie scolaire") : std::optional<std::string>("Actualités")));
        CHECK(items[i].publish_from.day == was.publish_from.day);
        CHECK(items[i].publish_from.seconds == was.publish_from.seconds);
    }
    CHECK(items[2].priority == model::priority::important);
    CHECK(items[2].publish_until.has_value());
}

TEST_CASE("ENT news errors name the file and line") {
    diagnostics diags;
    try {
        test::read_as("ent-news", io::input::from_memory("bad.json", "{\"thread_id\": 3,\n \"title\": }"), diags);
        FAIL("no error");
    } catch (const parse_error& e) {
        CHECK(std::string(e.what()).find("bad.json:2") != std::string::npos);
    }
    CHECK_THROWS_AS(test::read_as("ent-news", io::input::from_memory("s.json", "{\"threads\": 3, \"infos\": []}"), diags), parse_error);
}
