// interop: convert, validate, inspect and compare school data in any registered format.

#include "commands.hpp"
#include "options.hpp"

#include <interop/adapters.hpp>
#include <interop/errors.hpp>

#include <cstring>
#include <iostream>

namespace {

constexpr const char* main_help = R"(usage: interop COMMAND [OPTIONS] ...

Commands:
  formats                         list the registered formats
  identify FILE...                say which format each input is in
  convert [--from F] --to F IN OUT   convert between formats
  validate [--from F] [--strict] FILE  check a dataset
  inspect [--from F] [--json] FILE    counts per kind, schools, dates covered
  diff [--from F] [--json] OLD NEW    created, updated, deleted per kind
  merge [--to F] IN IN... OUT         one identity per person from several sources
  policy check --at TIME FILE         what the school policies hold, and until when

Inputs may be a file, a folder or a zip archive. `interop COMMAND --help` says more.

Exit codes: 0 ok, 1 invalid data (or, with convert --strict, data lost), 2 usage, 3 unreadable
or unparseable input, 4 the output cannot be written.
)";

using command = int (*)(const interop::registry&, const interop::cli::args&);

command find_command(const std::string& name) {
    using namespace interop::cli;
    if (name == "formats") return formats_command;
    if (name == "identify") return identify_command;
    if (name == "convert") return convert_command;
    if (name == "validate") return validate_command;
    if (name == "inspect") return inspect_command;
    if (name == "diff") return diff_command;
    if (name == "merge") return merge_command;
    if (name == "policy") return policy_command;
    return nullptr;
}

} // namespace

int main(int argc, char** argv) {
    using namespace interop::cli;
    if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "help") == 0) {
        std::cout << main_help;
        return argc < 2 ? usage : ok;
    }
    const command cmd = find_command(argv[1]);
    if (!cmd) {
        std::cerr << "interop: unknown command " << argv[1] << "\n" << main_help;
        return usage;
    }
    interop::registry reg;
    interop::register_all_adapters(reg);
    try {
        return cmd(reg, args(argv + 2, argv + argc));
    } catch (const usage_error& e) {
        std::cerr << "interop " << argv[1] << ": " << e.what() << '\n';
        return usage;
    } catch (const interop::output_error& e) {
        std::cerr << "interop " << argv[1] << ": cannot write the output: " << e.what() << '\n';
        return unwritable;
    } catch (const interop::error& e) {
        std::cerr << "interop " << argv[1] << ": " << e.what() << '\n';
        return unreadable;
    } catch (const std::exception& e) {
        std::cerr << "interop " << argv[1] << ": internal error: " << e.what() << '\n';
        return unreadable;
    }
}
