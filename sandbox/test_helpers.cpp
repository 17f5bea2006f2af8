// /v1/test_helpers: the sandbox clock (advance_clock). The Terminal reader
// helpers live with the readers.
#include "params.hpp"
#include "render.hpp"
#include "route.hpp"

namespace setupflow::sandbox {
namespace {

Response advance_clock(Ctx& ctx) {
  allow_params(ctx, {"seconds"});
  auto seconds = param_int(ctx, "seconds", 0, 10LL * 365 * 86400);
  if (!seconds) throw invalid("parameter_missing", "Missing required param: seconds.", "seconds");
  int64_t offset = ctx.now - ctx.env.wall_now() + *seconds;
  ctx.store.meta_put("clock_offset", std::to_string(offset));
  ctx.now += *seconds;
  return json_response({{"object", "sandbox_clock"}, {"now", ctx.now}, {"offset_seconds", offset}});
}

const Route kRoutes[] = {
    {"POST", "/v1/test_helpers/advance_clock", "test_helpers.advance_clock", advance_clock, Access::secret},
};

}  // namespace

std::span<const Route> test_helper_routes() { return kRoutes; }

}  // namespace setupflow::sandbox
