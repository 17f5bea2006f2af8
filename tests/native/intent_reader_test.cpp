// intent_reader.hpp over a minimal hand-made Reader, without nlohmann: the
// field mapping is generic over the concept, and this suite also runs in the
// wasm build under Node, where the *_json_test.cpp suites do not.
#include "setupflow/response_reader.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace setupflow {
namespace {

// A JSON-like tree, built in the tests with the helpers below.
struct Node {
  JsonKind kind = JsonKind::null;
  bool b = false;
  double n = 0;
  std::string s;
  std::vector<std::shared_ptr<Node>> items;
  std::map<std::string, std::shared_ptr<Node>> fields;
  // When set, for_each_member visits these instead of `fields`: an order and
  // repeats a reader over JavaScript values (insertion order) could give.
  std::vector<std::pair<std::string, std::shared_ptr<Node>>> visit_order;
};
using NodePtr = std::shared_ptr<Node>;

NodePtr null() { return std::make_shared<Node>(); }
NodePtr boolean(bool v) {
  auto p = null();
  p->kind = JsonKind::boolean;
  p->b = v;
  return p;
}
NodePtr num(double v) {
  auto p = null();
  p->kind = JsonKind::number;
  p->n = v;
  return p;
}
NodePtr str(std::string v) {
  auto p = null();
  p->kind = JsonKind::string;
  p->s = std::move(v);
  return p;
}
NodePtr arr(std::vector<NodePtr> v) {
  auto p = null();
  p->kind = JsonKind::array;
  p->items = std::move(v);
  return p;
}
NodePtr obj(std::map<std::string, NodePtr> v) {
  auto p = null();
  p->kind = JsonKind::object;
  p->fields = std::move(v);
  return p;
}

class TreeReader {
 public:
  explicit TreeReader(NodePtr node) : node_(std::move(node)) {}
  JsonKind kind() const { return node_->kind; }
  bool as_bool() const { return node_->kind == JsonKind::boolean && node_->b; }
  double as_number() const { return node_->kind == JsonKind::number ? node_->n : 0; }
  std::string as_string() const { return node_->kind == JsonKind::string ? node_->s : ""; }
  std::optional<TreeReader> member(std::string_view key) const {
    if (node_->kind != JsonKind::object) {
      return std::nullopt;
    }
    auto it = node_->fields.find(std::string(key));
    if (it == node_->fields.end()) {
      return std::nullopt;
    }
    return TreeReader(it->second);
  }
  size_t size() const { return node_->kind == JsonKind::array ? node_->items.size() : 0; }
  TreeReader at(size_t i) const { return TreeReader(i < size() ? node_->items[i] : null()); }
  template <class F>
  void for_each_member(F&& f) const {
    if (node_->kind != JsonKind::object) {
      return;
    }
    if (!node_->visit_order.empty()) {
      for (const auto& [k, v] : node_->visit_order) {
        f(std::string_view(k), TreeReader(v));
      }
      return;
    }
    for (const auto& [k, v] : node_->fields) {
      f(std::string_view(k), TreeReader(v));
    }
  }

 private:
  NodePtr node_;
};
static_assert(Reader<TreeReader>);

NodePtr requires_action_body() {
  return obj({
      {"id", str("seti_1")},
      {"object", str("setup_intent")},
      {"status", str("requires_action")},
      {"created", num(1767225600)},
      {"livemode", boolean(false)},
      {"customer", null()},
      {"payment_method", obj({{"id", str("pm_1")}, {"object", str("payment_method")}})},
      {"payment_method_types", arr({str("cashapp")})},
      {"metadata", obj({{"order", str("42")}})},
      {"next_action",
       obj({{"type", str("cashapp_handle_redirect_or_display_qr_code")},
            {"cashapp_handle_redirect_or_display_qr_code",
             obj({{"mobile_auth_url", str("https://m")},
                  {"qr_code", obj({{"expires_at", num(1767225630)}, {"data", str("d")}})}})}})},
  });
}

TEST(IntentReader, MapsEveryFieldThroughAnyReader) {
  Result<Intent> r = read_intent(TreeReader(requires_action_body()), IntentKind::setup);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->id, "seti_1");
  EXPECT_EQ(r->status, IntentStatus::requires_action);
  EXPECT_EQ(r->created, 1767225600);
  EXPECT_FALSE(r->customer.has_value());
  EXPECT_EQ(r->payment_method, "pm_1");
  EXPECT_EQ(r->metadata, (Metadata{{"order", "42"}}));
  ASSERT_TRUE(r->next_action && r->next_action->cashapp);
  EXPECT_EQ(r->next_action->cashapp->mobile_auth_url, "https://m");
  EXPECT_EQ(r->next_action->cashapp->qr_code.expires_at, 1767225630);
  EXPECT_EQ(r->next_action->cashapp->qr_code.data, "d");
}

