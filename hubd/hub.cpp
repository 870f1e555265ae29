#include "hub.hpp"

#include "auth/encoding.hpp"
#include "store/sqlite_store.hpp"

#include <interop/adapters.hpp>

#include <chrono>
#include <fstream>
#include <stdexcept>

namespace hubd {

namespace {

std::unique_ptr<store> open_store(const std::filesystem::path& data) {
    std::filesystem::create_directories(data / "spool");
    return open_sqlite_store(data / "hub.sqlite");
}

/** A secret kept in the data folder, made on first use (mode 0600). */
std::string folder_secret(const std::filesystem::path& file) {
    if (!std::filesystem::exists(file)) {
        const auto tmp = file.string() + ".tmp";
        {
            std::ofstream out(tmp);
            out << random_hex(32) << "\n";
            if (!out.flush()) throw std::runtime_error("cannot write " + tmp);
        }
        std::filesystem::permissions(tmp, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
        std::filesystem::rename(tmp, file);
    }
    std::ifstream in(file);
    std::string key;
    in >> key;
    if (key.size() < 32) throw std::runtime_error(file.string() + " does not hold a key");
    return key;
}

interop::registry all_formats() {
    interop::registry r;
    interop::register_all_adapters(r);
    return r;
}

/** What every import's read is held to, from the operator's limits. */
interop::read_options import_bounds(const hub_settings& s) {
    interop::read_options o;
    o.max_records = s.max_import_records;
    o.max_seconds = s.max_import_seconds;
    return o;
}

} // namespace

millis system_clock_millis() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::optional<millis> parse_test_instant(std::string_view text) {
    const auto t = interop::model::parse_date_time(std::string(text));
    if (!t || !t->utc_offset_minutes) return std::nullopt;
    return interop::model::epoch_seconds(*t) * 1000;
}

hub::hub(hub_settings settings, std::function<millis()> clock)
    : m_settings(std::move(settings)), m_clock(std::move(clock)), m_store(open_store(m_settings.data)),
      m_pseudonym_key(folder_secret(m_settings.data / "pseudonym.key")), m_formats(all_formats()),
      m_auth(*m_store, signing_key::load_or_create(m_settings.data / "signing-key.pem"), m_settings.auth, m_clock),
      m_importer(*m_store, m_formats, m_clock, import_bounds(m_settings)), m_feeds(*m_store, m_formats, m_settings.data / "feeds"), m_router(make_router()), m_metrics(m_router.routes()),
      m_audit(std::make_unique<audit_log>(*m_store)) {}

} // namespace hubd

namespace hubd {

http::response hub::handle(const http::request& req) {
    const auto start = std::chrono::steady_clock::now();
    std::size_t route_index = 0;
    auto res = m_router.handle(req, *this, route_index);
    m_metrics.observe(route_index, res.status, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    return res;
}

} // namespace hubd
