#include "setupflow/form_encoding.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>

namespace setupflow {
namespace {


FormNode decode_ok(std::string_view body) {
  auto r = decode_form(body);
  EXPECT_TRUE(r.ok()) << body << ": " << (r.ok() ? "" : r.error().message);
  return r.ok() ? r.value() : FormNode{};
}

// ---- encode_form ------------------------------------------------------------------

TEST(EncodeForm, MatchesStripeLibraries) {
  FormPairs pairs = {
      {"client_secret", "seti_1_secret_a"},
      {"payment_method_data[type]", "cashapp"},
      {"return_url", "https://shop.example/r?x=1&y=a b"},
      {"mandate_data[customer_acceptance][online][infer_from_client]", "true"},
      {"expand[]", "payment_method"},
      {"metadata[note]", "café 😀"},
      {"cleared", ""},
  };
  EXPECT_EQ(encode_form(pairs),
            "client_secret=seti_1_secret_a&payment_method_data%5Btype%5D=cashapp"
            "&return_url=https%3A%2F%2Fshop.example%2Fr%3Fx%3D1%26y%3Da+b"
            "&mandate_data%5Bcustomer_acceptance%5D%5Bonline%5D%5Binfer_from_client%5D=true"
            "&expand%5B%5D=payment_method&metadata%5Bnote%5D=caf%C3%A9+%F0%9F%98%80&cleared=");
  EXPECT_EQ(encode_form({}), "");
}

// The confirm request builds its body pair by pair: same bytes as encode_form.
TEST(EncodeForm, AppendPairMatchesEncodeForm) {
  std::string body;
  append_form_pair(body, "expand[]", "payment_method");
  EXPECT_EQ(body, "expand%5B%5D=payment_method");
  append_form_pair(body, "return_url", "https://x.example/?a=b c");
  append_form_pair(body, "cleared", "");
  EXPECT_EQ(body, encode_form({{"expand[]", "payment_method"},
                               {"return_url", "https://x.example/?a=b c"},
                               {"cleared", ""}}));
  EXPECT_EQ(body,
            "expand%5B%5D=payment_method&return_url=https%3A%2F%2Fx.example%2F%3Fa%3Db+c&cleared=");
}

// ---- decode_form ------------------------------------------------------------------

TEST(DecodeForm, NestedObjectsAndScalars) {
  FormNode t = decode_ok(
      "key=pk_test_1&mandate_data[customer_acceptance][type]=online"
      "&mandate_data%5Bcustomer_acceptance%5D%5Bonline%5D%5Binfer_from_client%5D=true"
      "&return_url=https%3A%2F%2Fx.example%2F&name=a+b&empty=");
  ASSERT_NE(t.get("key"), nullptr);
  EXPECT_EQ(t.get("key")->value, "pk_test_1");
  EXPECT_EQ(t.get("name")->value, "a b");
  EXPECT_EQ(t.get("return_url")->value, "https://x.example/");
  ASSERT_NE(t.get("empty"), nullptr);
  EXPECT_EQ(t.get("empty")->kind, FormNode::Kind::string);
  EXPECT_EQ(t.get("empty")->value, "");
  const FormNode* ca = t.get("mandate_data")->get("customer_acceptance");
  ASSERT_NE(ca, nullptr);
  EXPECT_EQ(ca->get("type")->value, "online");
  EXPECT_EQ(ca->get("online")->get("infer_from_client")->value, "true");
  EXPECT_EQ(t.get("missing"), nullptr);
  EXPECT_EQ(t.get("key")->get("x"), nullptr);  // get on a scalar
}

TEST(DecodeForm, BothListFormsGiveTheSameTree) {
  const char* bodies[] = {
      "expand[]=a&expand[]=b&expand[]=c",
      "expand%5B%5D=a&expand%5B%5D=b&expand%5B%5D=c",
      "expand[0]=a&expand[1]=b&expand[2]=c",
      "expand%5B0%5D=a&expand[1]=b&expand%5b2%5d=c",
  };
  for (const char* body : bodies) {
    SCOPED_TRACE(body);
    FormNode t = decode_ok(body);
    const FormNode* list = t.get("expand");
    ASSERT_NE(list, nullptr);
    ASSERT_EQ(list->kind, FormNode::Kind::list);
    ASSERT_EQ(list->items.size(), 3u);
    EXPECT_EQ(list->items[0]->value, "a");
    EXPECT_EQ(list->items[1]->value, "b");
    EXPECT_EQ(list->items[2]->value, "c");
  }
}

TEST(DecodeForm, ListsOfObjects) {
  FormNode t = decode_ok("items[0][price]=p1&items[0][quantity]=2&items[1][price]=p2");
  const FormNode* items = t.get("items");
  ASSERT_NE(items, nullptr);
  ASSERT_EQ(items->kind, FormNode::Kind::list);
  ASSERT_EQ(items->items.size(), 2u);
  EXPECT_EQ(items->items[0]->get("price")->value, "p1");
  EXPECT_EQ(items->items[0]->get("quantity")->value, "2");
  EXPECT_EQ(items->items[1]->get("price")->value, "p2");
}

TEST(DecodeForm, EmptyPartsAndKeysWithoutValues) {
  FormNode t = decode_ok("&a=1&&b&");
  EXPECT_EQ(t.get("a")->value, "1");
  ASSERT_NE(t.get("b"), nullptr);
  EXPECT_EQ(t.get("b")->value, "");
  EXPECT_TRUE(decode_ok("").fields.empty());
  EXPECT_EQ(decode_ok("a=x=y").get("a")->value, "x=y");
}

TEST(DecodeForm, RepeatedScalarLastWins) { EXPECT_EQ(decode_ok("a=1&a=2").get("a")->value, "2"); }

TEST(DecodeForm, RefusesNamingTheParam) {
  const struct {
    const char* body;
    const char* param;
    const char* code;
  } cases[] = {
      {"a=%ZZ", "a", "invalid_percent_encoding"},
      {"a[b]=%C0%80", "a[b]", "invalid_utf8"},
      {"a%5Bb%5D=%ED%A0%80", "a[b]", "invalid_utf8"},
      {"ok=1&%ZZ=1", "%ZZ", "invalid_percent_encoding"},
      {"a[b=1", "a[b", "parameter_invalid_key"},
      {"a]b=1", "a]b", "parameter_invalid_key"},
      {"a[b]c=1", "a[b]c", "parameter_invalid_key"},
      {"a[b[c]]=1", "a[b[c]]", "parameter_invalid_key"},
      {"[a]=1", "[a]", "parameter_invalid_key"},
      {"=1", "", "parameter_invalid_key"},
      {"a[][b]=1", "a[][b]", "parameter_invalid_key"},
      {"a[01]=1", "a[01]", "parameter_invalid_key"},
      {"a=1&a[b]=2", "a[b]", "parameter_conflict"},
      {"a[b]=2&a=1", "a", "parameter_conflict"},
      {"a[b]=1&a[0]=2", "a[0]", "parameter_conflict"},
      {"a[0]=1&a[b]=2", "a[b]", "parameter_conflict"},
      {"a[0]=1&a[0][k]=2", "a[0][k]", "parameter_conflict"},
      {"a[]=1&a[1]=2", "a[1]", "parameter_mixed_list_forms"},
      {"a[0]=1&a[]=2", "a[]", "parameter_mixed_list_forms"},
      {"a[1]=x", "a[1]", "parameter_index_gap"},
      {"a[0]=x&a[2]=y", "a[2]", "parameter_index_gap"},
      {"a[0][k]=x&a[2][k]=y", "a[2][k]", "parameter_index_gap"},
      {"a[1024]=x", "a[1024]", "parameter_index_too_large"},
      {"a[99999999999999999999999999]=x", "a[99999999999999999999999999]",
       "parameter_index_too_large"},
      {"a[b][c][d][e][f][g][h][i][j]=1", "a[b][c][d][e][f][g][h][i][j]", "parameter_too_deep"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.body);
    auto r = decode_form(c.body);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().type, ErrorType::invalid_request_error);
    EXPECT_EQ(r.error().param, c.param);
    EXPECT_EQ(r.error().code, c.code);
  }
}

TEST(DecodeForm, DepthLimitIsInclusive) {
  EXPECT_TRUE(decode_form("a[b][c][d][e][f][g][h][i]=1").ok());  // 8 levels
  FormLimits tight;
  tight.max_depth = 1;
  EXPECT_TRUE(decode_form("a[b]=1", tight).ok());
  EXPECT_FALSE(decode_form("a[b][c]=1", tight).ok());
}

TEST(DecodeForm, Limits) {
  FormLimits limits;
  limits.max_body_bytes = 10;
  EXPECT_TRUE(decode_form("a=12345678", limits).ok());
  auto big = decode_form("a=123456789", limits);
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.error().code, "body_too_large");

