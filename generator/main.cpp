// interop-generate: writes fictional schools in canonical JSON or NDJSON.

#include "aaf_delivery.hpp"
#include "generator.hpp"

#include <interop/adapter/support.hpp>
#include <interop/calendar/school_year.hpp>
#include <interop/errors.hpp>
#include <interop/json/canonical.hpp>

#include <chrono>
#include <cstring>
#include <iostream>
#include <string>

namespace {

constexpr const char* usage = R"(usage: interop-generate [--schools N] [--seed S] [--classes-per-level K] [--school-year YEAR|current]
                        [--real-shapes] [--ndjson | --aaf] OUT

Writes N fictional collèges (default 1: the demo school) in canonical JSON, or NDJSON with
--ndjson, to OUT ("-" for standard output). With --aaf, OUT is a folder that receives an AAF
Complet delivery (EtabEducNat, MatiereEducNat, MefEducNat, PersEducNat, Eleve, PersRelEleve
files of at most 20,000 requests each). Same options, same bytes.

Every date falls in the school year starting in YEAR (default 2025, for 2025-2026: the checked-in
examples/demo-school); `current` takes the school year of today (1 September to 31 August).

--real-shapes gives the schools the shapes real exports have and the demo school keeps out:
a course without a teacher, one without a room, one of part of the year, alternations of one
week and of three consecutive weeks, a meeting for no class or group in two rooms, a group
with the code of a class, a teacher on the staff of every school (in an AAF delivery, one
person who also serves a school outside it).
)";

/** The school year of today's date (UTC). */
int current_school_year() {
    const auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()).time_since_epoch().count();
    return interop::calendar::school_year_of(interop::model::date_from_days(days));
}

} // namespace

int main(int argc, char** argv) {
    interop::generator::options opt;
    bool ndjson = false, aaf = false;
    std::string out;
    try {
        for (int i = 1; i < argc; ++i) {
            const std::string a = argv[i];
            auto value = [&] {
                if (i + 1 >= argc) throw std::invalid_argument(a + " needs a value");
                return std::stoll(argv[++i]);
            };
            if (a == "--schools") opt.schools = static_cast<int>(value());
            else if (a == "--seed") opt.seed = static_cast<std::uint64_t>(value());
            else if (a == "--classes-per-level") opt.classes_per_level = static_cast<int>(value());
            else if (a == "--school-year") {
                const bool current = i + 1 < argc && std::strcmp(argv[i + 1], "current") == 0;
                opt.school_year = current ? current_school_year() : static_cast<int>(value());
                i += current ? 1 : 0;
            }
            else if (a == "--ndjson") ndjson = true;
            else if (a == "--real-shapes") opt.real_shapes = true;
            else if (a == "--aaf") aaf = true;
            else if (a == "--help") {
                std::cout << usage;
                return 0;
            } else if (out.empty() && (a == "-" || !a.starts_with("--"))) out = a;
            else throw std::invalid_argument("unexpected argument " + a);
        }
        if (out.empty() || opt.schools < 1 || opt.classes_per_level < 1 || opt.classes_per_level > 12)
            throw std::invalid_argument("give OUT, at least one school and 1 to 12 classes per level");
        if (opt.school_year < 2000 || opt.school_year > 2200) throw std::invalid_argument("--school-year wants a year from 2000 to 2200, or current");
    } catch (const std::exception& e) {
        std::cerr << "interop-generate: " << e.what() << '\n' << usage;
        return 2;
    }
    try {
        auto writer = aaf ? interop::generator::make_aaf_delivery_writer(out)
                          : interop::adapter_support::committing_writer(
                                out, ndjson ? interop::json::make_ndjson_writer : interop::json::make_document_writer);
        interop::generator::generate(opt, *writer);
    } catch (const std::exception& e) {
        std::cerr << "interop-generate: " << e.what() << '\n';
        return 3;
    }
    return 0;
}
