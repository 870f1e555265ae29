#include <doctest/doctest.h>

#include <interop/csv/reader.hpp>
#include <interop/errors.hpp>

#include <sstream>

using namespace interop;

namespace {

std::vector<std::vector<std::string>> rows(const std::string& text, csv::options opt = {}) {
    std::istringstream in(text);
    csv::reader r(in, "t.csv", "test-csv", opt);
    std::vector<std::vector<std::string>> out;
    std::vector<std::string> row;
    while (r.next(row)) out.push_back(row);
    return out;
}

std::string refusal(const std::string& text, csv::options opt = {}) {
    try {
        rows(text, opt);
    } catch (const parse_error& e) {
        return e.what();
    }
    return "accepted";
}

using table = std::vector<std::vector<std::string>>;

} // namespace

TEST_CASE("quoted fields, doubled quotes, empty fields, CRLF and LF") {
    CHECK(rows("\"a\";\"b;c\";;\"d\"\"e\"\r\nx;;\"\"\r\n") == table{{"a", "b;c", "", "d\"e"}, {"x", "", ""}});
    CHECK(rows("a;b\nc;d") == table{{"a", "b"}, {"c", "d"}});
    CHECK(rows("\"multi\nline\";z\n") == table{{"multi\nline", "z"}});
    CHECK(rows("a,b\n", {.separator = ','}) == table{{"a", "b"}});
    CHECK(rows("").empty());
}

TEST_CASE("encodings: UTF-8 with or without BOM, ISO-8859-1 converted") {
    CHECK(rows("\xEF\xBB\xBF\"Élève\";b\n") == table{{"Élève", "b"}});
    CHECK(rows("\"\xC9l\xE8ve\";Alen\xE7on\r\n") == table{{"Élève", "Alençon"}});
    CHECK(rows("\xC3\xA9", {.encoding = csv::encoding::latin1}) == table{{"Ã©"}});
    CHECK(refusal("\xE9t\xE9\n", {.encoding = csv::encoding::utf8}).find("invalid UTF-8") != std::string::npos);
}

TEST_CASE("bad input is refused with file, line and column") {
    CHECK(refusal("a;b\n\"open;c\n").find("t.csv:3:") == 0);
    CHECK(refusal("a;b\n\"open;c\n").find("ends inside a quoted field") != std::string::npos);
    CHECK(refusal(std::string(100, 'x'), {.max_field_bytes = 10}).find("longer than 10 bytes") != std::string::npos);
    CHECK(refusal("a;b;c;d\n", {.max_fields = 3}).find("more than 3 fields") != std::string::npos);
}