TEST(IntentReader, MetadataIsSortedByKeyWithTheLastOfRepeatedKeys) {
  NodePtr metadata = obj({});
  metadata->visit_order = {{"zone", str("1")}, {"a", str("2")}, {"m", str("3")}, {"a", str("4")}};
  NodePtr body = requires_action_body();
  body->fields["metadata"] = metadata;
  Result<Intent> r = read_intent(TreeReader(body), IntentKind::setup);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->metadata, (Metadata{{"a", "4"}, {"m", "3"}, {"zone", "1"}}));
}

TEST(IntentReader, IntegersMustBeSafeJavaScriptIntegers) {
  const std::pair<double, bool> cases[] = {
      {9007199254740991.0, true},
      {-9007199254740991.0, true},
      {0.0, true},
      {9007199254740992.0, false},
      {-9007199254740992.0, false},
      {0.5, false},
      {1e300, false},
      {-0.0, true},
      {std::numeric_limits<double>::infinity(), false},
      {std::numeric_limits<double>::quiet_NaN(), false},
  };
  for (const auto& [value, ok] : cases) {
    SCOPED_TRACE(value);
    NodePtr body = requires_action_body();
    body->fields["next_action"]
        ->fields["cashapp_handle_redirect_or_display_qr_code"]
        ->fields["qr_code"]
        ->fields["expires_at"] = num(value);
    Result<Intent> r = read_intent(TreeReader(body), IntentKind::setup);
    EXPECT_EQ(r.ok(), ok);
    if (!r.ok()) {
      EXPECT_EQ(r.error().code, "invalid_response");
      EXPECT_EQ(r.error().message,
                "next_action.cashapp_handle_redirect_or_display_qr_code.qr_code.expires_at must be "
                "an integer");
    }
  }
}

TEST(IntentReader, ReadsErrorBodiesAndHttpResponses) {
  const NodePtr err = obj({{"error", obj({{"type", str("card_error")},
                                          {"code", str("card_declined")},
                                          {"message", str("Declined.")}})}});
  const TreeReader reader(err);
  const HttpResponse declined = read_http_response(3, 402, &reader, IntentKind::setup);
  EXPECT_EQ(declined.request_id, 3u);
  ASSERT_TRUE(declined.error.has_value());
  EXPECT_FALSE(declined.intent.has_value());
  EXPECT_EQ(declined.error->type, ErrorType::card_error);
  EXPECT_EQ(declined.error->code, "card_declined");
  EXPECT_EQ(declined.error->http_status, 402);

  const TreeReader ok_body(requires_action_body());
  const HttpResponse ok = read_http_response(4, 200, &ok_body, IntentKind::setup);
  ASSERT_TRUE(ok.intent.has_value());
  EXPECT_FALSE(ok.error.has_value());

  const HttpResponse wrong_kind = read_http_response(5, 200, &ok_body, IntentKind::payment);
  ASSERT_TRUE(wrong_kind.error.has_value());
  EXPECT_EQ(wrong_kind.error->message, "object must be \"payment_intent\"");
  EXPECT_EQ(wrong_kind.error->http_status, 200);

  const HttpResponse none = read_http_response<TreeReader>(6, 503, nullptr, IntentKind::setup);
  ASSERT_TRUE(none.error.has_value());
  EXPECT_EQ(none.error->type, ErrorType::api_error);
  EXPECT_EQ(none.error->http_status, 503);
}

}  // namespace
}  // namespace setupflow
