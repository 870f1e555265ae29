#include "routes/routes.hpp"

namespace hubd {

router make_router() {
    router r;
    add_health_routes(r);
    add_token_routes(r);
    add_client_routes(r);
    add_import_routes(r);
    add_change_routes(r);
    // Before /v1/schools/{uai}/{kind}: `export`, `calendars`, `settings` and `sms` are not kinds.
    add_export_routes(r);
    add_calendar_routes(r);
    add_settings_routes(r);
    add_sms_routes(r);
    add_notification_routes(r);
    add_school_routes(r);
    add_subscription_routes(r);
    add_audit_routes(r);
    // Last: the hub's own routes are matched first, whatever the number of OneRoster routes.
    add_oneroster_read_routes(r);
    add_oneroster_write_routes(r);
    return r;
}

} // namespace hubd
