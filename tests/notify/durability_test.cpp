// The right to disconnect end to end, with hubd as a process and its test clock: an absence
// recorded on Friday at 21:30 reaches the guardian's app on Monday at 07:00, not before, even
// across a kill -9 while it is held; an urgent message goes out at once and is audited.
#include "../hubd/receiver.hpp"
#include "hub_process.hpp"

#include "delivery/signature.hpp"

#include <doctest/doctest.h>

TEST_CASE("held across a kill -9, sent when the window opens; urgent at once and audited") {
    test::webhook_receiver relay;
    test::hub_process hub("notify-durability", R"({"push": {"url": ")" + relay.url() + R"(", "secret": "relay-secret"}})");
    hub.at("2026-12-04T21:30:00+01:00");
    hub.import(test::notify_school_document());
    hub.import(test::delta_of(test::absence_of("A1", "E1", "2026-12-04T16:00:00+01:00")));
    REQUIRE(test::eventually([&] { return hub.count("held") == 1; }));

    const auto urgent = hub.call("POST", "/v1/notifications", R"({"school": ")" + test::notify_uai +
                                                                  R"(", "text": "Bus de retour retardé, arrivée 23 h.", "audience": {"persons": [{"kind": "guardian", "id": "G1"}]}, "urgency": "urgent", "reason": "bus breakdown"})");
    REQUIRE(urgent.status == 202);
    REQUIRE(test::eventually([&] { return relay.posts().size() == 1; }));
    const auto pushed = relay.posts()[0];
    CHECK(pushed.body.find("Bus de retour retard") != std::string::npos);
    // Signed at the real time, whatever the test clock says: the relay checks it against its own.
    CHECK(hubd::verify_delivery_signature(pushed.header("Interop-Signature"), "relay-secret", pushed.body, std::time(nullptr), 300));
    CHECK(hub.call("GET", "/v1/audit?limit=1000").body.find("bus breakdown") != std::string::npos);

    REQUIRE(hub.hubd->signal_and_wait(SIGKILL, std::chrono::seconds(10)) >= 0);
    hub.start("2026-12-04T23:00:00+01:00"); // not a moment on the real time, which may be past Monday
    hub.token.clear();
    CHECK(hub.count("held") == 1);
    hub.at("2026-12-07T06:59:00+01:00");
    std::this_thread::sleep_for(std::chrono::milliseconds(1500)); // a notifier round or more
    CHECK(relay.posts().size() == 1);
    hub.at("2026-12-07T07:00:00+01:00");
    REQUIRE(test::eventually([&] { return relay.posts().size() == 2; }));
    CHECK(relay.posts()[1].body.find("Absence de Léa Martin le 04/12/2026 à 16:00") != std::string::npos);
    CHECK(test::eventually([&] { return hub.count("sent") == 2; }));
    CHECK(hub.count("held") == 0);
}
