#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "setupflow/form_encoding.hpp"

namespace setupflow {
namespace {

// ---- percent encoding ------------------------------------------------------------

TEST(PercentEncode, Table) {
  const struct {
    std::string in;
    bool plus;
    const char* out;
  } cases[] = {
      {"abcXYZ019-._~", false, "abcXYZ019-._~"},
      {"a b", false, "a%20b"},
      {"a b", true, "a+b"},
      {"a+b", true, "a%2Bb"},
      {"a[b]", true, "a%5Bb%5D"},
      {"&=?#/%", false, "%26%3D%3F%23%2F%25"},
      {"é", false, "%C3%A9"},
      {"😀", false, "%F0%9F%98%80"},
      {std::string("\0\xff", 2), false, "%00%FF"},
      {"", false, ""},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(percent_encode(c.in, c.plus), c.out) << c.in;
  }
}

TEST(PercentDecode, Table) {
  const struct {
    const char* in;
    bool plus;
    std::string out;
  } cases[] = {
      {"a%20b", true, "a b"},      {"a+b", true, "a b"},  {"a+b", false, "a+b"},
      {"%5b%5D", true, "[]"},      {"%c3%a9", true, "é"}, {"caf\xc3\xa9", true, "café"},
      {"%F0%9F%98%80", true, "😀"}, {"", true, ""},        {"%00", true, std::string(1, '\0')},
      {"%2B", true, "+"},
  };
  for (const auto& c : cases) {
    auto r = percent_decode(c.in, c.plus);
    ASSERT_TRUE(r.ok()) << c.in;
    EXPECT_EQ(r.value(), c.out) << c.in;
  }
}

TEST(PercentDecode, RefusesMalformedEscapes) {
  const char* bad[] = {"%", "%4", "a%G1", "%1G", "%%", "abc%", "%-1", "% 1"};
  for (const char* b : bad) {
    auto r = percent_decode(b);
    ASSERT_FALSE(r.ok()) << b;
    EXPECT_EQ(r.error().type, ErrorType::invalid_request_error);
    EXPECT_EQ(r.error().code, "invalid_percent_encoding");
  }
}

TEST(PercentDecode, RefusesInvalidUtf8) {
  const char* bad[] = {
      "%C0%80",        // overlong NUL
      "%C1%BF",        // overlong
      "%E0%80%80",     // overlong 3-byte
      "%E0%9F%BF",     // overlong 3-byte (just below U+0800)
      "%F0%80%80%80",  // overlong 4-byte
      "%F0%8F%BF%BF",  // overlong 4-byte (just below U+10000)
      "%ED%A0%80",     // surrogate U+D800
      "%ED%BF%BF",     // surrogate U+DFFF
      "%F4%90%80%80",  // U+110000
      "%F5%80%80%80",  // lead byte F5
      "%FF",           //
      "%80",           // lone continuation
      "a%BFb",         // lone continuation
      "%C3",           // truncated
      "%E2%82",        // truncated
      "%F0%9F%98",     // truncated 4-byte
      "%C3%28",        // bad continuation
      "%E2%28%A1",     //
      "\xc3",          // raw bytes are checked too
      "\xed\xa0\x80",
  };
  for (const char* b : bad) {
    auto r = percent_decode(b);
    ASSERT_FALSE(r.ok()) << b;
    EXPECT_EQ(r.error().code, "invalid_utf8") << b;
  }
}

TEST(PercentDecode, AcceptsUtf8Boundaries) {
  const char* good[] = {
      "%7F",           // U+007F
      "%C2%80",        // U+0080
      "%DF%BF",        // U+07FF
      "%E0%A0%80",     // U+0800
      "%ED%9F%BF",     // U+D7FF
      "%EE%80%80",     // U+E000
      "%EF%BF%BF",     // U+FFFF
      "%F0%90%80%80",  // U+10000
      "%F4%8F%BF%BF",  // U+10FFFF
  };
  for (const char* g : good) EXPECT_TRUE(percent_decode(g).ok()) << g;
}

// Every Unicode scalar value round-trips through encode/decode (sampled densely).
TEST(PercentCoding, AllOfUtf8RoundTrips) {
  auto utf8 = [](uint32_t cp) {
    std::string s;
    if (cp < 0x80) {
      s += char(cp);
    } else if (cp < 0x800) {
      s += char(0xC0 | (cp >> 6));
      s += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      s += char(0xE0 | (cp >> 12));
      s += char(0x80 | ((cp >> 6) & 0x3F));
      s += char(0x80 | (cp & 0x3F));
    } else {
      s += char(0xF0 | (cp >> 18));
      s += char(0x80 | ((cp >> 12) & 0x3F));
      s += char(0x80 | ((cp >> 6) & 0x3F));
      s += char(0x80 | (cp & 0x3F));
    }
    return s;
  };
  for (uint32_t cp = 0; cp <= 0x10FFFF; cp += (cp < 0x3000 ? 1 : 61)) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    const std::string s = utf8(cp);
    for (bool plus : {false, true}) {
      auto r = percent_decode(percent_encode(s, plus), plus);
      ASSERT_TRUE(r.ok()) << cp;
      ASSERT_EQ(r.value(), s) << cp;
    }
  }
  // Surrogates encoded as if they were scalars are refused.
  for (uint32_t cp = 0xD800; cp <= 0xDFFF; cp += 0x7F) {
    EXPECT_FALSE(percent_decode(percent_encode(utf8(cp))).ok()) << cp;
  }
}

}  // namespace
}  // namespace setupflow