  limits = {};
  limits.max_pairs = 3;
  EXPECT_TRUE(decode_form("a=1&b=2&c=3&&", limits).ok());
  auto many = decode_form("a=1&b=2&c=3&d=4", limits);
  ASSERT_FALSE(many.ok());
  EXPECT_EQ(many.error().code, "too_many_parameters");

  limits = {};
  limits.max_list_index = 2;
  EXPECT_TRUE(decode_form("a[]=1&a[]=2&a[]=3", limits).ok());
  EXPECT_FALSE(decode_form("a[]=1&a[]=2&a[]=3&a[]=4", limits).ok());
  EXPECT_FALSE(decode_form("a[1]=1&a[0]=1", limits).ok());  // out of order is a gap
  std::string at_limit;
  for (int i = 0; i <= 1023; ++i) at_limit += "a[" + std::to_string(i) + "]=x&";
  EXPECT_TRUE(decode_form(at_limit).ok());
  EXPECT_FALSE(decode_form(at_limit + "a[1024]=x").ok());
}

// ---- flatten and the round-trip property -------------------------------------------

TEST(FlattenForm, DeterministicBracketPairs) {
  FormNode u = decode_ok("z=1&a[k][]=x&a[k][]=y&items[0][p]=r&items[0][n]=s&items[1][p]=q");
  FormPairs expected = {
      {"a[k][]", "x"},      {"a[k][]", "y"},      {"items[0][n]", "s"},
      {"items[0][p]", "r"}, {"items[1][p]", "q"}, {"z", "1"},
  };
  EXPECT_EQ(flatten_form(u), expected);
  // Indexed scalar lists flatten to a[].
  EXPECT_EQ(flatten_form(decode_ok("e[0]=x&e[1]=y")), (FormPairs{{"e[]", "x"}, {"e[]", "y"}}));
  // Lists of lists keep indices for the outer level.
  EXPECT_EQ(flatten_form(decode_ok("m[0][0]=x&m[0][1]=y&m[1][0]=z")),
            (FormPairs{{"m[0][]", "x"}, {"m[0][]", "y"}, {"m[1][]", "z"}}));
}

