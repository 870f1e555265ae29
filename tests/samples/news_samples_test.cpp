// The news adapters against the real files of ../shared/samples: what the ENT news writer
// produces is valid against the open-source ENT's own request schemas (ent-news-json/).
#include "adapters/reading.hpp"
#include "support.hpp"

#include <interop/json/schema.hpp>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

using namespace interop;

namespace {

std::string to_text(const rapidjson::Value& v) {
    rapidjson::StringBuffer b;
    rapidjson::Writer<rapidjson::StringBuffer> w(b);
    v.Accept(w);
    return b.GetString();
}

model::dataset news_dataset() {
    model::dataset ds;
    for (int i = 0; i < 2; ++i) {
        model::news_item n;
        n.id = "N" + std::to_string(i);
        n.school = "0130001F";
        n.title = "Titre";
        n.body = "<p>Corps</p>";
        n.publish_from = *model::parse_date_time("2025-11-18T08:00:00+01:00");
        n.category = i == 0 ? std::optional<std::string>() : std::optional<std::string>("Vie scolaire");
        if (i == 1) n.publish_until = model::parse_date_time("2025-12-01T00:00:00+01:00");
        ds.all<model::news_item>().push_back(n);
    }
    return ds;
}

} // namespace

TEST_CASE("what we write is valid against the module's request schemas") {
    test::require_samples();
    const auto samples = test::samples_dir() / "ent-news-json";
    test::temp_dir dir("ent-news-schema");
    test::write_as("ent-news", news_dataset(), dir / "news.json");
    rapidjson::Document doc;
    doc.Parse(test::read_file(dir / "news.json").c_str());
    REQUIRE(doc.IsObject());
    const auto thread_schema = test::read_file(samples / "createThread.json");
    const auto info_schema = test::read_file(samples / "createInfo.json");
    for (const auto& t : doc["threads"].GetArray()) CHECK(json::validate_against_schema(thread_schema, to_text(t)).empty());
    for (const auto& i : doc["infos"].GetArray()) {
        const auto problems = json::validate_against_schema(info_schema, to_text(i));
        CHECK_MESSAGE(problems.empty(), (problems.empty() ? "" : problems.front()));
    }
    // And the schema does refuse what it should: a check that the validation bites.
    CHECK_FALSE(json::validate_against_schema(info_schema, R"({"title": "x", "thread_id": 1, "id": "N1"})").empty());
}

