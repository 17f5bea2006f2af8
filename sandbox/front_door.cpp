#include "front_door.hpp"

#include "host_check.hpp"
#include "routing.hpp"

namespace setupflow::sandbox {

Response misdirected_request() {
  Response r;
  r.status = 421;
  r.body = R"({"error":{"type":"invalid_request_error","code":"host_not_allowed",)"
           R"("message":"Misdirected Request: this sandbox answers only its own host names )"
           R"((the listen address, localhost, or --public-url)."}})";
  return r;
}

Response answer_request(Sandbox& sandbox, const std::vector<std::string>& allowed,
                        const ExtraRoutes& extra, const Request& req) {
  if (!host_allowed(req.header("host"), allowed)) return misdirected_request();
  Response res;
  if (!is_routed_path(req.path) && extra && extra(req, res)) return res;
  return sandbox.handle(req);
}

}  // namespace setupflow::sandbox
