// Pathological inputs, each read by the command-line tool in a child process: every one is
// refused with exit code 3 and an error naming the file and what bound it crossed, within a
// minute, and the child's peak memory stays under the ceiling ($INTEROP_MEMORY_CEILING_MB;
// 256 MiB by default, 1 GiB in sanitizer builds, whose shadow memory and quarantine add to it).
#include <support.hpp>

#include <doctest/doctest.h>

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <functional>
#include <thread>

extern char** environ;

namespace {

namespace fs = std::filesystem;

std::size_t ceiling_mb() {
    if (const char* env = std::getenv("INTEROP_MEMORY_CEILING_MB")) return std::stoul(env);
    return test::paths::sanitized() ? 1024 : 256;
}

struct child_outcome {
    int code = -1;       ///< exit code; -1 when killed or signalled
    bool hung = false;
    long peak_mb = 0;
    std::string err;
};

/** `interop ARGS…` with stderr in a file; killed after `limit`. */
child_outcome run_measured(const std::vector<std::string>& args, const fs::path& err_file,
                           std::chrono::seconds limit = std::chrono::seconds(60)) {
    std::vector<std::string> all{test::paths::cli()};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid = 0;
    REQUIRE(posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) == 0);
    posix_spawn_file_actions_destroy(&actions);
    child_outcome out;
    const auto deadline = std::chrono::steady_clock::now() + limit;
    int status = 0;
    rusage usage{};
    while (wait4(pid, &status, WNOHANG, &usage) == 0) {
        if (std::chrono::steady_clock::now() > deadline) {
            out.hung = true;
            kill(pid, SIGKILL);
            wait4(pid, &status, 0, &usage);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    out.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    out.peak_mb = usage.ru_maxrss / 1024;
    out.err = test::read_file(err_file);
    return out;
}

/** Writes `head`, then `piece` `n` times, then `tail`, without holding the file in memory. */
void write_repeated(const fs::path& file, const std::string& head, const std::string& piece, std::size_t n, const std::string& tail) {
    std::ofstream out(file, std::ios::binary);
    out << head;
    for (std::size_t i = 0; i < n; ++i) out << piece;
    out << tail;
}

/** A zip holding one XML entry: a root, then `mib` MiB of blanks; a few hundred KiB on disk. */
void write_zip_bomb(const fs::path& file, const std::string& entry_name, std::size_t mib) {
    archive* a = archive_write_new();
    archive_write_set_format_zip(a);
    REQUIRE(archive_write_open_filename(a, file.c_str()) == ARCHIVE_OK);
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, entry_name.c_str());
    archive_entry_set_size(e, static_cast<la_int64_t>(mib) << 20);
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_write_header(a, e);
    const std::string root = "<UDCal>", blanks((1 << 20) - root.size(), ' ');
    archive_write_data(a, root.data(), root.size());
    archive_write_data(a, blanks.data(), blanks.size());
    const std::string more(1 << 20, ' ');
    for (std::size_t i = 1; i < mib; ++i) archive_write_data(a, more.data(), more.size());
    archive_entry_free(e);
    archive_write_close(a);
    archive_write_free(a);
}

struct pathological {
    const char* name;
    const char* file;
    const char* format;
    const char* expected; ///< part of the error message
    std::function<void(const fs::path&)> make;
};

const std::size_t big = 32; // MiB: larger than every per-field bound, small enough for a test

/** The header of an ONDE pupils extraction, as ONDE writes it (Windows-1252). */
const std::string onde_header = "\"Nom El\xe8ve\";\"Nom d'usage El\xe8ve\";\"Pr\xe9nom El\xe8ve\";\"Date naissance\";\"Sexe\";\"Adresse1\";\"Cp1\";"
                                "\"Commune1\";\"Pays1\";\" Cycle\";\"Niveau\";\"Classe\";\"Autorisations photos\"\r\n";

const pathological cases[] = {
    {"XML nested 200,000 deep", "ENT_Complet_20250901_Eleve_0000.xml", "aaf", "nesting deeper than 64 elements",
     [](const fs::path& f) { write_repeated(f, "<?xml version=\"1.0\"?><ficAlimMENESR><addRequest>", "<a>", 200000, ""); }},
    {"XML entity expansion (billion laughs)", "ENT_Complet_20250901_Eleve_0001.xml", "aaf", "entity declarations are refused",
     [](const fs::path& f) {
         std::string doc = "<?xml version=\"1.0\"?><!DOCTYPE ficAlimMENESR [<!ENTITY l0 \"ha\">";
         for (int i = 1; i <= 9; ++i)
             doc += "<!ENTITY l" + std::to_string(i) + " \"" + [&] { std::string r; for (int k = 0; k < 10; ++k) r += "&l" + std::to_string(i - 1) + ";"; return r; }() + "\">";
         test::write_file(f, doc + "]><ficAlimMENESR>&l9;</ficAlimMENESR>");
     }},
    {"XML text node of 32 MiB", "big-text.xml", "asc", "a text node is longer than",
     [](const fs::path& f) { write_repeated(f, "<timetable><subject>", std::string(1 << 20, 'x'), big, "</subject></timetable>"); }},
    {"XML element with 10,000 attributes", "attrs.xml", "asc", "more than 256 attributes",
     [](const fs::path& f) {
         std::ofstream out(f, std::ios::binary);
         out << "<timetable><x ";
         for (int i = 0; i < 10000; ++i) out << "a" << i << "=\"\" ";
         out << "/></timetable>";
     }},
    {"JSON nested 1,000,000 deep in a record", "deep.json", "json", "nesting deeper than",
     [](const fs::path& f) {
         std::ofstream(f, std::ios::binary) << "{\"interop_schema\":\"1.0\",\"students\":[{\"id\":\"E1\",\"extensions\":{\"x\":"
                                            << std::string(1000000, '[') << std::string(1000000, ']') << "}}]}";
     }},
    {"JSON record of 32 MiB", "big-record.json", "json", "larger than 16777216 bytes",
     [](const fs::path& f) {
         write_repeated(f, "{\"interop_schema\":\"1.0\",\"students\":[{\"id\":\"E1\",\"last_name\":\"", std::string(1 << 20, 'x'), big, "\"}]}");
     }},
    {"NDJSON line of 32 MiB", "big-line.ndjson", "ndjson", "16777216",
     [](const fs::path& f) {
         write_repeated(f, "{\"kind\":\"dataset\",\"interop_schema\":\"1.0\"}\n{\"kind\":\"student\",\"id\":\"", std::string(1 << 20, 'x'), big, "\"}\n");
     }},
    {"CSV field of 32 MiB", "CSVExtraction-eleves.csv", "onde", "field",
     [](const fs::path& f) { write_repeated(f, onde_header + "\"", std::string(1 << 20, 'x'), big, "\";x\n"); }},
    {"CSV row of a million fields", "CSVExtraction-eleves.csv", "onde", "more than 4096 fields",
     [](const fs::path& f) { write_repeated(f, onde_header, ";", 1000000, "\n"); }},
    {"iCalendar line of 32 MiB folded", "big.ics", "ical", "longer than the bound",
     [](const fs::path& f) { write_repeated(f, "BEGIN:VCALENDAR\r\nX-A:", std::string(1 << 20, 'x') + "\r\n ", big, "\r\nEND:VCALENDAR\r\n"); }},
    {"iCalendar components nested 100,000 deep", "deep.ics", "ical", "nested deeper than the bound",
     [](const fs::path& f) { write_repeated(f, "BEGIN:VCALENDAR\r\n", "BEGIN:VEVENT\r\n", 100000, ""); }},
    {"zip bomb: 512 MiB of blanks in one XML entry", "bomb.zip", "udt", "a text node is longer than",
     [](const fs::path& f) { write_zip_bomb(f, "UDCal_12.xml", 512); }},
};

} // namespace

TEST_CASE("pathological inputs are refused by name, quickly, under the memory ceiling") {
    test::temp_dir scratch("bounds-ceiling");
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const auto file = scratch / c.file;
        c.make(file);
        const auto out = run_measured({"inspect", "--from", c.format, file.string()}, scratch / "err.txt");
        CHECK_FALSE(out.hung);
        CHECK(out.code == 3);
        CHECK(out.err.find(c.file) != std::string::npos);
        CHECK(out.err.find(c.expected) != std::string::npos);
        CHECK(out.peak_mb < static_cast<long>(ceiling_mb()));
        MESSAGE(c.name << ": exit " << out.code << ", peak " << out.peak_mb << " MiB: " << out.err.substr(0, 300));
        fs::remove(file);
    }
}
