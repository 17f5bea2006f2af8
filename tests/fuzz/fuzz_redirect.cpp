// libFuzzer: return_url handling on arbitrary bytes.
// Invariants:
//  - parse_url / validate_return_url / parse_return_url never crash; their
//    errors are integration errors (validate, parse_return_url) with the
//    documented params;
//  - an accepted return_url is https, or http to a loopback host, has a host,
//    no credentials, no spaces or controls, and is at most 2048 bytes;
//  - add_return_params on it gives a URL that still parses, keeps the
//    fragment, and reads back (parse_return_url) to exactly what was added.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "setupflow/redirect.hpp"

namespace {

using namespace setupflow;

void check(bool ok) {
  if (!ok) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  const Result<Url> url = parse_url(text);
  if (url.ok()) {
    for (char c : text) check(static_cast<unsigned char>(c) > 0x20 && c != 0x7F);
    check(!url->scheme.empty());
  }

  const Status valid = validate_return_url(text);
  if (!valid.ok()) {
    check(valid.error().type == ErrorType::integration_error);
    check(valid.error().param == "return_url");
  } else {
    check(url.ok());
    check(text.size() <= 2048);
    check(url->scheme == "https" || (url->scheme == "http" && is_loopback_host(url->host)));
    check(!url->host.empty() && url->userinfo.empty());

    const IntentKind kind = size % 2 ? IntentKind::setup : IntentKind::payment;
    const std::string id = kind == IntentKind::setup ? "seti_1Fz" : "pi_3Qa";
    const std::string secret = id + "_secret_Ab9";
    const std::string status = size % 3 ? "succeeded" : "";
    const std::string out = add_return_params(text, kind, id, secret, status);
    const Result<Url> back = parse_url(out);
    check(back.ok());
    check(back->scheme == url->scheme && back->host == url->host && back->path == url->path);
    check(back->has_fragment == url->has_fragment && back->fragment == url->fragment);
    const Result<ReturnParams> params = parse_return_url(out);
    check(params.ok());
    check(params->kind == kind && params->intent_id == id && params->client_secret == secret);
    check(params->redirect_status == status && params->redirect_pm_type == "cashapp");
  }

  const Result<ReturnParams> landed = parse_return_url(text);
  if (landed.ok()) {
    check(parse_client_secret_of_kind(landed->client_secret, landed->kind).ok());
    check(landed->client_secret.substr(0, landed->intent_id.size() + 8) ==
          landed->intent_id + "_secret_");
  } else {
    check(landed.error().type == ErrorType::integration_error);
  }
  return 0;
}
