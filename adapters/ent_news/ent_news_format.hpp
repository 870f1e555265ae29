#pragma once
// The news ("Actualités") of the open-source ENT (ODE / OPEN ENT NG): threads (fils
// d'actualités) hold infos with publication and expiry dates. We read the API's request bodies
// (createInfo, updateInfo), its listings (arrays of infos with their ids) and our own
// document {"threads": [...], "infos": [...], "ids": [...]}, and write that document: bodies
// valid against the module's createThread and createInfo schemas.

#include <interop/adapter/registry.hpp>

namespace interop::ent_news {

inline constexpr const char* format_name = "ent-news";
/** Member of our document listing the items' ids, in the order of `infos`. */
inline constexpr const char* ids_key = "ids";

/** `status` of an info in the module: 0 trash, 1 draft, 2 pending, 3 published. */
enum info_status : int { trash = 0, draft = 1, pending = 2, published = 3 };

/** Dates as the module writes them: `YYYY-MM-DDTHH:MM:SS`, server time, no offset. */
std::string ent_date(const model::date_time& t);

std::unique_ptr<reader> make_reader(const read_options& opt);
std::unique_ptr<io::record_sink> make_writer(const std::filesystem::path& out, const io::write_options& opt);

} // namespace interop::ent_news
