// hubd: the hub daemon's command line.
#include "audit/verify.hpp"
#include "auth/jwt.hpp"
#include "config.hpp"
#include "delivery/deliverer.hpp"
#include "delivery/http_post.hpp"
#include "hub.hpp"
#include "json_writer.hpp"
#include "log.hpp"
#include "notify/channels.hpp"
#include "notify/notifier.hpp"
#include "notify/smtp_client.hpp"
#include "server/server.hpp"

#include "store/sqlite_store.hpp"

#include <interop/adapter/support.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace {

constexpr const char* usage = R"(hubd — the Interop Hub daemon

Usage:
  hubd serve --data DIR [--listen ADDR:PORT] [--config FILE] [--test-clock INSTANT]
      Serves the hub's HTTP API. Port 0 picks a free port; the address it listens on is
      printed on stdout as {"listening": "ADDR:PORT"}. Logs go to stderr as JSON lines.
      SIGTERM or SIGINT stop it: in-flight requests finish within the grace period.
  hubd client add --data DIR [--config FILE] --name NAME --scopes S,... --schools UAI,... [--audience families]
      Creates a client and prints {"client_id", "client_secret", ...} as JSON; the secret
      is shown only this once. --schools '*' gives every school. --audience families makes
      a family-facing client (an app for guardians): it sees news, grades and their changes
      only when the school's right to disconnect and release delays let families see them.
  hubd client list --data DIR
  hubd client revoke --data DIR CLIENT_ID
  hubd audit verify --data DIR [--checkpoint FILE]
      Checks the audit log offline: every entry's hash, the chain between them, no gap;
      with a checkpoint (the JWS from GET /v1/audit/checkpoint, in a file), its signature
      and that the log still holds the entry it names. Prints a JSON verdict; exit 0 when
      the chain holds, 1 when it does not (the verdict names the first entry that fails).

Scopes: roster, timetable, attendance, grades, homework, discipline, news, notifications,
each as DOMAIN:read or DOMAIN:write; notifications:urgent (through a closed right-to-disconnect
window); admin (clients, school settings); audit.

Options:
  --data DIR      the data folder (store, signing key, spool); created if absent
  --listen A:P    address and port, default 127.0.0.1:8080 (or the configuration's)
  --config FILE   JSON configuration (see examples/hubd/hubd.json); flags override it
  --test-clock T  starts the test clock at the instant T (RFC 3339 with its offset), so that
                  nothing is decided at the real time; needs "test_clock": true (tests, audits)
  --help          this text

Exit codes: 0 ok, 1 failure, 2 usage.
)";

struct args {
    std::vector<std::string> words;
    std::map<std::string, std::string> options;
    bool help = false;
};

std::optional<args> parse(int argc, char** argv) {
    args a;
    for (int i = 1; i < argc; ++i) {
        std::string s = argv[i];
        if (s == "--help" || s == "-h") {
            a.help = true;
        } else if (s.starts_with("--")) {
            if (i + 1 >= argc) return std::nullopt;
            a.options[s.substr(2)] = argv[++i];
        } else {
            a.words.push_back(s);
        }
    }
    return a;
}

std::vector<std::string> split(const std::string& s) { return interop::adapter_support::split_nonempty(s, ','); }

int usage_error(const std::string& why) {
    std::cerr << "hubd: " << why << "\n(hubd --help tells the commands)\n";
    return 2;
}

hubd::config settings_of(const args& a) {
    hubd::config c;
    if (auto it = a.options.find("config"); it != a.options.end()) c = hubd::load_config(it->second);
    if (auto it = a.options.find("data"); it != a.options.end()) c.hub.data = it->second;
    if (auto it = a.options.find("listen"); it != a.options.end()) hubd::set_listen(c.server, it->second);
    if (c.hub.data.empty()) throw std::invalid_argument("--data DIR is required");
    return c;
}

