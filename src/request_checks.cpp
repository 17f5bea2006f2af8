// Base URL and Idempotency-Key checks (include/setupflow/request_checks.hpp).
#include "setupflow/request_checks.hpp"

#include "setupflow/redirect.hpp"  // split_url, ascii_iequals, is_loopback_host

namespace setupflow {

BaseUrlCheck check_base_url(std::string_view base, bool allow_any_http, size_t& trimmed) {
  while (!base.empty() && base.back() == '/') {
    base.remove_suffix(1);
  }
  trimmed = base.size();
  UrlParts url;
  const bool good = !split_url(base, url) &&
                    (ascii_iequals(url.scheme, "https") || ascii_iequals(url.scheme, "http")) &&
                    !url.host.empty() && url.userinfo.empty() && !url.has_query &&
                    !url.has_fragment;
  if (!good) {
    return BaseUrlCheck::malformed;
  }
  if (ascii_iequals(url.scheme, "http") && !allow_any_http && !is_loopback_host(url.host)) {
    return BaseUrlCheck::insecure;
  }
  return BaseUrlCheck::ok;
}

bool is_idempotency_key(std::string_view key, size_t max) {
  bool good = !key.empty() && key.size() <= max;
  for (char c : key) {
    good = good && c > ' ' && c <= '~';
  }
  return good;
}

}  // namespace setupflow
