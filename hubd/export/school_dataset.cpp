#include "export/school_dataset.hpp"

#include <interop/errors.hpp>
#include <interop/io/output.hpp>
#include <interop/io/sink.hpp>
#include <interop/json/canonical.hpp>


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
    std::vector<std::pair<std::string, std::string>> files;
    for (const auto& f : std::filesystem::recursive_directory_iterator(folder)) {
        if (!f.is_regular_file()) continue;
        std::ifstream in(f.path(), std::ios::binary);
        files.emplace_back(std::filesystem::relative(f.path(), folder).generic_string(),
                           std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>()));
    }
    try {
        interop::io::write_zip(zip, files);
    } catch (const interop::error& e) {
        throw std::runtime_error(e.what());
    }
}

std::filesystem::path write_export(const interop::adapter_info& format, const interop::model::dataset& ds,
                                   const std::filesystem::path& dir, const std::string& name, interop::io::loss_log& losses) {
    std::filesystem::create_directories(dir);
    const auto ext = format.extensions.empty() ? std::string("out") : format.extensions.front();
    const auto out = dir / (name + "." + ext);
    auto writer = interop::open_writer(format, out, {.losses = losses, .folder = interop::io::existing_folder::replace});
    interop::io::replay(ds, *writer); // ends with on_end(), which finishes the file
    if (!std::filesystem::is_directory(out)) return out;
    const auto zip = dir / (name + "-" + format.name + ".zip");
    zip_folder(out, zip);
    return zip;
}

} // namespace hubd