/** The channels the configuration names: the push relay, SMTP, the SMS gateways. */
std::map<std::string, std::unique_ptr<hubd::channel>> channels_of(const hubd::notify_settings& s, hubd::hub& h) {
    std::map<std::string, std::unique_ptr<hubd::channel>> out;
    const auto call = hubd::make_http_caller(s.http_timeout);
    const auto clock = [&h] { return h.policy_now(); };
    // A push is signed at the real time: the relay checks the signature against its own clock.
    if (s.push) out["push"] = std::make_unique<hubd::push_channel>(*s.push, call, [&h] { return h.now(); });
    if (s.smtp) out["email"] = std::make_unique<hubd::email_channel>(hubd::make_smtp_sender(*s.smtp), s.default_from);
    if (!s.gateways.empty()) {
        std::map<std::string, hubd::sms_gateway> gateways;
        for (const auto& [name, g] : s.gateways) gateways.emplace(name, hubd::sms_gateway(g, call));
        out["sms"] = std::make_unique<hubd::sms_channel>(h.db().notifications(), std::move(gateways), clock);
    }
    return out;
}

/** --test-clock INSTANT: where the test clock starts, before anything runs on the real time. */
std::optional<hubd::millis> test_clock_start(const args& a, const hubd::config& c) {
    const auto it = a.options.find("test-clock");
    if (it == a.options.end()) return std::nullopt;
    if (!c.hub.test_clock) throw std::invalid_argument("--test-clock needs \"test_clock\": true in the configuration (tests and audits only)");
    const auto at = hubd::parse_test_instant(it->second);
    if (!at) throw std::invalid_argument("--test-clock wants an RFC 3339 instant with its offset, such as 2026-12-04T21:30:00+01:00");
    return at;
}

int serve(const args& a) {
    const auto c = settings_of(a);
    const auto start_at = test_clock_start(a, c);
    hubd::hub h(c.hub, hubd::system_clock_millis);
    if (start_at) {
        h.set_test_now(*start_at);
        h.audit().record({0, h.now(), "hubd --test-clock", "test_clock", "", "", 0, hubd::iso_time(*start_at), "", ""});
    }
    hubd::server srv(h, c.server);
    hubd::deliverer webhooks(h.db(), h.changes(), hubd::make_http_sender(c.delivery_timeout), c.delivery, hubd::system_clock_millis);
    webhooks.start();
    hubd::notifier notifications(h, c.hub.notify, channels_of(c.hub.notify, h));
    notifications.start();
    hubd::drop_folders drops(h, c.drop);
    drops.start();
    if (const auto holidays = hubd::holidays_warning(h.policy_now())) hubd::log_event("warning", "school holidays unknown", {{"detail", *holidays}});
    const auto where = c.server.address + ":" + std::to_string(srv.port());
    std::printf("{\"listening\":\"%s\"}\n", where.c_str());
    std::fflush(stdout);
    hubd::log_event("info", "listening", {{"address", where}, {"data", c.hub.data.string()}, {"tls", c.server.tls.enabled() ? "on" : "off"}});
    srv.run();
    drops.stop();    // the file in progress finishes
    notifications.stop(); // the send in progress finishes (bounded by its timeout)
    webhooks.stop(); // the attempt in progress finishes (bounded by its timeout)
    hubd::log_event("info", "stopped");
    return 0;
}

void print_client(hubd::json_writer& w, const hubd::client_row& c) {
    w.StartObject();
    w.member("client_id", c.id).member("name", c.name).member("scopes", c.scopes).member("schools", c.schools);
    w.member("created_at", hubd::iso_time(c.created_at)).member("revoked", c.revoked);
    w.EndObject();
}

