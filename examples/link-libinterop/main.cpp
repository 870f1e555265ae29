// Reads a file in any format libinterop knows and prints how many records of each kind it holds.
//   count-records FILE

#include <interop/adapters.hpp>
#include <interop/errors.hpp>

#include <iostream>
#include <map>

namespace {

class counter : public interop::io::record_sink {
public:
    void on_record(interop::model::any_record&& r) override {
        std::visit([this]<class K>(const K&) { ++m_counts[std::string(K::kind)]; }, r);
    }
    const std::map<std::string, std::size_t>& counts() const { return m_counts; }

private:
    std::map<std::string, std::size_t> m_counts;
};

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: count-records FILE\n";
        return 2;
    }
    interop::registry formats;
    interop::register_all_adapters(formats);
    try {
        const auto in = interop::io::input::open(argv[1]);
        const auto& adapter = formats.identify(in);
        counter sink;
        interop::diagnostics diags;
        interop::read_bounded(adapter, in, sink, diags, {}); // the library's bounds; see docs/SECURITY.md
        std::cout << "format: " << adapter.name << '\n';
        for (const auto& [kind, n] : sink.counts()) std::cout << kind << ": " << n << '\n';
    } catch (const interop::error& e) {
        std::cerr << e.what() << '\n';
        return 3;
    }
}
