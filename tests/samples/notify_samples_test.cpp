// Notifications over a real school's export: the ONDE extraction of Emile Zola primary school
// (469 responsables). ONDE does not say who holds legal responsibility, so every linked guardian
// counts. A message to every family reaches each once, by e-mail when they have one, else by
// SMS to a mobile with consent; the others are listed as unreachable. The expected split is
// computed here from the dataset itself.
#include "../hubd/hub_fixture.hpp"

#include <interop/adapters.hpp>
#include <interop/io/sink.hpp>
#include <interop/messaging/sms_route.hpp>

#include <doctest/doctest.h>

#include <map>
#include <set>

namespace {

const std::string school = "Ecole primaire Emile Zola";
const std::string onde_folder = "be1d-csv/Ecole primaire Emile Zola";

/** guardian id → channel the hub should pick ("email", "sms", or "none"), from the dataset read directly. */
std::map<std::string, std::string> expected_channels() {
    interop::registry r;
    interop::register_all_adapters(r);
    interop::model::dataset ds;
    interop::io::dataset_sink sink(ds);
    interop::diagnostics diags;
    r.get("onde").make_reader({})->read(interop::io::input::open(test::samples_dir() / onde_folder), sink, diags);
    // ONDE says nothing of legal responsibility: every guardian a pupil's links name counts.
    std::set<std::string> legal;
    for (const auto& l : ds.all<interop::model::guardian_link>()) {
        CHECK_FALSE(l.legal_rank);
        legal.insert(l.guardian);
    }
    std::map<std::string, std::string> out;
    for (const auto& g : ds.all<interop::model::guardian>()) {
        if (!legal.count(g.id)) continue;
        std::string channel = "none";
        for (const auto& c : g.contacts)
            if (c.type == interop::model::contact_kind::email) channel = "email";
        if (channel == "none" && g.accepts_sms)
            for (const auto& c : g.contacts)
                if (c.type == interop::model::contact_kind::mobile) {
                    const auto n = interop::messaging::e164(c.value);
                    if (n && interop::messaging::french_mobile(*n)) channel = "sms";
                }
        out[g.id] = channel;
    }
    return out;
}

} // namespace

TEST_CASE("a message to every family of a real primary school reaches each legal guardian once, by the channel they can get") {
    test::require_samples();
    test::test_hub h{"samples-notify", [](hubd::hub_settings& s) {
                         s.notify.smtp = hubd::smtp_settings{};
                         s.notify.gateways["kannel"] = hubd::gateway_settings{};
                     }};
    hubd::import_request req;
    req.id = "onde-1", req.school = school, req.client = "test", req.format = "onde";
    req.file = test::samples_dir() / onde_folder;
    req.source_name = onde_folder;
    const auto imported = h->imports().run(req);
    REQUIRE(imported.failure == hubd::import_failure::none);

    const auto token = h.token({"notifications:write", "notifications:read"}, {"*"});
    const auto sent = h.call("POST", "/v1/notifications",
                             R"({"school": ")" + school + R"(", "text": "Réunion des parents jeudi à 18 h.", "audience": {"everyone": true}})", token);
    REQUIRE(sent.status == 202);

    const auto expected = expected_channels();
    std::map<std::string, int> by_channel, expected_by_channel;
    for (const auto& [id, channel] : expected) ++expected_by_channel[channel == "none" ? "none" : channel];
    std::set<std::string> reached;
    hubd::notification_query q;
    q.school = school;
    q.limit = 10000;
    for (const auto& n : h->db().notifications().notifications(q)) {
        CHECK(reached.insert(n.recipient).second); // once each
        REQUIRE(expected.count(n.recipient));
        CHECK(n.channel == expected.at(n.recipient));
        if (n.channel == "sms") CHECK(interop::messaging::french_mobile(n.address));
        if (n.channel == "email") CHECK(n.address.find('@') != std::string::npos);
        if (n.channel == "none") CHECK(n.status == "failed");
        ++by_channel[n.channel];
    }
    MESSAGE("legal guardians: " << expected.size() << "; e-mail " << by_channel["email"] << ", SMS " << by_channel["sms"] << ", unreachable "
                                << by_channel["none"]);
    CHECK(reached.size() == expected.size());
    for (const char* channel : {"email", "sms", "none"}) CHECK(by_channel[channel] == expected_by_channel[channel]);
    CHECK(expected.size() > 400); // the extraction's families, not a handful
}
