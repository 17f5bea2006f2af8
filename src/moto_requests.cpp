// MotoSetup's checks and its three requests (docs/moto.md, the contract with
// js/server/moto.mjs: the start body is what its checkConsent accepts).
#include <string>
#include <utility>

#include "moto_setup_internal.hpp"
#include "setupflow/decimal.hpp"
#include "setupflow/form_encoding.hpp"  // percent_encode
#include "setupflow/json_out.hpp"
#include "setupflow/request_checks.hpp"

namespace setupflow {
namespace {

constexpr size_t kMaxReaderId = 255;

bool is_reader_id(std::string_view id) {
  bool good = id.size() > 4 && id.size() <= kMaxReaderId && id.substr(0, 4) == "tmr_";
  for (char c : id) {
    good = good && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    (c >= '0' && c <= '9') || c == '_');
  }
  return good;
}

SendRequest json_post(std::string url, std::string body, std::string key) {
  SendRequest r;
  r.method = "POST";
  r.url = std::move(url);
  r.headers = {{"Content-Type", "application/json"}, {"Idempotency-Key", key}};
  r.body = std::move(body);
  r.idempotency_key = std::move(key);
  return r;
}

std::string setup_url(const detail::MotoSetupState& s) {
  return s.config.endpoint + "/setups/" + percent_encode(s.setup_intent_id);
}

}  // namespace

Status normalise_moto_endpoint(MotoConfig& config) {
  size_t trimmed = 0;
  const BaseUrlCheck check = check_base_url(config.endpoint, config.allow_http, trimmed);
  if (check == BaseUrlCheck::malformed) {
    return integration_error(
        "invalid_endpoint",
        "endpoint must be an absolute http(s) URL without credentials, query or fragment, "
        "such as \"https://shop.example/moto\".",
        "endpoint");
  }
  if (check == BaseUrlCheck::insecure) {
    return integration_error(
        "insecure_endpoint",
        "endpoint must be https; plain http is allowed only to this machine or to the "
        "page's own origin (allowHttp).",
        "endpoint");
  }
  config.endpoint.resize(trimmed);
  return ok_status();
}

Status validate_moto_setup(detail::MotoSetupState& s) {
  if (Status endpoint = normalise_moto_endpoint(s.config); !endpoint) {
    return endpoint;
  }
  const MotoSetupParams& p = s.params;
  if (!is_reader_id(p.reader)) {
    return integration_error("invalid_reader", "reader must be a reader id such as \"tmr_123\".",
                             "reader");
  }
  if (!is_idempotency_key(p.idempotency_key, MotoSetup::kMaxIdempotencyKey)) {
    return integration_error(
        "invalid_idempotency_key",
        "idempotencyKey must be 1 to 200 visible ASCII characters (no spaces); make one "
        "random key per start and reuse it on retries.",
        "idempotencyKey");
  }
  if (p.timeout_ms <= 0 || p.timeout_ms > MotoSetup::kMaxTimeoutMs) {
    return integration_error("invalid_timeout",
                             "timeoutMs must be a positive number of milliseconds, at most "
                             "one hour.",
                             "timeoutMs");
  }
  Result<MotoConsentRecord> record = record_moto_consent(p.consent);
  if (!record) {
    return record.error();
  }
  s.record = std::move(record).value();
  return ok_status();
}

// {reader, customer, consent: {terms_version, locale, text, customer, agent,
// channel, allow_redisplay, accepted_at}}: accepted_at in Unix seconds.
SendRequest build_moto_start_request(const detail::MotoSetupState& s) {
  const MotoConsentRecord& c = s.record;
  JsonOut body;
  body.open_object().member("reader", s.params.reader).member("customer", c.customer);
  body.key("consent").open_object();
  body.member("terms_version", c.terms_version).member("locale", c.locale).member("text", c.text);
  body.member("customer", c.customer).member("agent", c.agent);
  body.member("channel", to_string(c.channel)).member("allow_redisplay", to_string(c.allow_redisplay));
  body.member_int("accepted_at", c.accepted_at).close_object().close_object();
  return json_post(s.config.endpoint + "/setups", body.take(), s.params.idempotency_key);
}

// A GET: safe to repeat, so no Idempotency-Key.
SendRequest build_moto_watch_request(const detail::MotoSetupState& s) {
  SendRequest r;
  r.method = "GET";
  r.url = setup_url(s) + "?reader=" + percent_encode(s.params.reader);
  return r;
}

// Each cancel has its own key, "<start key>:cancel-<n>": a cancel refused
// because the reader was busy must not be answered from the first's record
// when it is sent again.
SendRequest build_moto_cancel_request(const detail::MotoSetupState& s) {
  std::string key = s.params.idempotency_key + ":cancel-";
  append_decimal(key, s.cancels_sent);
  JsonOut body;
  body.open_object().member("reader", s.params.reader).close_object();
  return json_post(setup_url(s) + "/cancel", body.take(), std::move(key));
}

}  // namespace setupflow
