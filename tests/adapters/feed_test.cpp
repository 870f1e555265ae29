// RSS 2.0 and Atom: hand-written feeds (from the specifications and what CMSs and ENTs write)
// read into their golden datasets; bodies sanitised; our writers' output read back whole.
#include "adapters/reading.hpp"
#include "support.hpp"

#include <interop/errors.hpp>
#include <interop/json/canonical.hpp>

#include "feed/feed_format.hpp"

using namespace interop;

namespace {

const auto feed_fixtures = test::source_dir() / "tests/data/feed";

model::dataset read_with(const std::string& adapter, const std::string& name, const std::string& text, diagnostics& diags) {
    return test::read_as(adapter, io::input::from_memory(name, text), diags);
}

model::news_item news(const std::string& id, const std::string& when) {
    model::news_item n;
    n.id = id;
    n.school = "0130001F";
    n.title = "Titre " + id + " & <co>";
    n.body = "<p>Corps <b>gras</b> &amp; lien <a href=\"https://ent.example/x\">ici</a></p>";
    n.publish_from = *model::parse_date_time(when);
    n.status = model::news_status::published;
    return n;
}

model::dataset news_dataset() {
    model::dataset ds;
    auto a = news("N1", "2025-11-18T21:30:00+01:00");
    a.category = "Vie du collège";
    a.audience = {"6A", "guardians"};
    a.priority = model::priority::urgent;
    a.publish_until = model::parse_date_time("2025-12-01T00:00:00+01:00");
    a.author = "P42";
    a.attachments.push_back({"autorisation.pdf", "https://ent.example/autorisation.pdf", "application/pdf"});
    a.extensions["feed:link"] = "https://ent.example/actu/1";
    auto b = news("id with spaces/é", "2025-11-19T07:00:00Z");
    b.status = model::news_status::pending;
    ds.all<model::news_item>() = {a, b};
    return ds;
}

/** Written as `format`, read back: only provenance differs. */
model::dataset round_trip(const std::string& format, const model::dataset& ds) {
    test::temp_dir dir("feed-" + format);
    test::write_as(format, ds, dir / "out");
    diagnostics diags;
    auto back = test::read_as(format, io::input::open(dir / "out"), diags);
    CHECK(diags.items().empty());
    return back;
}

} // namespace

TEST_CASE("an RSS 2.0 feed reads whole (its golden dataset is the corpus's)") {
    diagnostics diags;
    auto ds = test::read_as("rss", io::input::open(test::corpus_dir("rss") / "y_college.rss"), diags);
    const auto& items = ds.all<model::news_item>();
    REQUIRE(items.size() == 4);
    const auto& sortie = items[0];
    CHECK(sortie.id == "https://college-du-port.example/?p=412");
    CHECK(sortie.category == "Vie du collège");
    CHECK(sortie.extensions.at("feed:author") == "Mme Durand");
    CHECK(model::to_string(sortie.publish_from) == "2025-11-18T10:30:00+01:00");
    CHECK(sortie.body.find("<script") == std::string::npos);
    CHECK(sortie.body.find("javascript:") == std::string::npos);
    CHECK(sortie.body.find("onclick") == std::string::npos);
    CHECK(sortie.body.find("<strong>6e</strong>") != std::string::npos); // content:encoded wins over description
    REQUIRE(sortie.attachments.size() == 1);
    CHECK(sortie.attachments[0].name == "autorisation sortie.pdf");
    CHECK(items[1].body == "<p>Lundi : lasagnes &amp; salade.</p>");        // escaped HTML in description
    CHECK(model::to_string(items[1].publish_from) == "2025-11-17T08:00:00Z"); // two-digit year, no seconds, GMT
    CHECK(items[1].id == "https://college-du-port.example/2025/11/menu/");   // no guid: the link
    CHECK(items[2].id.rfind("item-", 0) == 0);                               // neither: a stable hash
    CHECK(model::to_string(items[2].publish_from) == "2025-11-21T17:05:00+01:00"); // the channel's date
    // A date that cannot be read is reported with its line; the item takes the channel's date.
    CHECK(model::to_string(items[3].publish_from) == "2025-11-21T17:05:00+01:00");
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items()[0].code == "feed.date");
    CHECK(diags.items()[0].where.line == 36);
}