int client(const args& a) {
    const auto c = settings_of(a);
    hubd::hub h(c.hub, hubd::system_clock_millis);
    const std::string verb = a.words.size() > 1 ? a.words[1] : "";
    hubd::json_writer w;
    if (verb == "add") {
        if (!a.options.count("name") || !a.options.count("scopes") || !a.options.count("schools"))
            return usage_error("client add needs --name, --scopes and --schools");
        const auto scopes = split(a.options.at("scopes"));
        for (const auto& s : scopes)
            if (std::find(hubd::known_scopes().begin(), hubd::known_scopes().end(), s) == hubd::known_scopes().end())
                return usage_error("unknown scope " + s);
        const auto audience = a.options.count("audience") ? a.options.at("audience") : "";
        if (!audience.empty() && audience != "families") return usage_error("--audience wants families");
        auto [row, secret] = h.auth().add_client(a.options.at("name"), scopes, split(a.options.at("schools")));
        if (!audience.empty()) h.db().set_client_audience(row.id, audience);
        h.audit().record({0, h.now(), "cli", "client.add", "", "", 0, row.id + " " + row.name, "", ""});
        w.StartObject();
        w.member("client_id", row.id).member("client_secret", secret).member("name", row.name);
        w.member("scopes", row.scopes).member("schools", row.schools);
        w.EndObject();
    } else if (verb == "list") {
        w.StartArray();
        for (const auto& row : h.db().clients()) print_client(w, row);
        w.EndArray();
    } else if (verb == "revoke" && a.words.size() == 3) {
        if (!h.db().revoke_client(a.words[2])) {
            std::cerr << "hubd: no client " << a.words[2] << "\n";
            return 1;
        }
        h.audit().record({0, h.now(), "cli", "client.revoke", "", "", 0, a.words[2], "", ""});
        w.StartObject();
        w.member("client_id", a.words[2]).member("revoked", true);
        w.EndObject();
    } else {
        return usage_error("client wants add, list or revoke ID");
    }
    std::cout << w.str() << "\n";
    return 0;
}

std::string read_text(const std::string& file) {
    std::ifstream in(file);
    if (!in) throw std::runtime_error("cannot read " + file);
    std::stringstream s;
    s << in.rdbuf();
    auto text = s.str();
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    return text;
}

/** The checkpoint file holds the JWS, or the JSON that GET /v1/audit/checkpoint returned. */
std::string checkpoint_jws(const std::string& text) {
    const auto at = text.find("\"checkpoint\"");
    if (at == std::string::npos) return text;
    const auto open = text.find('"', text.find(':', at) + 1);
    const auto close = text.find('"', open + 1);
    return text.substr(open + 1, close - open - 1);
}

int audit(const args& a) {
    if (a.words.size() != 2 || a.words[1] != "verify") return usage_error("audit wants verify");
    const auto c = settings_of(a);
    if (!std::filesystem::exists(c.hub.data / "hub.sqlite")) throw std::runtime_error("no hub store in " + c.hub.data.string());
    auto store = hubd::open_sqlite_store(c.hub.data / "hub.sqlite");
    const auto key = hubd::signing_key::load(c.hub.data / "signing-key.pem");
    std::optional<std::string> checkpoint;
    if (auto it = a.options.find("checkpoint"); it != a.options.end()) checkpoint = checkpoint_jws(read_text(it->second));
    const auto v = hubd::verify_audit(*store, checkpoint, key);
    hubd::json_writer w;
    w.StartObject();
    w.member("ok", v.ok).member("entries", v.entries).member("head_seq", v.head_seq).member("head_hash", v.head_hash);
    if (checkpoint) w.member("checkpoint_checked", v.checkpoint_checked);
    if (v.bad_seq) w.member("first_bad_seq", *v.bad_seq);
    if (!v.problem.empty()) w.member("problem", v.problem);
    w.EndObject();
    std::cout << w.str() << "\n";
    return v.ok ? 0 : 1;
}

} // namespace

int main(int argc, char** argv) {
    const auto a = parse(argc, argv);
    if (!a) return usage_error("an option lacks its value");
    if (a->help || a->words.empty()) {
        std::cout << usage;
        return a->help ? 0 : 2;
    }
    try {
        if (a->words[0] == "serve") return serve(*a);
        if (a->words[0] == "client") return client(*a);
        if (a->words[0] == "audit") return audit(*a);
        return usage_error("unknown command " + a->words[0]);
    } catch (const std::invalid_argument& e) {
        return usage_error(e.what());
    } catch (const std::exception& e) {
        std::cerr << "hubd: " << e.what() << "\n";
        return 1;
    }
}
