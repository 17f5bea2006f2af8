// The hosted demo's agent desk for mail and telephone orders (demo_moto.hpp):
// the demo's own location, readers and phone customer, the reader screens
// the agent console shows beside <setupflow-moto>, taking a reader offline
// and back, and the consent records the merchant console shows.
#include <cctype>
#include <stdexcept>
#include <string_view>

#include "demo_moto.hpp"
#include "setupflow/form_encoding.hpp"

namespace setupflow::sandbox {
namespace {

constexpr std::string_view kDeskPrefix = "moto/";
constexpr const char* kPhoneCustomerEmail = "phone.caller@example.com";

struct DemoReader {
  const char* label;
  const char* registration_code;
};
constexpr DemoReader kReaders[] = {{"Front desk", "simulated-wpe"}, {"Back office", "simulated-s700"}};

Response reply(const json& body, int status = 200) { return moto_answer(body, status); }

Response fail(int status, const std::string& message) { return reply({{"error", {{"message", message}}}}, status); }

// A flat form field (the demo's pages send no nesting), "" when absent.
std::string field(const std::string& encoded, std::string_view name) {
  auto form = decode_form(encoded);
  if (!form) return {};
  const FormNode* n = form->get(name);
  return n && n->kind == FormNode::Kind::string ? n->value : std::string();
}

bool id_like(const std::string& id, std::string_view prefix) {
  if (id.size() <= prefix.size() || id.size() > 64 || id.compare(0, prefix.size(), prefix) != 0) return false;
  for (char c : id)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  return true;
}

// The path of a screen URL ("/terminal/screens/trs_…"): the page frames it
// from its own origin, whatever host name the agent typed.
std::string path_of(const std::string& url) {
  const size_t scheme = url.find("://");
  const size_t slash = scheme == std::string::npos ? 0 : url.find('/', scheme + 3);
  return slash == std::string::npos ? std::string() : url.substr(slash);
}

}  // namespace

std::string DemoMoto::location() {
  std::lock_guard<std::mutex> lock(mutex_);
  return location_;
}

void DemoMoto::prepare() {
  auto must = [this](const std::string& method, const std::string& path, const FormPairs& form = {}) {
    ApiReply r = api_(method, path, form.empty() ? std::string() : encode_form(form), "");
    if (r.status != 200) throw std::runtime_error("demo MOTO setup: " + method + " " + path + ": " + r.body.dump());
    return r.body;
  };
  std::string location;
  for (const json& l : must("GET", "/v1/terminal/locations?limit=100").value("data", json::array()))
    if (l.value("display_name", "") == kLocationName && l["metadata"].value("setupflow_demo", "") == "moto")
      location = l["id"];
  if (location.empty()) {
    location = must("POST", "/v1/terminal/locations",
                    {{"display_name", kLocationName},
                     {"address[line1]", "1 Rocket Way"},
                     {"address[city]", "San Francisco"},
                     {"address[state]", "CA"},
                     {"address[postal_code]", "94110"},
                     {"address[country]", "US"},
                     {"metadata[setupflow_demo]", "moto"}})["id"];
  }
  const json readers = must("GET", "/v1/terminal/readers?limit=100&location=" + percent_encode(location));
  for (const DemoReader& wanted : kReaders) {
    bool found = false;
    for (const json& r : readers.value("data", json::array())) found = found || r.value("label", "") == wanted.label;
    if (!found)
      must("POST", "/v1/terminal/readers",
           {{"registration_code", wanted.registration_code}, {"label", wanted.label}, {"location", location}});
  }
  if (must("GET", std::string("/v1/customers?limit=1&email=") + percent_encode(kPhoneCustomerEmail))["data"].empty())
    must("POST", "/v1/customers",
         {{"email", kPhoneCustomerEmail}, {"name", "Phone caller"}, {"description", "Rocket Rides phone orders"}});
  std::lock_guard<std::mutex> lock(mutex_);
  location_ = location;
}

bool DemoMoto::handles_desk(const std::string& route) { return route.rfind(kDeskPrefix, 0) == 0; }

Response DemoMoto::handle_desk(const Request& request, const std::string& route) {
  const std::string name = route.substr(kDeskPrefix.size());
  if (request.method == "GET" && name == "desk") return desk();
  if (request.method == "GET" && name == "consent") return consent(request);
  if (request.method == "POST" && name == "customers") return new_customer(request);
  if (request.method == "POST" && name == "link") return set_link(request);
  return fail(404, "No such demo route.");
}

Response DemoMoto::desk() {
  json readers = json::array();
  ApiReply list = api_("GET", "/v1/terminal/readers?limit=100&location=" + percent_encode(location()), "", "");
  if (list.status != 200) return reply(list.body, list.status);
  for (const json& r : list.body.value("data", json::array())) {
    const std::string id = r["id"];
    ApiReply screen = api_("GET", "/v1/test_helpers/terminal/readers/" + id + "/screen", "", "");
    readers.push_back({{"id", id},
                       {"label", r.value("label", "")},
                       {"device_type", r.value("device_type", "")},
                       {"status", r.value("status", "")},
                       {"screen", screen.status == 200 ? path_of(screen.body.value("url", "")) : ""}});
  }
  json customers = json::array();
  ApiReply found = api_("GET", "/v1/customers?limit=50", "", "");
  for (const json& c : found.body.value("data", json::array()))
    customers.push_back({{"id", c["id"]}, {"name", c.value("name", json())}, {"email", c.value("email", json())}});
  return reply({{"agent", kAgent},
                {"location", location()},
                {"phone_customer_email", kPhoneCustomerEmail},
                {"readers", readers},
                {"customers", customers}});
}

Response DemoMoto::new_customer(const Request& request) {
  const std::string name = field(request.body, "name");
  const std::string email = field(request.body, "email");
  if (name.size() > 200 || email.size() > 200) return fail(400, "The name or email is too long.");
  if (name.empty() && email.empty()) return fail(400, "Give the caller's name or email.");
  ApiReply created = api_("POST", "/v1/customers",
                          encode_form({{"name", name}, {"email", email}, {"description", "Rocket Rides phone order"}}),
                          "");
  if (created.status != 200) return reply(created.body, created.status);
  return reply({{"id", created.body["id"]}, {"name", created.body["name"]}, {"email", created.body["email"]}});
}

// Only the demo location's readers, and only offline or online.
Response DemoMoto::set_link(const Request& request) {
  const std::string reader = field(request.body, "reader");
  const std::string link = field(request.body, "link");
  if (!id_like(reader, "tmr_")) return fail(400, "reader must be a reader id.");
  if (link != "offline" && link != "online") return fail(400, "link must be offline or online.");
  ApiReply found = api_("GET", "/v1/terminal/readers/" + reader, "", "");
  if (found.status != 200 || found.body.value("location", json()) != json(location()))
    return fail(404, "No such demo reader.");
  ApiReply set = api_("POST", "/v1/test_helpers/terminal/readers/" + reader + "/set_link",
                      encode_form({{"link", link}}), "");
  if (set.status != 200) return reply(set.body, set.status);
  return reply({{"reader", reader}, {"status", set.body["status"]}});
}

Response DemoMoto::consent(const Request& request) {
  const std::string si = field(request.query, "setup_intent");
  if (!id_like(si, "seti_")) return fail(400, "setup_intent must be a SetupIntent id.");
  auto record = consents_.for_setup_intent(si);
  if (!record) return fail(404, "No consent record for this SetupIntent.");
  return reply({{"consent", *record}});
}

json DemoMoto::saved_cards(const std::string& customer, const json& setups) {
  json cards = json::array();
  ApiReply methods = api_("GET", "/v1/customers/" + customer + "/payment_methods?type=card", "", "");
  for (const json& pm : methods.body.value("data", json::array())) {
    json card = {{"id", pm["id"]},
                 {"brand", pm["card"].value("brand", "")},
                 {"last4", pm["card"].value("last4", "")},
                 {"exp_month", pm["card"].value("exp_month", 0)},
                 {"exp_year", pm["card"].value("exp_year", 0)},
                 {"allow_redisplay", pm.value("allow_redisplay", json())},
                 {"consent", nullptr}};
    for (const json& si : setups.value("data", json::array())) {
      if (si.value("payment_method", json()) != pm["id"]) continue;
      if (auto record = consents_.for_setup_intent(si["id"])) {
        record->erase("text");  // on demand: GET /demo/api/moto/consent
        card["consent"] = std::move(*record);
      }
    }
    cards.push_back(std::move(card));
  }
  return cards;
}

}  // namespace setupflow::sandbox
