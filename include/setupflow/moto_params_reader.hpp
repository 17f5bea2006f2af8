// What the MOTO bindings' callers pass (flowCreate's kind, config and params
// for the MOTO flows), read like flow_params_reader.hpp's: every unknown or
// ill-typed value is an integration_error "invalid_flow_argument" naming the
// member; nothing falls back to a default silently.
#pragma once

#include <iterator>
#include <optional>
#include <string_view>

#include "setupflow/flow_params_reader.hpp"
#include "setupflow/moto_setup.hpp"

namespace setupflow {

enum class MotoFlowKind { moto_readers, moto_setup };

namespace detail {

// A safe integer (Number.isSafeInteger) into `out`; `required` refuses an
// absent one.
template <Reader R>
void read_i64_arg(ArgState& st, const R& obj, const char* key, bool required, int64_t& out) {
  constexpr const char* kExpect = "an integer";
  if (const std::optional<R> m = read_member(st, obj, key, required, JsonKind::number, kExpect)) {
    if (const std::optional<int64_t> v = to_safe_integer(m->as_number())) {
      out = *v;
    } else {
      st.fail(key, kExpect, JsonKind::number);
    }
  }
}

// {merchantName?, schedule?, amounts?, cancellation?}: strings.
template <Reader R>
void read_terms_params(std::optional<Error>& error, const R& obj, MotoTermsParams& out) {
  ArgState st{"params.terms", error};
  read_arg(st, obj, "merchantName", false, out.merchant_name);
  read_arg(st, obj, "schedule", false, out.schedule);
  read_arg(st, obj, "amounts", false, out.amounts);
  read_arg(st, obj, "cancellation", false, out.cancellation);
}

}  // namespace detail

// "moto_readers" | "moto_setup".
template <Reader R>
bool read_moto_flow_kind(const R& kind, MotoFlowKind& out, std::optional<Error>& error) {
  static constexpr std::string_view kKinds[] = {"moto_readers", "moto_setup"};
  const bool is_string = kind.kind() == JsonKind::string;
  const std::string text = is_string ? kind.as_string() : std::string();
  for (size_t i = 0; is_string && i < std::size(kKinds); ++i) {
    if (text == kKinds[i]) {
      out = static_cast<MotoFlowKind>(i);
      return true;
    }
  }
  detail::ArgState{"flowCreate", error}.fail("kind", "\"moto_readers\" or \"moto_setup\"",
                                             kind.kind(), text);
  return false;
}

// {endpoint: string, allowHttp?: boolean (false)}.
template <Reader R>
bool read_moto_config(const R& obj, MotoConfig& out, std::optional<Error>& error) {
  detail::ArgState st{"config", error};
  detail::read_arg(st, obj, "endpoint", true, out.endpoint);
  detail::read_bool_arg(st, obj, "allowHttp", false, out.allow_http);
  return !error;
}

// {reader, customer, agent, channel, locale, terms: {…}, agreed,
// offerAtFutureCheckouts?, acceptedAtMs, idempotencyKey, timeoutMs?}. The
// values' own rules (and the consent) are checked by MotoSetup::create.
template <Reader R>
bool read_moto_setup_params(const R& obj, MotoSetupParams& out, std::optional<Error>& error) {
  detail::ArgState st{"params", error};
  MotoConsentInput& c = out.consent;
  detail::read_arg(st, obj, "reader", true, out.reader);
  detail::read_arg(st, obj, "customer", true, c.customer);
  detail::read_arg(st, obj, "agent", true, c.agent);
  detail::read_arg(st, obj, "channel", true, c.channel);
  detail::read_arg(st, obj, "locale", false, c.locale);
  if (const std::optional<R> terms =
          detail::read_member(st, obj, "terms", false, JsonKind::object, "an object")) {
    detail::read_terms_params(error, *terms, c.terms);
  }
  detail::read_bool_arg(st, obj, "agreed", true, c.agreed);
  detail::read_bool_arg(st, obj, "offerAtFutureCheckouts", false, c.offer_at_future_checkouts);
  detail::read_i64_arg(st, obj, "acceptedAtMs", true, c.accepted_at_ms);
  detail::read_arg(st, obj, "idempotencyKey", true, out.idempotency_key);
  detail::read_i64_arg(st, obj, "timeoutMs", false, out.timeout_ms);
  return !error;
}

// motoTerms' second argument: the merchant's parts of the terms.
template <Reader R>
bool read_moto_terms_params(const R& obj, MotoTermsParams& out, std::optional<Error>& error) {
  if (obj.kind() != JsonKind::object) {
    detail::ArgState{"motoTerms", error}.fail("terms", "an object", obj.kind());
    return false;
  }
  detail::read_terms_params(error, obj, out);
  return !error;
}

}  // namespace setupflow