TEST_CASE("an Atom feed reads whole (its golden dataset is the corpus's)") {
    diagnostics diags;
    auto ds = test::read_as("atom", io::input::open(test::corpus_dir("atom") / "y_ent.atom"), diags);
    const auto& items = ds.all<model::news_item>();
    REQUIRE(items.size() == 3);
    CHECK(items[0].title == "Conseil de classe 2nde B");
    CHECK(items[0].body == "<p>Le conseil de classe se tiendra le <b>2 décembre</b>.</p>");
    CHECK(items[0].category == "scolarite");
    CHECK(items[0].extensions.at("feed:link") == "https://ent.example/actualites/1201");
    REQUIRE(items[0].attachments.size() == 1);
    CHECK(items[0].attachments[0].name == "Calendrier des conseils");
    CHECK(model::to_string(items[1].publish_from) == "2025-11-20T12:00:00Z"); // no <published>: <updated>
    CHECK(items[1].body == "<p>Samedi 6 décembre, de 9 h à 12 h.<br>Venez nombreux !</p>");
    CHECK(items[2].body == "<p>Nouvelle charte informatique.</p>");
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items()[0].code == "feed.xhtml");
}

TEST_CASE("RSS and Atom written by us read back whole") {
    const auto ds = news_dataset();
    for (const char* format : {"rss", "atom"}) {
        CAPTURE(format);
        auto back = round_trip(format, ds);
        REQUIRE(back.all<model::news_item>().size() == 2);
        for (std::size_t i = 0; i < 2; ++i) {
            auto read = back.all<model::news_item>()[i];
            read.provenance = {};
            CHECK(read == ds.all<model::news_item>()[i]);
        }
    }
}

TEST_CASE("RSS and Atom writers' goldens") {
    test::temp_dir dir("feed-golden");
    for (const char* format : {"rss", "atom"}) {
        test::write_as(format, news_dataset(), dir / format);
        CHECK(test::matches_golden(feed_fixtures / "golden" / (std::string("news.") + format), test::read_file(dir / format)));
    }
}

TEST_CASE("feed errors name the file and line") {
    diagnostics diags;
    CHECK_THROWS_AS(read_with("rss", "bad.rss", "<rss version=\"2.0\"><channel><item><title>x</title></item>", diags), parse_error);
    diags = diagnostics();
    try {
        test::read_as("atom", io::input::from_memory("x.atom", "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<entry>\n<title>t</title></entry>\n</feed>"), diags);
    } catch (const std::exception& e) {
        FAIL(e.what());
    }
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items()[0].code == "feed.no-date");
    CHECK(diags.items()[0].where.line == 2);
    CHECK(diags.items()[0].where.file == "x.atom");
}

TEST_CASE("RFC 822 dates") {
    CHECK(model::to_string(*interop::feed::parse_rfc822("Tue, 18 Nov 2025 21:30:00 +0100")) == "2025-11-18T21:30:00+01:00");
    CHECK(model::to_string(*interop::feed::parse_rfc822("18 Nov 2025 21:30 EST")) == "2025-11-18T21:30:00-05:00");
    CHECK(model::to_string(*interop::feed::parse_rfc822("Sat, 01 Mar 99 00:00:00 GMT")) == "1999-03-01T00:00:00Z");
    for (const char* bad : {"", "Tue, 31 Feb 2025 10:00:00 GMT", "18 Nov 2025", "18 Nov 2025 25:00:00 GMT", "18 Nov 2025 10:00:00 +99", "18 Xyz 2025 10:00 GMT"})
        CHECK_FALSE(interop::feed::parse_rfc822(bad));
    CHECK(interop::feed::to_rfc822(*model::parse_date_time("2025-11-18T21:30:05+01:00")) == "Tue, 18 Nov 2025 21:30:05 +0100");
    CHECK(interop::feed::to_rfc822(*model::parse_date_time("2025-11-18T21:30:05-03:30")) == "Tue, 18 Nov 2025 21:30:05 -0330");
}
