// libFuzzer: parse_intent_json / parse_http_response_json on arbitrary bytes.
// Invariants: never crashes (ASan/UBSan), never throws, every failure is an
// api_error "invalid_response", and an accepted intent survives
// write → read unchanged.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "intent_json.hpp"

namespace {

void check(bool ok) {
  if (!ok) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace setupflow;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (IntentKind kind : {IntentKind::setup, IntentKind::payment}) {
    Result<Intent> r = parse_intent_json(text, kind);
    if (r) {
      check(r->kind == kind && !r->id.empty());
      for (bool client_visible : {false, true}) {
        const nlohmann::json written = intent_to_json(*r, client_visible);
        Result<Intent> back = parse_intent_json(written.dump(), kind);
        check(back.ok());
        check(intent_to_json(*back, client_visible) == written);
      }
    } else {
      check(r.error().type == ErrorType::api_error && r.error().code == "invalid_response");
      check(!r.error().message.empty());
    }
    for (int status : {200, 402, 503}) {
      const HttpResponse h = parse_http_response_json(7, status, text, kind);
      check(h.request_id == 7 && h.status == status);
      check(h.intent.has_value() != h.error.has_value());
      if (h.error) check(h.error->http_status == status && !h.error->is_integration_error());
      if (status != 200) check(!h.intent.has_value());
    }
  }
  return 0;
}
