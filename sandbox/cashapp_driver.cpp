// The cashapp payment-method driver: confirms go through the simulated Cash
// App authorisation (cashapp.cpp); off-session charges need the buyer's
// approval and an active mandate, and the magic amounts (in cents) decline:
//   400002  declined            payment_method_provider_decline / generic_decline
//   400995  insufficient funds  payment_method_provider_decline / insufficient_funds
//   400119  processing error    processing_error
#include "api_error.hpp"
#include "cashapp.hpp"
#include "params.hpp"
#include "payment_method_driver.hpp"
#include "render.hpp"
#include "setupflow/redirect.hpp"

namespace setupflow::sandbox {
namespace {

// A validated return_url from the parameters (required for Cash App).
std::string return_url_for_confirm(Ctx& ctx) {
  auto url = param_string(ctx, "return_url");
  if (!url || url->empty())
    throw invalid("parameter_missing", "A return_url is required to confirm with cashapp.", "return_url");
  if (auto st = validate_return_url(*url); !st.ok()) throw invalid("url_invalid", st.error().message, "return_url");
  return *url;
}

class CashAppDriver final : public PaymentMethodDriver {
 public:
  std::string_view type() const override { return "cashapp"; }

  json details_from_data(const FormNode* node, const std::string& param) const override {
    // payment_method_data[cashapp] is an empty hash in Stripe's API.
    if (node && !(node->kind == FormNode::Kind::string && node->value.empty())) allow_children(node, param, {});
    return {{"buyer_id", nullptr}, {"cashtag", nullptr}};
  }

  void confirm(Ctx& ctx, json& intent, const json&) const override {
    std::string return_url = return_url_for_confirm(ctx);
    json acceptance = customer_acceptance_from(ctx);
    cashapp_start(ctx, intent, return_url, acceptance);
  }

  bool refresh(Ctx& ctx, json& intent) const override { return cashapp_refresh(ctx, intent); }

  void abandon(json& intent) const override { intent.erase("_cashapp"); }

  std::optional<Decline> off_session_authorisation(Ctx&, const json& pm) const override {
    if (!jstr(pm["cashapp"], "buyer_id").empty()) return std::nullopt;
    return Decline{"authentication_required", "authentication_required",
                   "This payment method has not been authorised in Cash App; confirm on-session first."};
  }

  std::optional<Decline> charge(Ctx& ctx, const json& intent, const json& pm) const override {
    auto mandate = pm.contains("_mandate") ? ctx.store.get(jstr(pm, "_mandate")) : std::nullopt;
    if (!mandate || jstr(*mandate, "status") != "active")
      return Decline{"payment_method_provider_decline", "revocation_of_authorization",
                     "The customer has revoked the Cash App authorization for this merchant."};
    switch (intent.value("amount", int64_t(0))) {
      case 400002:
        return Decline{"payment_method_provider_decline", "generic_decline", "The payment was declined by Cash App."};
      case 400995:
        return Decline{"payment_method_provider_decline", "insufficient_funds",
                       "The Cash App account has insufficient funds."};
      case 400119:
        return Decline{"processing_error", "", "An error occurred while processing the payment."};
      default:
        return std::nullopt;
    }
  }

  std::string_view charge_id_prefix() const override { return "py"; }

  void check_attachable(const json& pm) const override {
    if (jstr(pm["cashapp"], "buyer_id").empty())
      throw invalid("payment_method_unexpected_state",
                    "A cashapp PaymentMethod must be authorised through a SetupIntent before it is attached.");
  }

  void detached(Ctx& ctx, const json& pm) const override { deactivate_mandates_of(ctx, pm); }
};

}  // namespace

const PaymentMethodDriver& cashapp_driver() {
  static const CashAppDriver driver;
  return driver;
}

}  // namespace setupflow::sandbox
