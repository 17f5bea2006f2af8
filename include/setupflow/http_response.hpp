// An HTTP answer about an intent, as the shell hands it to a flow.
#pragma once

#include <cstdint>
#include <optional>

#include "setupflow/errors.hpp"
#include "setupflow/intent.hpp"

namespace setupflow {

// A parsed HTTP response. The body has already been read into typed values
// by read_http_response() (intent_reader.hpp), so a malformed body arrives as
// `error` with type api_error.
struct HttpResponse {
  uint32_t request_id = 0;
  int status = 0;
  std::optional<Intent> intent;  // 2xx with a well-formed intent body
  std::optional<Error> error;    // non-2xx error body, or a malformed body
};

}  // namespace setupflow