// Random trees built through the decoder, then decode(encode(flatten(t))) == t.
class RandomForms {
 public:
  explicit RandomForms(uint32_t seed) : rng_(seed) {}

  std::string text() {
    static const char* kPieces[] = {"a", "Z", "0",  " ", "+", "&", "=", "%",    "[", "]",
                                    "é", "😀", "\t", "#", "?", "/", "ß", "\x7f", "~", "日本"};
    std::string s;
    const int n = pick(6);
    for (int i = 0; i < n; ++i) s += kPieces[pick(std::size(kPieces))];
    return s;
  }
  std::string key() {
    static const char* kKeys[] = {"a", "b", "type", "customer_acceptance", "x_y", "é", "k-1"};
    return kKeys[pick(std::size(kKeys))];
  }
  // Builds pairs describing a random tree of the given depth.
  void node(const std::string& prefix, int depth, FormPairs& out) {
    const int kind = depth >= 4 ? 0 : pick(4);
    if (kind == 0) {
      out.emplace_back(prefix, text());
    } else if (kind == 1) {
      const int n = 1 + pick(3);
      for (int i = 0; i < n; ++i) node(prefix + "[" + key() + "]", depth + 1, out);
    } else if (kind == 2) {
      const int n = 1 + pick(4);
      for (int i = 0; i < n; ++i) out.emplace_back(prefix + "[]", text());
    } else {
      const int n = 1 + pick(3);
      for (int i = 0; i < n; ++i) {
        node(prefix + "[" + std::to_string(i) + "][" + key() + "]", depth + 2, out);
      }
    }
  }
  int pick(size_t n) { return static_cast<int>(rng_() % n); }

