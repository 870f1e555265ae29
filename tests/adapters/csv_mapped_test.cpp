// CSV with a declared mapping: a Windows-1252 absence spreadsheet and a grade sheet read
// through their mappings (bad rows left out with their line), mappings refused with the
// member at fault, spreadsheets written in the declared layout and encoding and read back.
#include "adapters/reading.hpp"
#include <map>
#include "support.hpp"

#include <interop/errors.hpp>
#include <interop/json/canonical.hpp>

#include "csv_mapped/cell_format.hpp"
#include "csv_mapped/csv_mapping.hpp"

using namespace interop;

namespace {

const auto csv_mapped_fixtures = test::source_dir() / "tests/data/csv_mapped";

read_options notes_options() {
    read_options opt;
    opt.school = "0130001F";
    opt.mapping = csv_mapped_fixtures / "notes.mapping.json";
    return opt;
}

model::dataset read_with(const std::filesystem::path& in, diagnostics& diags, read_options opt = {}) { return test::read_with("csv-mapped", in, diags, opt); }

std::string mapping_error(const std::string& json) {
    try {
        csv_mapped::parse_mapping(json, "m.mapping.json");
    } catch (const parse_error& e) {
        return e.what();
    }
    return "no error";
}

template <class K> std::vector<K> without_provenance(std::vector<K> records) {
    for (auto& r : records) r.provenance = {};
    return records;
}

} // namespace

TEST_CASE("dates, times and numbers by the mapping's patterns") {
    using namespace csv_mapped;
    const auto m = parse_moment("3/9/2025 8:05", "DD/MM/YYYY HH:mm");
    REQUIRE(m);
    CHECK(model::to_string(m->day) == "2025-09-03");
    CHECK(m->seconds == 8 * 3600 + 5 * 60);
    CHECK(parse_moment("20250903", "YYYYMMDD")->day == model::date{2025, 9, 3});
    CHECK(!parse_moment("31/02/2025", "DD/MM/YYYY"));
    CHECK(!parse_moment("03/09/2025 extra", "DD/MM/YYYY"));
    CHECK(!parse_moment("25:00", "HH:mm"));
    CHECK(format_moment({{2025, 9, 3}, 8 * 3600 + 5 * 60}, "DD/MM/YY à HH:mm") == "03/09/25 à 08:05");
    CHECK(parse_number("1 234,5", ',') == 1234.5);
    CHECK(!parse_number("1.5", ','));
    CHECK(format_number(12.75, ',') == "12,75");
}

TEST_CASE("an absence spreadsheet in Windows-1252 reads through its mapping; bad rows are left out with their line") {
    diagnostics diags;
    const auto ds = test::read_as("csv-mapped", io::input::open(test::corpus_dir("csv-mapped") / "i_bad_rows"), diags);
    CHECK(test::matches_golden(csv_mapped_fixtures / "golden/absences.json", json::to_document(test::without_folders(ds))));
    const auto& events = ds.all<model::attendance_event>();
    REQUIRE(events.size() == 3);
    CHECK(events[0].reason == "Rendez-vous chez l\u2019orthophoniste"); // 0x92 in Windows-1252
    CHECK(model::to_string(events[0].end.value()) == "2025-10-06T12:00:00");
    CHECK(events[1].id != events[2].id); // the same row twice: two records, two stable ids
    REQUIRE(diags.count(severity::error) == 2);
    CHECK(diags.items()[0].where.line == 6);
    CHECK(diags.items()[0].message.find("'32/10/2025' is not a date like DD/MM/YYYY") != std::string::npos);
    CHECK(diags.items()[1].where.line == 7);
    CHECK(diags.items()[1].message.find("column 'Justifiée'") != std::string::npos);
}

TEST_CASE("a grade sheet reads with a mapping given apart: decimal commas, and Abs setting the status") {
    diagnostics diags;
    const auto ds = read_with(csv_mapped_fixtures / "notes/notes.csv", diags, notes_options());
    const auto& grades = ds.all<model::grade_result>();
    REQUIRE(grades.size() == 3);
    CHECK(grades[0].value == 12.5);
    CHECK(grades[0].school == "0130001F");
    CHECK(grades[1].status == model::grade_status::absent); // the cell's table wins over the mapping's constant
    CHECK(grades[1].value == std::nullopt);
    CHECK(grades[2].comment == "Très bien, continue");
    REQUIRE(diags.count(severity::error) == 1);
    CHECK(diags.items()[0].where.line == 5);
}

TEST_CASE("mistakes in a mapping are refused, naming the member") {
    CHECK(mapping_error("{\"kind\": \"absence\", \"columns\": {\"a\": \"student\"}}").find("kind: 'absence' is not a record kind") != std::string::npos);
    CHECK(mapping_error("{\"kind\": \"attendance_event\", \"columns\": {\"Élève\": \"pupil\"}}").find("columns.Élève: 'pupil' is not a field of attendance_event") != std::string::npos);
    CHECK(mapping_error("{\"kind\": \"report_card\", \"columns\": {\"x\": \"subjects\"}}").find("holds a list of objects") != std::string::npos);
    CHECK(mapping_error("{\"kind\": \"student\", \"encoding\": \"ebcdic\", \"columns\": {\"x\": \"id\"}}").find("encoding: 'ebcdic'") != std::string::npos);
    CHECK(mapping_error("{\"kind\": \"student\", \"columns\": {\"x\": {\"field\": \"last_name\", \"part\": \"date\"}}}").find("columns.x.part") != std::string::npos);
    CHECK(mapping_error("{\"kind\": \"student\", \"separator\": \";;\", \"columns\": {\"x\": \"id\"}}").find("separator: expected one character") != std::string::npos);
    CHECK(mapping_error("{\"kind\": \"student\"").find("m.mapping.json") != std::string::npos);
    CHECK(mapping_error("{\"kind\": \"student\", \"columns\": {}}").find("at least one column") != std::string::npos);
}

