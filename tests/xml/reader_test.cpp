#include <doctest/doctest.h>

#include "support.hpp"

#include <interop/errors.hpp>
#include <interop/xml/reader.hpp>

#include <chrono>
#include <fstream>
#include <sstream>

using namespace interop;

namespace {

const auto corpus = test::source_dir() / "tests/data/xml";

/** Captures the children of the root, as the vendor readers do with their records. */
struct captured {
    std::vector<xml::element> records;
    std::vector<std::string> comments;
    std::string root;
};

captured read_text(const std::string& text, const std::string& name = "mem.xml", const xml::limits& lim = {}) {
    captured c;
    xml::events ev;
    ev.capture = [](const std::vector<std::string>& path) { return path.size() == 2; };
    ev.on_element = [&](xml::element&& e) { c.records.push_back(std::move(e)); };
    ev.on_root = [&](const xml::element& r) { c.root = r.name; };
    ev.on_comment = [&](std::string_view t, std::uint64_t) { c.comments.emplace_back(t); };
    std::istringstream in(text);
    xml::read(in, name, "test-xml", ev, lim);
    return c;
}

captured read_corpus(const std::string& file) { return read_text(test::read_file(corpus / file), file); }

std::string refusal(const std::string& text, const std::string& name, const xml::limits& lim = {}) {
    try {
        read_text(text, name, lim);
    } catch (const parse_error& e) {
        return e.what();
    }
    return "accepted";
}

} // namespace

TEST_CASE("y_: a DOCTYPE naming a DTD is accepted and ignored; values, CDATA, comments come through") {
    const auto c = read_corpus("y_doctype_system_ignored.xml");
    CHECK(c.root == "ficAlimMENESR");
    REQUIRE(c.records.size() == 2);
    CHECK(c.records[0].name == "addRequest");
    CHECK(c.records[0].line == 5);
    const auto* attr = c.records[0].child("attributes")->child("attr");
    REQUIRE(attr);
    CHECK(*attr->attribute("name") == "sn");
    CHECK(attr->child_text("value") == "Élève & fils");
    const auto& values = c.records[1].child("attributes")->child("attr")->children;
    REQUIRE(values.size() == 2);
    CHECK(values[0].text == "<b>x</b>");
    CHECK(values[1].text.empty());
    REQUIRE(c.comments.size() == 1);
    CHECK(c.comments[0] == " versionAF=\"AAF-VE2407\" ");
}

TEST_CASE("y_: encodings as declared, with or without BOM") {
    CHECK(read_corpus("y_utf8_bom.xml").records.at(0).text == "café");
    CHECK(*read_corpus("y_utf8_bom.xml").records.at(0).attribute("a") == "été");
    CHECK(read_corpus("y_iso_8859_15.xml").records.at(0).text == "€ œŸ élève");
    CHECK(read_corpus("y_iso_8859_1.xml").records.at(0).text == "élève ça");
}

TEST_CASE("n_: every hostile file of the corpus is refused with its name and a line") {
    std::size_t checked = 0;
    for (const auto& entry : std::filesystem::directory_iterator(corpus)) {
        const std::string name = entry.path().filename().string();
        if (!name.starts_with("n_")) continue;
        CAPTURE(name);
        const auto message = refusal(test::read_file(entry.path()), name);
        CHECK(message.find(name + ":") == 0);
        CHECK(message.find("test-xml: ") != std::string::npos);
        ++checked;
    }
    CHECK(checked == 11); // the large hostile inputs are generated below
}

TEST_CASE("n_: what each refusal says") {
    CHECK(refusal(test::read_file(corpus / "n_billion_laughs.xml"), "b.xml").find("entity declarations are refused") != std::string::npos);
    CHECK(refusal(test::read_file(corpus / "n_external_entity_file.xml"), "f.xml").find("entity declarations are refused") != std::string::npos);
    CHECK(refusal(test::read_file(corpus / "n_parameter_entity.xml"), "p.xml").find("entity declarations are refused") != std::string::npos);
    CHECK(refusal(test::read_file(corpus / "n_undeclared_entity.xml"), "u.xml").find("entity references are refused (&undeclared;)") != std::string::npos);
    CHECK(refusal(test::read_file(corpus / "n_truncated.xml"), "t.xml").find("t.xml:2") == 0);
    CHECK(refusal(test::read_file(corpus / "n_mismatched_tags.xml"), "m.xml").find("m.xml:2:") == 0);
}

TEST_CASE("n_: generated hostile inputs meet a bound quickly") {
    const auto start = std::chrono::steady_clock::now();
    std::string nested = "<r>";
    for (int i = 0; i < 100000; ++i) nested += "<a>";
    CHECK(refusal(nested, "deep.xml").find("nesting deeper than 256 elements") != std::string::npos);

    const std::string text = "<r><rec>" + std::string(3000000, 'x') + "</rec></r>";
    CHECK(refusal(text, "text.xml").find("a text node is longer than") != std::string::npos);

    std::string attrs = "<r><rec";
    for (int i = 0; i < 1000; ++i) attrs += " a" + std::to_string(i) + "=\"1\"";
    CHECK(refusal(attrs + "/></r>", "attrs.xml").find("more than 256 attributes") != std::string::npos);

    std::string blowup = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"" + std::string(50000, 'A') + "\">]><r><rec>";
    for (int i = 0; i < 5000; ++i) blowup += "&a;";
    CHECK(refusal(blowup + "</rec></r>", "quad.xml").find("entity declarations are refused") != std::string::npos);

    xml::limits small;
    small.max_subtree_bytes = 1000;
    std::string wide = "<r><rec>";
    for (int i = 0; i < 200; ++i) wide += "<v>0123456789</v>";
    CHECK(refusal(wide + "</rec></r>", "wide.xml", small).find("element <rec> is larger than 1000 bytes") != std::string::npos);

    xml::limits tiny_input;
    tiny_input.max_input_bytes = 100000;
    std::string many = "<r>";
    for (int i = 0; i < 20000; ++i) many += "<rec/>";
    CHECK(refusal(many + "</r>", "many.xml", tiny_input).find("input larger than 100000 bytes") != std::string::npos);

    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    CHECK(elapsed.count() < 30); // a generous bound on what takes well under a second: catches a hang, not a slowdown
}

