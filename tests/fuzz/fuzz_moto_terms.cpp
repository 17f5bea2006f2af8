// libFuzzer: the MOTO terms and consent record for arbitrary inputs.
// Input: byte 0 holds flags (bit 0 agreed, bit 1 offer at future checkouts,
// bit 2 a time before the epoch), bytes 1..8 the time in ms (little endian,
// the top bit ignored), then eight fields separated by 0x00: locale, merchant
// name, schedule, amounts, cancellation, customer, agent, channel.
// Invariants:
//  - the terms' locale is listed, their version non-empty and the text a
//    clean shown text (shown_text_checks.hpp) with no placeholder left unless
//    a part brought a '{';
//  - a record is made only when the agent ticked "agreed", and then it holds
//    exactly the terms' version, locale and text, the time in seconds, and
//    metadata within Stripe's limits (keys ≤ 40, values ≤ 500 characters);
//  - a refusal is an integration error naming a param; without agreement it
//    is consent_not_collected.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "setupflow/moto_terms.hpp"
#include "shown_text_checks.hpp"

namespace {

using namespace setupflow;
using setupflow::fuzz::check;
using setupflow::fuzz::check_shown_text;

std::vector<std::string> split_fields(std::string_view rest, size_t count) {
  std::vector<std::string> fields;
  while (fields.size() + 1 < count) {
    const size_t end = rest.find('\0');
    if (end == std::string_view::npos) break;
    fields.emplace_back(rest.substr(0, end));
    rest.remove_prefix(end + 1);
  }
  fields.emplace_back(rest);
  fields.resize(count);
  return fields;
}

void check_terms(const MotoTerms& terms, const std::vector<std::string>& parts) {
  bool listed = false;
  for (const auto& l : moto_terms_locales()) listed = listed || l == terms.locale;
  check(listed);
  check(!terms.version.empty());
  check_shown_text(terms.text);
  bool brought_brace = false;
  for (const auto& p : parts) brought_brace = brought_brace || p.find('{') != std::string::npos;
  if (!brought_brace) check(terms.text.find('{') == std::string::npos);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 9) return 0;
  uint64_t bits = 0;
  for (int i = 8; i >= 1; --i) bits = (bits << 8) | data[i];
  // 63 bits and a sign: every int64_t but INT64_MIN, whose negation the
  // harness itself could not compute.
  int64_t ms = static_cast<int64_t>(bits & 0x7FFF'FFFF'FFFF'FFFFull);
  if (data[0] & 4) ms = -ms;
  const auto f =
      split_fields(std::string_view(reinterpret_cast<const char*>(data + 9), size - 9), 8);

  MotoConsentInput input;
  input.locale = f[0];
  input.terms = {f[1], f[2], f[3], f[4]};
  input.customer = f[5];
  input.agent = f[6];
  input.channel = f[7];
  input.agreed = data[0] & 1;
  input.offer_at_future_checkouts = data[0] & 2;
  input.accepted_at_ms = ms;

  const MotoTerms terms = moto_terms(input.locale, input.terms);
  check_terms(terms, {f[1], f[2], f[3], f[4]});

  const auto record = record_moto_consent(input);
  if (!record.ok()) {
    check(record.error().is_integration_error());
    check(!record.error().param.empty());
    if (!input.agreed) check(record.error().code == "consent_not_collected");
    return 0;
  }
  const MotoConsentRecord& r = record.value();
  check(input.agreed);
  check(r.terms_version == terms.version && r.locale == terms.locale && r.text == terms.text);
  check(r.customer == input.customer && r.customer.rfind("cus_", 0) == 0);
  check(!r.agent.empty());
  check_shown_text(r.agent);
  check(r.accepted_at == ms / 1000 && ms > 0);
  check((r.allow_redisplay == AllowRedisplay::always) == input.offer_at_future_checkouts);
  for (const auto& [key, value] : moto_consent_metadata(r)) {
    check(!key.empty() && key.size() <= 40);
    check(value.size() <= 500);
  }
  return 0;
}
