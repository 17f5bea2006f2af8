// Readers that declare kFlowFieldsOnly (the wasm's ValReader) get every field
// checked exactly like every other reader (same first error, same message)
// but store only what the confirm flow reads (intent_reader.hpp). Over a
// small hand-made reader, so this also runs in the wasm build.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "setupflow/intent_reader.hpp"

namespace setupflow {
namespace {

struct Value {
  JsonKind kind = JsonKind::null;
  double number = 0;
  std::string text;
  std::map<std::string, std::shared_ptr<Value>> members;
  std::vector<std::shared_ptr<Value>> items;
};
using ValuePtr = std::shared_ptr<Value>;

ValuePtr text(std::string s) {
  auto v = std::make_shared<Value>();
  v->kind = JsonKind::string;
  v->text = std::move(s);
  return v;
}
ValuePtr number(double n) {
  auto v = std::make_shared<Value>();
  v->kind = JsonKind::number;
  v->number = n;
  return v;
}
ValuePtr boolean(bool b) {
  auto v = std::make_shared<Value>();
  v->kind = JsonKind::boolean;
  v->number = b ? 1 : 0;
  return v;
}
ValuePtr array(std::vector<ValuePtr> items) {
  auto v = std::make_shared<Value>();
  v->kind = JsonKind::array;
  v->items = std::move(items);
  return v;
}
ValuePtr object(std::map<std::string, ValuePtr> members) {
  auto v = std::make_shared<Value>();
  v->kind = JsonKind::object;
  v->members = std::move(members);
  return v;
}

template <bool FlowOnly>
class MapReader {
 public:
  static constexpr bool kFlowFieldsOnly = FlowOnly;
  explicit MapReader(ValuePtr v) : v_(std::move(v)) {}
  JsonKind kind() const { return v_->kind; }
  bool as_bool() const { return v_->kind == JsonKind::boolean && v_->number != 0; }
  double as_number() const { return v_->kind == JsonKind::number ? v_->number : 0; }
  std::string as_string() const { return v_->kind == JsonKind::string ? v_->text : ""; }
  std::optional<MapReader> member(std::string_view key) const {
    auto it = v_->members.find(std::string(key));
    if (v_->kind != JsonKind::object || it == v_->members.end()) {
      return std::nullopt;
    }
    return MapReader(it->second);
  }
  size_t size() const { return v_->kind == JsonKind::array ? v_->items.size() : 0; }
  MapReader at(size_t index) const {
    return MapReader(index < size() ? v_->items[index] : std::make_shared<Value>());
  }
  template <class F>
  void for_each_member(F&& f) const {
    if (v_->kind != JsonKind::object) {
      return;
    }
    for (const auto& [k, v] : v_->members) {
      f(std::string_view(k), MapReader(v));
    }
  }

