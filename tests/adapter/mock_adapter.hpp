#pragma once
// A mock adapter, registered through the real registry, to drive failure paths.
// Its format: one line per record, "student ID"; a line "fail" is a parse error there.

#include <interop/adapter/support.hpp>
#include <interop/errors.hpp>

#include <sstream>

namespace test {

inline interop::confidence identify_mock(const interop::io::input& in) {
    if (in.entries().size() != 1) return interop::confidence::no;
    const auto head = in.head(in.entries().front(), 16);
    if (head.starts_with("MOCK?")) return interop::confidence::unsure;
    return head.starts_with("MOCK") ? interop::confidence::yes : interop::confidence::no;
}

class mock_reader : public interop::reader {
public:
    void read(const interop::io::input& in, interop::io::record_sink& sink, interop::diagnostics& diags) override {
        const auto& entry = interop::adapter_support::only_entry(in, "mock");
        auto stream = in.open_entry(entry);
        std::string line;
        std::uint64_t number = 0;
        sink.on_metadata({});
        while (std::getline(*stream, line)) {
            ++number;
            if (line.starts_with("MOCK")) continue;
            if (line == "fail") throw interop::parse_error({in.describe(entry), number, 1}, "mock", "told to fail");
            if (line == "odd") {
                diags.add(interop::severity::warning, "mock.odd", "", "odd line skipped", {in.describe(entry), number, 0});
                continue;
            }
            interop::model::student s;
            s.id = line.substr(line.find(' ') + 1);
            s.school = "0440008V";
            s.provenance = {"mock", in.describe(entry), number};
            sink.on_record(s);
        }
        sink.on_end();
    }
};

/** Writes "student ID" lines; a record with id "boom" makes it fail. */
class mock_writer : public interop::io::record_sink {
public:
    explicit mock_writer(std::ostream& out) : m_out(out) {}
    void on_record(interop::model::any_record&& r) override {
        const auto& s = std::get<interop::model::student>(r);
        if (s.id == "boom") throw interop::io_error("mock writer: cannot write boom");
        m_out << "student " << s.id << '\n';
    }

private:
    std::ostream& m_out;
};

inline void register_mock(interop::registry& r, const std::string& name = "mock") {
    r.add({.name = name,
           .title = "Mock adapter for tests",
           .domains = {"people"},
           .extensions = {"mock"},
           .media_type = "text/x-mock",
           .identify = identify_mock,
           .make_reader = [](const interop::read_options&) { return std::make_unique<mock_reader>(); },
           .make_writer = [](const std::filesystem::path& out, const interop::io::write_options&) {
               return interop::adapter_support::committing_writer(out, [](std::ostream& o) {
                   o << "MOCK\n";
                   return std::make_unique<mock_writer>(o);
               });
           },
           .writes = {"student"}});
}

} // namespace test
