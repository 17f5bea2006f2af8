// Readers that declare kSkipsMetadata (the wasm's ValReader) get metadata
// checked exactly like every other reader but not stored (intent_reader.hpp).
// Over a small hand-made reader, so this also runs in the wasm build.
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
ValuePtr object(std::map<std::string, ValuePtr> members) {
  auto v = std::make_shared<Value>();
  v->kind = JsonKind::object;
  v->members = std::move(members);
  return v;
}

template <bool Skips>
class MapReader {
 public:
  static constexpr bool kSkipsMetadata = Skips;
  explicit MapReader(ValuePtr v) : v_(std::move(v)) {}
  JsonKind kind() const { return v_->kind; }
  bool as_bool() const { return false; }
  double as_number() const { return v_->kind == JsonKind::number ? v_->number : 0; }
  std::string as_string() const { return v_->kind == JsonKind::string ? v_->text : ""; }
  std::optional<MapReader> member(std::string_view key) const {
    auto it = v_->members.find(std::string(key));
    if (v_->kind != JsonKind::object || it == v_->members.end()) {
      return std::nullopt;
    }
    return MapReader(it->second);
  }
  size_t size() const { return 0; }  // no arrays in these bodies
  MapReader at(size_t /*index*/) const { return MapReader(std::make_shared<Value>()); }
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

ValuePtr intent_with_metadata(ValuePtr metadata) {
  return object({{"id", text("seti_1")},
                 {"object", text("setup_intent")},
                 {"status", text("succeeded")},
                 {"created", number(1767225600)},
                 {"metadata", std::move(metadata)}});
}

TEST(IntentReaderMetadata, StoredUnlessTheReaderSkipsIt) {
  const ValuePtr body = intent_with_metadata(object({{"order", text("42")}}));
  const Result<Intent> kept = read_intent(MapReader<false>(body), IntentKind::setup);
  ASSERT_TRUE(kept.ok()) << kept.error().message;
  EXPECT_EQ(kept->metadata.at("order"), "42");

  const Result<Intent> skipped = read_intent(MapReader<true>(body), IntentKind::setup);
  ASSERT_TRUE(skipped.ok()) << skipped.error().message;
  EXPECT_TRUE(skipped->metadata.empty());
  EXPECT_EQ(skipped->id, "seti_1");  // everything else is read as usual
  EXPECT_EQ(skipped->status, IntentStatus::succeeded);
  EXPECT_EQ(skipped->created, 1767225600);
}

TEST(IntentReaderMetadata, CheckedTheSameWayWhenSkipped) {
  const ValuePtr bad_value = intent_with_metadata(object({{"order", number(42)}}));
  const ValuePtr not_object = intent_with_metadata(text("order=42"));
  for (const ValuePtr& body : {bad_value, not_object}) {
    const Result<Intent> kept = read_intent(MapReader<false>(body), IntentKind::setup);
    const Result<Intent> skipped = read_intent(MapReader<true>(body), IntentKind::setup);
    ASSERT_FALSE(kept.ok());
    ASSERT_FALSE(skipped.ok());
    EXPECT_EQ(skipped.error().code, "invalid_response");
    EXPECT_EQ(skipped.error().message, kept.error().message);
  }
  EXPECT_EQ(read_intent(MapReader<true>(bad_value), IntentKind::setup).error().message,
            "metadata.order must be a string");
  EXPECT_EQ(read_intent(MapReader<true>(not_object), IntentKind::setup).error().message,
            "metadata must be an object");
}

}  // namespace
}  // namespace setupflow