 private:
  ValuePtr v_;
};
static_assert(Reader<MapReader<true>> && Reader<MapReader<false>>);

// A setup or payment intent with every known field set, as the sandbox sends.
std::map<std::string, ValuePtr> full_intent(IntentKind kind) {
  const bool setup = kind == IntentKind::setup;
  std::map<std::string, ValuePtr> m = {
      {"id", text(setup ? "seti_1" : "pi_1")},
      {"object", text(setup ? "setup_intent" : "payment_intent")},
      {"status", text("requires_payment_method")},
      {"client_secret", text(setup ? "seti_1_secret_a" : "pi_1_secret_a")},
      {"customer", object({{"id", text("cus_1")}})},
      {"payment_method", text("pm_1")},
      {"payment_method_types", array({text("cashapp")})},
      {setup ? "last_setup_error" : "last_payment_error",
       object({{"type", text("card_error")}, {"code", text("payment_method_declined")}})},
      {"mandate", text("mandate_1")},
      {"cancellation_reason", text("abandoned")},
      {"livemode", boolean(false)},
      {"created", number(1767225600)},
      {"metadata", object({{"order", text("42")}})},
  };
  if (setup) {
    m["usage"] = text("off_session");
  } else {
    m["amount"] = number(1099);
    m["currency"] = text("usd");
    m["setup_future_usage"] = text("off_session");
    m["capture_method"] = text("automatic");
    m["statement_descriptor"] = text("ROCKET RIDES");
  }
  return m;
}

TEST(IntentReaderFlowFields, StoresOnlyWhatTheFlowReads) {
  for (const IntentKind kind : {IntentKind::setup, IntentKind::payment}) {
    const ValuePtr body = object(full_intent(kind));
    const Result<Intent> all = read_intent(MapReader<false>(body), kind);
    const Result<Intent> flow = read_intent(MapReader<true>(body), kind);
    ASSERT_TRUE(all.ok()) << all.error().message;
    ASSERT_TRUE(flow.ok()) << flow.error().message;
    EXPECT_EQ(all->metadata, (Metadata{{"order", "42"}}));
    EXPECT_EQ(all->customer, "cus_1");
    EXPECT_EQ(all->client_secret.empty(), false);
    // What the flow reads is read as usual...
    EXPECT_EQ(flow->id, all->id);
    EXPECT_EQ(flow->kind, kind);
    EXPECT_EQ(flow->status, IntentStatus::requires_payment_method);
    ASSERT_TRUE(flow->last_error.has_value());
    EXPECT_EQ(flow->last_error->code, "payment_method_declined");
    // ...and nothing else is stored.
    EXPECT_TRUE(flow->client_secret.empty());
    EXPECT_FALSE(flow->customer.has_value());
    EXPECT_FALSE(flow->payment_method.has_value());
    EXPECT_TRUE(flow->payment_method_types.empty());
    EXPECT_FALSE(flow->mandate.has_value());
    EXPECT_TRUE(flow->metadata.empty());
    EXPECT_EQ(flow->created, 0);
    EXPECT_EQ(flow->amount, 0);
  }
}

// Every field the flow-only reader skips gets the same first error and
// message as the storing reader, for each way it can be wrong.
TEST(IntentReaderFlowFields, CheckedTheSameWayWhenNotStored) {
  const struct {
    IntentKind kind;
    std::string field;
    ValuePtr bad;
    std::string message;
  } cases[] = {
      {IntentKind::setup, "client_secret", number(1), "client_secret must be a string"},
      {IntentKind::setup, "customer", number(1), "customer must be a string or an object with a string id"},
      {IntentKind::setup, "customer", object({{"id", number(1)}}),
       "customer must be a string or an object with a string id"},
      {IntentKind::setup, "payment_method", boolean(true),
       "payment_method must be a string or an object with a string id"},
      {IntentKind::setup, "payment_method_types", text("cashapp"),
       "payment_method_types must be an array of strings"},
      {IntentKind::setup, "payment_method_types", array({text("cashapp"), number(2)}),
       "payment_method_types[1] must be a string"},
      {IntentKind::setup, "mandate", array({}), "mandate must be a string or an object with a string id"},
      {IntentKind::setup, "cancellation_reason", number(3), "cancellation_reason must be a string"},
      {IntentKind::setup, "livemode", text("no"), "livemode must be a boolean"},
      {IntentKind::setup, "created", number(1.5), "created must be an integer"},
      {IntentKind::setup, "created", number(1e300), "created must be an integer"},
      {IntentKind::setup, "metadata", text("order=42"), "metadata must be an object"},
      {IntentKind::setup, "metadata", object({{"order", number(42)}}), "metadata.order must be a string"},
      {IntentKind::setup, "usage", number(1), "usage must be a string"},
      {IntentKind::payment, "amount", text("10.99"), "amount must be an integer"},
      {IntentKind::payment, "currency", number(840), "currency must be a string"},
      {IntentKind::payment, "setup_future_usage", boolean(true), "setup_future_usage must be a string"},
      {IntentKind::payment, "capture_method", number(0), "capture_method must be a string"},
      {IntentKind::payment, "statement_descriptor", object({}), "statement_descriptor must be a string"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.field + " / " + c.message);
    std::map<std::string, ValuePtr> members = full_intent(c.kind);
    members[c.field] = c.bad;
    const ValuePtr body = object(std::move(members));
    const Result<Intent> all = read_intent(MapReader<false>(body), c.kind);
    const Result<Intent> flow = read_intent(MapReader<true>(body), c.kind);
    ASSERT_FALSE(all.ok());
    ASSERT_FALSE(flow.ok());
    EXPECT_EQ(all.error().message, c.message);
    EXPECT_EQ(flow.error().message, c.message);
    EXPECT_EQ(flow.error().code, "invalid_response");
  }
}

// With several bad fields, both report the first in the same reading order.
TEST(IntentReaderFlowFields, SameFirstErrorInReadingOrder) {
  std::map<std::string, ValuePtr> members = full_intent(IntentKind::payment);
  members["created"] = text("yesterday");
  members["payment_method_types"] = number(1);
  members["amount"] = text("1");
  members["last_payment_error"] = text("declined");
  const ValuePtr body = object(members);
  const Result<Intent> all = read_intent(MapReader<false>(body), IntentKind::payment);
  const Result<Intent> flow = read_intent(MapReader<true>(body), IntentKind::payment);
  ASSERT_FALSE(all.ok());
  ASSERT_FALSE(flow.ok());
  EXPECT_EQ(all.error().message, "payment_method_types must be an array of strings");
  EXPECT_EQ(flow.error().message, all.error().message);
  members.erase("payment_method_types");
  const ValuePtr later = object(members);
  EXPECT_EQ(read_intent(MapReader<true>(later), IntentKind::payment).error().message,
            "last_payment_error must be an object");
  EXPECT_EQ(read_intent(MapReader<false>(later), IntentKind::payment).error().message,
            "last_payment_error must be an object");
}

}  // namespace
}  // namespace setupflow
