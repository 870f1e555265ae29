#pragma once
/** @file One registration function per resource file. */

#include "router.hpp"

namespace hubd {

void add_health_routes(router& r);
void add_token_routes(router& r);
void add_client_routes(router& r);
void add_import_routes(router& r);
void add_change_routes(router& r);
void add_school_routes(router& r);
void add_subscription_routes(router& r);
void add_audit_routes(router& r);
void add_export_routes(router& r);
void add_calendar_routes(router& r);
void add_settings_routes(router& r);
void add_notification_routes(router& r);
void add_sms_routes(router& r);
void add_oneroster_read_routes(router& r);
void add_oneroster_write_routes(router& r);

} // namespace hubd