 private:
  std::mt19937 rng_;
};

TEST(FormRoundTrip, DecodeEncodeFlattenIsIdentity) {
  int decoded = 0;
  for (uint32_t seed = 1; seed <= 400; ++seed) {
    RandomForms gen(seed);
    FormPairs pairs;
    const int roots = 1 + gen.pick(4);
    for (int i = 0; i < roots; ++i) gen.node(gen.key(), 0, pairs);
    // Random generation can collide (a key reused as scalar and object): such
    // bodies must be refused, never half-read.
    auto first = decode_form(encode_form(pairs));
    if (!first.ok()) {
      EXPECT_EQ(first.error().type, ErrorType::invalid_request_error);
      continue;
    }
    ++decoded;
    const FormPairs flat = flatten_form(first.value());
    auto second = decode_form(encode_form(flat));
    ASSERT_TRUE(second.ok()) << second.error().message;
    ASSERT_TRUE(first.value() == second.value()) << encode_form(pairs);
    // And flattening is stable.
    EXPECT_EQ(flatten_form(second.value()), flat);
  }
  EXPECT_GT(decoded, 200);  // the generator mostly makes valid trees
}

TEST(FormRoundTrip, RawAndEncodedBracketsReadAlike) {
  FormPairs pairs = {{"a[b][]", "x y"}, {"a[b][]", "é"}, {"c[0][d]", "&="}};
  FormNode encoded = decode_ok(encode_form(pairs));
  std::string raw;
  for (const auto& [k, v] : pairs) {
    if (!raw.empty()) raw += '&';
    raw += k + "=" + percent_encode(v, true);
  }
  FormNode plain = decode_ok(raw);
  EXPECT_TRUE(encoded == plain);
}

}  // namespace
}  // namespace setupflow

namespace setupflow {
namespace {

TEST(FormNodeEquality, DiffersOnValueKindKeyOrListOrder) {
  const auto tree = [](const char* body) { return decode_form(body).value(); };
  EXPECT_TRUE(tree("a=1&b[c]=2&d[]=x&d[]=y") == tree("b[c]=2&a=1&d[0]=x&d[1]=y"));
  EXPECT_FALSE(tree("a=1") == tree("a=2"));            // value
  EXPECT_FALSE(tree("a=1") == tree("a[b]=1"));         // kind
  EXPECT_FALSE(tree("a=1") == tree("b=1"));            // key
  EXPECT_FALSE(tree("a=1") == tree("a=1&b=1"));        // size
  EXPECT_FALSE(tree("d[]=x&d[]=y") == tree("d[]=y&d[]=x"));  // list order
  FormNode with_null = tree("a=1");
  with_null.fields["a"] = nullptr;
  EXPECT_FALSE(with_null == with_null);  // null children are never equal
}

}  // namespace
}  // namespace setupflow
