// /v1/mandates: retrieve (drivers create and end mandates).
#include "params.hpp"
#include "render.hpp"
#include "route.hpp"

namespace setupflow::sandbox {
namespace {

Response mandate_retrieve(Ctx& ctx) {
  allow_params(ctx, {});
  return json_response(render(ctx, load(ctx, ctx.parts.at(2), "mandate", "mandate")));
}

const Route kRoutes[] = {
    {"GET", "/v1/mandates/:", "mandates.retrieve", mandate_retrieve, Access::secret},
};

}  // namespace

std::span<const Route> mandate_routes() { return kRoutes; }

}  // namespace setupflow::sandbox
