// Readers that declare kFlowFieldsOnly (the wasm's ValReader) get every field
// checked exactly like every other reader (same first error, same message)
// but store only what the confirm flow reads (intent_reader.hpp). Over a
// small hand-made reader, so this also runs in the wasm build.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "setupflow/api_fields.hpp"
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

// A setup or payment intent with every known field set, as the sandbox sends
// (each to a value other than the member's default, so a test sees whether
// it was stored).
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
      {"livemode", boolean(true)},
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
    // ...and nothing else is stored: every field of the field tables
    // (api_fields.hpp) is stored by the storing reader only.
    detail::for_each_intent_field(kind, [&](const detail::IntentField& field) {
      std::visit(
          [&](auto member) {
            using Member = std::decay_t<decltype(all.value().*member)>;
            EXPECT_NE(all.value().*member, Member{}) << field.key << " is not stored";
            EXPECT_EQ(flow.value().*member, Member{}) << field.key << " is stored";
          },
          field.member);
    });
  }
}

// A wrong value for a field of some kind, and how the message names it:
// "<key><suffix> must be <phrase>".
struct WrongValue {
  ValuePtr value;
  std::string suffix;
  std::string phrase;
};

std::vector<WrongValue> wrong_values(detail::Expect expect) {
  using detail::Expect;
  const std::string id = "a string or an object with a string id";
  switch (expect) {
    case Expect::string:
      return {{number(1), "", "a string"},
              {boolean(true), "", "a string"},
              {object({}), "", "a string"},
              {array({}), "", "a string"}};
    case Expect::integer:
      return {{text("10.99"), "", "an integer"},
              {number(1.5), "", "an integer"},
              {number(1e300), "", "an integer"},
              {boolean(true), "", "an integer"}};
    case Expect::boolean:
      return {{text("no"), "", "a boolean"}, {number(0), "", "a boolean"}};
    case Expect::expandable:
      return {{number(1), "", id},
              {boolean(true), "", id},
              {array({}), "", id},
              {object({{"id", number(1)}}), "", id}};
    case Expect::string_list:
      return {{text("cashapp"), "", "an array of strings"},
              {array({text("cashapp"), number(2)}), "[1]", "a string"}};
    case Expect::string_map:
      return {{text("order=42"), "", "an object"},
              {object({{"order", number(42)}}), ".order", "a string"}};
  }
  return {};
}

// Every field the flow-only reader skips (the field tables) gets the same
// first error and message as the storing reader, for each way it can be
// wrong.
TEST(IntentReaderFlowFields, CheckedTheSameWayWhenNotStored) {
  for (const IntentKind kind : {IntentKind::setup, IntentKind::payment}) {
    detail::for_each_intent_field(kind, [&](const detail::IntentField& field) {
      const std::string key(field.key);
      for (const WrongValue& wrong : wrong_values(field.expect)) {
        const std::string message = key + wrong.suffix + " must be " + wrong.phrase;
        SCOPED_TRACE(message);
        std::map<std::string, ValuePtr> members = full_intent(kind);
        members[key] = wrong.value;
        const ValuePtr body = object(std::move(members));
        const Result<Intent> all = read_intent(MapReader<false>(body), kind);
        const Result<Intent> flow = read_intent(MapReader<true>(body), kind);
        ASSERT_FALSE(all.ok());
        ASSERT_FALSE(flow.ok());
        EXPECT_EQ(all.error().message, message);
        EXPECT_EQ(flow.error().message, message);
        EXPECT_EQ(flow.error().code, "invalid_response");
      }
    });
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
