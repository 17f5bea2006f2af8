// Simulated Terminal readers, shared by the reader endpoints
// (terminal_readers.cpp), their actions (terminal_actions.cpp) and the
// simulated reader screen (reader_pages.cpp).
//
// A reader's connectivity is the sandbox's own private "_link" field:
// "online", "offline" (status offline: requests fail with
// terminal_reader_offline) or "unresponsive" (status stays online, as Stripe
// last saw it, but requests time out: terminal_reader_timeout). Set with the
// sandbox-only test helper POST /v1/test_helpers/terminal/readers/{id}/set_link.
#pragma once

#include <string>

#include "sandbox.hpp"

namespace setupflow::sandbox {

// The reader `id` (not deleted), else a 404 naming `param`.
json load_reader(Ctx& ctx, const std::string& id, const std::string& param = "id");

// Saves the reader, indexed by its location.
void save_reader(Ctx& ctx, const json& reader);

// Refuses (400 terminal_reader_offline / terminal_reader_timeout) a request
// that must reach the reader when it cannot be reached.
void require_reachable(const json& reader);

// The reader's action when it is in progress, else null.
const json* action_in_progress(const json& reader);

}  // namespace setupflow::sandbox
