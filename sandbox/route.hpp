// A route: method and path pattern to an endpoint function. Each resource
// family's module owns its routes (a static table and one function that hands
// it out); routing.cpp lists the families. Adding a route to a family touches
// only that family's file.
#pragma once

#include <span>

#include "sandbox.hpp"

namespace setupflow::sandbox {

// Who may call a route: the secret key only; the browser too (publishable key
// with the intent's client_secret, CORS); or nobody's key (simulated pages).
enum class Access { secret, browser, page };

struct Route {
  const char* method;
  const char* pattern;  // "/v1/customers/:": ":" matches one path segment
  const char* name;     // fault-injection and README name
  Response (*fn)(Ctx&);
  Access access;
};

// The route tables of the resource families, one per module.
std::span<const Route> customer_routes();        // customers.cpp
std::span<const Route> setup_intent_routes();    // setup_intents.cpp
std::span<const Route> payment_intent_routes();  // payment_intents.cpp
std::span<const Route> setup_attempt_routes();   // setup_attempts.cpp
std::span<const Route> payment_method_routes();  // payment_methods.cpp
std::span<const Route> mandate_routes();         // mandates.cpp
std::span<const Route> event_routes();           // events.cpp (events, webhook endpoints)
std::span<const Route> test_helper_routes();     // test_helpers.cpp
std::span<const Route> cashapp_page_routes();    // cashapp_pages.cpp
std::span<const Route> terminal_location_routes();  // terminal_locations.cpp
std::span<const Route> terminal_reader_routes();    // terminal_readers.cpp
std::span<const Route> terminal_action_routes();    // terminal_actions.cpp
std::span<const Route> reader_page_routes();        // reader_pages.cpp (simulated reader screen)

}  // namespace setupflow::sandbox
