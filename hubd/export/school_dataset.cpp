#include "export/school_dataset.hpp"

#include <interop/io/sink.hpp>
#include <interop/json/canonical.hpp>

#include <archive.h>
#include <archive_entry.h>

#include <fstream>
#include <stdexcept>

namespace hubd {

interop::model::dataset load_school(store& s, const std::string& school, const std::vector<std::string>& kinds,
                                    const std::function<std::string(const stored_record&)>& present) {
    interop::model::dataset ds;
    ds.metadata.generator = "hubd";
    ds.metadata.source = "hubd store, school " + school;
    for (const auto& kind : kinds) {
        record_query q;
        q.school = school;
        q.kind = kind;
        q.limit = 5000;
        for (;;) {
            const auto page = s.records(q);
            for (const auto& r : page) ds.add(interop::json::record_from_json(present ? present(r) : r.json, "store"));
            if (page.size() < q.limit) break;
            q.after_id = page.back().id;
        }
    }
    return ds;
}

void zip_folder(const std::filesystem::path& folder, const std::filesystem::path& zip) {
    archive* a = archive_write_new();
    archive_write_set_format_zip(a);
    if (archive_write_open_filename(a, zip.c_str()) != ARCHIVE_OK) {
        const std::string why = archive_error_string(a) ? archive_error_string(a) : "unknown";
        archive_write_free(a);
        throw std::runtime_error("cannot write " + zip.string() + ": " + why);
    }
    for (const auto& f : std::filesystem::recursive_directory_iterator(folder)) {
        if (!f.is_regular_file()) continue;
        std::ifstream in(f.path(), std::ios::binary);
        const std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        archive_entry* e = archive_entry_new();
        archive_entry_set_pathname(e, std::filesystem::relative(f.path(), folder).generic_string().c_str());
        archive_entry_set_size(e, static_cast<la_int64_t>(content.size()));
        archive_entry_set_filetype(e, AE_IFREG);
        archive_entry_set_perm(e, 0644);
        archive_write_header(a, e);
        archive_write_data(a, content.data(), content.size());
        archive_entry_free(e);
    }
    const bool ok = archive_write_close(a) == ARCHIVE_OK;
    archive_write_free(a);
    if (!ok) throw std::runtime_error("cannot finish " + zip.string());
}

std::filesystem::path write_export(const interop::adapter_info& format, const interop::model::dataset& ds,
                                   const std::filesystem::path& dir, const std::string& name) {
    std::filesystem::create_directories(dir);
    const auto ext = format.extensions.empty() ? std::string("out") : format.extensions.front();
    const auto out = dir / (name + "." + ext);
    auto writer = format.make_writer(out);
    interop::io::replay(ds, *writer); // ends with on_end(), which finishes the file
    if (!std::filesystem::is_directory(out)) return out;
    const auto zip = dir / (name + "-" + format.name + ".zip");
    zip_folder(out, zip);
    return zip;
}

} // namespace hubd