TEST_CASE("a header without a mapped column is refused, naming it") {
    test::temp_dir dir("csv-mapped-header");
    std::filesystem::create_directories(dir / "in");
    std::filesystem::copy(test::corpus_dir("csv-mapped") / "i_bad_rows/absences.mapping.json", dir / "in/absences.mapping.json");
    test::write_file(dir / "in/absences.csv", "\xC9l\xE8ve;Date;Heure d\xE9" "but;Heure fin;Justifi\xE9" "e;Saisi par\r\n"); // Windows-1252
    diagnostics diags;
    CHECK_THROWS_WITH_AS(read_with(dir / "in", diags), doctest::Contains("lacks the mapped column(s) 'Motif'"), parse_error);
    std::filesystem::remove(dir / "in/absences.csv");
    CHECK_THROWS_WITH_AS(read_with(dir / "in", diags), doctest::Contains("which the input does not hold"), parse_error);
}

TEST_CASE("written through a declared mapping: the school's layout and encoding, read back as the same records") {
    diagnostics diags;
    const auto ds = test::read_as("csv-mapped", io::input::open(test::corpus_dir("csv-mapped") / "i_bad_rows"), diags);
    test::temp_dir dir("csv-mapped-write");
    std::filesystem::create_directories(dir / "out");
    std::filesystem::copy(test::corpus_dir("csv-mapped") / "i_bad_rows/absences.mapping.json", dir / "out/absences.mapping.json");
    test::write_as("csv-mapped", ds, dir / "out");
    CHECK(test::matches_golden(csv_mapped_fixtures / "golden/absences.csv", test::read_file(dir / "out/absences.csv")));
    diagnostics again;
    const auto back = read_with(dir / "out", again);
    CHECK(again.count(severity::error) == 0);
    CHECK(without_provenance(back.all<model::attendance_event>()) == without_provenance(ds.all<model::attendance_event>()));

    // A character Windows-1252 cannot hold is refused, not written as '?'.
    auto foreign = ds;
    foreign.all<model::attendance_event>()[0].reason = "診察";
    CHECK_THROWS_WITH_AS(test::write_as("csv-mapped", foreign, dir / "out"), doctest::Contains("Windows-1252 cannot hold"), error);
}

TEST_CASE("without a declared mapping, every kind is written with a column per field, and reads back") {
    diagnostics diags;
    const auto ds = read_with(csv_mapped_fixtures / "notes/notes.csv", diags, notes_options());
    test::temp_dir dir("csv-mapped-default");
    test::write_as("csv-mapped", ds, dir / "out");
    CHECK(std::filesystem::exists(dir / "out/grade_results.mapping.json"));
    const auto head = test::read_file(dir / "out/grade_results.csv").substr(0, 60);
    CHECK_MESSAGE(head.rfind("id;school;assessment;student;status;value;comment\r\n", 0) == 0, head);
    const auto back = test::read_as("csv-mapped", dir / "out");
    CHECK(without_provenance(back.all<model::grade_result>()) == without_provenance(ds.all<model::grade_result>()));
}

TEST_CASE("a bound crossed stops the read: it is not one more row left out") {
    auto opt = notes_options();
    opt.max_records = 2;
    model::dataset ds;
    io::dataset_sink sink(ds);
    diagnostics diags;
    const auto in = io::input::open(csv_mapped_fixtures / "notes/notes.csv");
    registry r;
    register_all_adapters(r);
    CHECK_THROWS_WITH_AS(read_bounded(r.get("csv-mapped"), in, sink, diags, opt),
                         doctest::Contains("record 3: more than 2 records"), limit_error);
    CHECK(ds.all<model::grade_result>().size() == 2);
    CHECK(diags.count(severity::error) == 0);
}

TEST_CASE("through a folder's own mappings, what no mapping names is declared: kinds and fields") {
    diagnostics diags;
    auto ds = test::read_as("csv-mapped", io::input::open(test::corpus_dir("csv-mapped") / "i_bad_rows"), diags);
    REQUIRE_FALSE(ds.all<model::attendance_event>().empty());
    auto& first = ds.all<model::attendance_event>().front();
    first.minutes = 55; // the school's layout has no column for it
    const auto unmapped = test::pupil("E1", first.school, "Martin", "Zoé");
    ds.add(unmapped); // nor any mapping for pupils
    test::temp_dir dir("csv-mapped-unmapped");
    std::filesystem::create_directories(dir / "out");
    std::filesystem::copy(test::corpus_dir("csv-mapped") / "i_bad_rows/absences.mapping.json", dir / "out/absences.mapping.json");
    registry r;
    register_all_adapters(r);
    io::loss_log losses;
    {
        auto writer = open_writer(r.get("csv-mapped"), dir / "out", {losses, io::existing_folder::overwrite});
        io::replay(ds, *writer);
    }
    std::map<std::string, std::vector<std::string>> declared;
    for (const auto& reason : losses.reasons()) declared[reason.code] = reason.records;
    CHECK(declared["loss.csv-mapped.unmapped"] == std::vector<std::string>{io::record_name(unmapped)});
    CHECK(declared["loss.field.minutes"] == std::vector<std::string>{io::record_name(first)});
}
