// The card payment-method driver. Cards are saved only by a Terminal reader
// (terminal_*.cpp): a card is never created from payment_method_data and a
// SetupIntent is never confirmed with one through the API. A saved card is
// charged off-session; a card saved from a test number that declines later
// charges (4000000000000341) carries its decline in "_charge_decline".
#include "api_error.hpp"
#include "payment_method_driver.hpp"
#include "render.hpp"

namespace setupflow::sandbox {
namespace {

class CardDriver final : public PaymentMethodDriver {
 public:
  std::string_view type() const override { return "card"; }

  json details_from_data(const FormNode*, const std::string&) const override {
    throw invalid("parameter_invalid_string",
                  "Invalid payment_method_data[type]: card. The sandbox creates cashapp payment methods here "
                  "(cards come from Terminal readers).",
                  "payment_method_data[type]");
  }

  void confirm(Ctx&, json&, const json&) const override {
    throw invalid("payment_method_unactivated",
                  "The sandbox confirms cashapp SetupIntents here; cards are saved through Terminal readers.",
                  "payment_method");
  }

  bool refresh(Ctx&, json&) const override { return false; }

  void abandon(json&) const override {}

  std::optional<Decline> off_session_authorisation(Ctx&, const json&) const override { return std::nullopt; }

  std::optional<Decline> charge(Ctx&, const json&, const json& pm) const override {
    auto it = pm.find("_charge_decline");
    if (it == pm.end() || !it->is_object()) return std::nullopt;
    return Decline{jstr(*it, "code"), jstr(*it, "decline_code"), jstr(*it, "message")};
  }

  std::string_view charge_id_prefix() const override { return "ch"; }

  void check_attachable(const json&) const override {}

  void detached(Ctx&, const json&) const override {}
};

}  // namespace

const PaymentMethodDriver& card_driver() {
  static const CardDriver driver;
  return driver;
}

}  // namespace setupflow::sandbox