TEST_CASE("records are delivered one at a time; memory does not hold the file") {
    std::string doc = "<r>";
    for (int i = 0; i < 50000; ++i) doc += "<rec id=\"" + std::to_string(i) + "\"><v>x</v></rec>";
    doc += "</r>";
    std::size_t count = 0, max_children = 0;
    xml::events ev;
    ev.capture = [](const std::vector<std::string>& path) { return path.size() == 2; };
    ev.on_element = [&](xml::element&& e) {
        ++count;
        max_children = std::max(max_children, e.children.size());
        CHECK(*e.attribute("id") == std::to_string(count - 1));
    };
    std::istringstream in(doc);
    xml::read(in, "stream.xml", "test-xml", ev);
    CHECK(count == 50000);
    CHECK(max_children == 1);
}

TEST_CASE("an exception from a callback comes through untouched") {
    xml::events ev;
    ev.capture = [](const std::vector<std::string>& path) { return path.size() == 2; };
    ev.on_element = [](xml::element&&) { throw std::out_of_range("mapping failed"); };
    std::istringstream in("<r><rec/></r>");
    CHECK_THROWS_AS(xml::read(in, "cb.xml", "test-xml", ev), std::out_of_range);
}

namespace {

/** Rebuilds each captured subtree from the streamed events, to compare with the tree mode. */
std::vector<xml::element> read_streamed(const std::string& text, const xml::limits& lim = {}) {
    std::vector<xml::element> records;
    std::vector<xml::element*> open;
    xml::events ev;
    ev.capture = [](const std::vector<std::string>& path) { return path.size() == 2; };
    ev.on_start = [&](std::string_view name, const std::vector<xml::attribute_view>& attributes, std::uint64_t line) {
        xml::element e;
        e.name = name;
        e.line = line;
        for (const auto& a : attributes) e.attributes.emplace_back(a.name, a.value);
        if (open.empty()) {
            records.push_back(std::move(e));
            open.push_back(&records.back());
        } else {
            open.back()->children.push_back(std::move(e));
            open.push_back(&open.back()->children.back());
        }
    };
    ev.on_text = [&](std::string_view t) { open.back()->text.append(t); };
    ev.on_end = [&] { open.pop_back(); };
    std::istringstream in(text);
    xml::read(in, "mem.xml", "test-xml", ev, lim);
    CHECK(open.empty());
    return records;
}

bool same_tree(const xml::element& a, const xml::element& b) {
    if (a.name != b.name || a.text != b.text || a.attributes != b.attributes || a.line != b.line || a.children.size() != b.children.size())
        return false;
    for (std::size_t i = 0; i < a.children.size(); ++i)
        if (!same_tree(a.children[i], b.children[i])) return false;
    return true;
}

} // namespace

TEST_CASE("streamed events carry what the tree carries, under the same bounds") {
    for (const char* file : {"y_doctype_system_ignored.xml", "y_utf8_bom.xml", "y_iso_8859_15.xml", "y_iso_8859_1.xml"}) {
        CAPTURE(file);
        const std::string text = test::read_file(corpus / file);
        const auto tree = read_text(text).records;
        const auto streamed = read_streamed(text);
        REQUIRE(tree.size() == streamed.size());
        for (std::size_t i = 0; i < tree.size(); ++i) CHECK(same_tree(tree[i], streamed[i]));
    }
    for (const auto& entry : std::filesystem::directory_iterator(corpus)) {
        if (!entry.path().filename().string().starts_with("n_")) continue;
        CAPTURE(entry.path().filename().string());
        CHECK_THROWS_AS(read_streamed(test::read_file(entry.path())), parse_error);
    }
    xml::limits small;
    small.max_subtree_bytes = 64;
    CHECK_THROWS_WITH_AS(read_streamed("<r><a>" + std::string(100, 'x') + "</a></r>", small), doctest::Contains("larger than 64 bytes"), parse_error);
    small.max_depth = 3;
    CHECK_THROWS_WITH_AS(read_streamed("<r><a><b><c/></b></a></r>", small), doctest::Contains("nesting deeper than 3"), parse_error);
}

TEST_CASE("attribute values come with & and every reference resolved, in tree and streamed modes") {
    // libxml2 hands `&amp;` and `&#38;` in attributes over as the text "&#38;" (bug found reading aSc subjects).
    const std::string text = R"(<r><s name="Sciences &amp; vie" code="A&#38;B" other="&lt;&gt;&quot;&apos;&#233;" plain="&amp;#38;"/></r>)";
    const auto tree = read_text(text).records;
    REQUIRE(tree.size() == 1);
    CHECK(*tree[0].attribute("name") == "Sciences & vie");
    CHECK(*tree[0].attribute("code") == "A&B");
    CHECK(*tree[0].attribute("other") == "<>\"'é");
    CHECK(*tree[0].attribute("plain") == "&#38;");
    const auto streamed = read_streamed(text);
    REQUIRE(streamed.size() == 1);
    CHECK(same_tree(tree[0], streamed[0]));
}
