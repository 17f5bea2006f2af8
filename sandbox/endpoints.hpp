// Endpoint functions, one per route (see the table in sandbox.cpp). Each reads
// ctx.params and ctx.parts, changes the store, and returns the response or
// throws ApiError. Authentication has been checked by the router.
#pragma once

#include "sandbox.hpp"

namespace setupflow::sandbox {

// setup_intents.cpp
Response setup_intent_create(Ctx& ctx);
Response setup_intent_retrieve(Ctx& ctx);
Response setup_intent_update(Ctx& ctx);
Response setup_intent_confirm(Ctx& ctx);
Response setup_intent_cancel(Ctx& ctx);
Response setup_intent_list(Ctx& ctx);

// setup_attempts.cpp
Response setup_attempt_list(Ctx& ctx);

// payment_intents.cpp
Response payment_intent_create(Ctx& ctx);
Response payment_intent_retrieve(Ctx& ctx);
Response payment_intent_confirm(Ctx& ctx);
Response payment_intent_cancel(Ctx& ctx);

// resources.cpp
Response customer_create(Ctx& ctx);
Response customer_retrieve(Ctx& ctx);
Response customer_list(Ctx& ctx);
Response customer_update(Ctx& ctx);
Response customer_list_payment_methods(Ctx& ctx);
Response payment_method_retrieve(Ctx& ctx);
Response payment_method_list(Ctx& ctx);
Response payment_method_attach(Ctx& ctx);
Response payment_method_detach(Ctx& ctx);
Response mandate_retrieve(Ctx& ctx);
Response event_list(Ctx& ctx);
Response event_retrieve(Ctx& ctx);
Response webhook_endpoint_create(Ctx& ctx);
Response webhook_endpoint_list(Ctx& ctx);
Response webhook_endpoint_retrieve(Ctx& ctx);
Response webhook_endpoint_delete(Ctx& ctx);
Response advance_clock(Ctx& ctx);

// cashapp_pages.cpp: the simulated Cash App (HTML and images, no API key).
Response page_phone(Ctx& ctx);           // GET  /cashapp/authorize/{token}
Response page_phone_decide(Ctx& ctx);    // POST /cashapp/authorize/{token}
Response page_instructions(Ctx& ctx);    // GET  /cashapp/instructions/{intent}/{token}
Response page_qr_svg(Ctx& ctx);          // GET  /cashapp/qr/{token}.svg
Response page_qr_png(Ctx& ctx);          // GET  /cashapp/qr/{token}.png
Response page_buyer(Ctx& ctx);           // GET  /cashapp/buyers/{buyer_id}
Response page_buyer_revoke(Ctx& ctx);    // POST /cashapp/buyers/{buyer_id}/revoke

}  // namespace setupflow::sandbox
