#include <gtest/gtest.h>

#include <string>

#include "setupflow/redirect.hpp"

namespace setupflow {
namespace {

TEST(ParseUrl, SplitsParts) {
  auto r = parse_url("HTTPS://user:pw@Shop.Example:8443/a/b?x=1&y=2#/frag?z");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->scheme, "https");
  EXPECT_EQ(r->userinfo, "user:pw");
  EXPECT_EQ(r->host, "shop.example");
  EXPECT_EQ(r->port, "8443");
  EXPECT_EQ(r->path, "/a/b");
  EXPECT_TRUE(r->has_query);
  EXPECT_EQ(r->query, "x=1&y=2");
  EXPECT_TRUE(r->has_fragment);
  EXPECT_EQ(r->fragment, "/frag?z");
}

TEST(ParseUrl, Ipv6AndMinimalForms) {
  auto v6 = parse_url("http://[::1]:3000/");
  ASSERT_TRUE(v6.ok());
  EXPECT_EQ(v6->host, "[::1]");
  EXPECT_EQ(v6->port, "3000");
  EXPECT_EQ(v6->path, "/");

  auto bare = parse_url("https://shop.example");
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(bare->host, "shop.example");
  EXPECT_EQ(bare->path, "");
  EXPECT_FALSE(bare->has_query);
  EXPECT_FALSE(bare->has_fragment);

  auto empty_query = parse_url("https://shop.example/?#");
  ASSERT_TRUE(empty_query.ok());
  EXPECT_TRUE(empty_query->has_query);
  EXPECT_EQ(empty_query->query, "");
  EXPECT_TRUE(empty_query->has_fragment);

  auto opaque = parse_url("javascript:alert(1)");
  ASSERT_TRUE(opaque.ok());
  EXPECT_EQ(opaque->scheme, "javascript");
  EXPECT_EQ(opaque->host, "");
  EXPECT_EQ(opaque->path, "alert(1)");
}

TEST(ParseUrl, Refuses) {
  const char* bad[] = {
      "",
      "/relative/path",
      "relative/path",
      "//shop.example/x",  // protocol-relative
      "?x=1",
      "#frag",
      "1http://x/",  // scheme must start with a letter
      "https://shop example/",
      "https://shop.example/a b",
      "https://shop.example/\t",
      "https://shop.example/\x7f",
      "https://shop.example:80a/",
      "https://shop.example:99999/",
      "https://shop.example:123456/",
      "https://[::1/",
      "https://[zz]/",
      "https://[::1]x/",
      "https://sh<op.example/",
      "https://a:b:c/",
      "https:\\\\evil.example",
  };
  for (const char* u : bad) {
    SCOPED_TRACE(u);
    EXPECT_FALSE(parse_url(u).ok());
  }
  EXPECT_FALSE(parse_url(std::string("https://x/\0", 11)).ok());
}

TEST(SplitUrl, ViewsTheTextAndAgreesWithParseUrl) {
  const std::string text = "HTTPS://user@Shop.Example:8443/a?x=1#f";
  UrlParts p;
  ASSERT_EQ(split_url(text, p), nullptr);
  EXPECT_EQ(p.scheme, "HTTPS");  // not lower-cased
  EXPECT_EQ(p.userinfo, "user");
  EXPECT_EQ(p.host, "Shop.Example");
  EXPECT_EQ(p.port, "8443");
  EXPECT_EQ(p.path, "/a");
  EXPECT_EQ(p.query, "x=1");
  EXPECT_EQ(p.fragment, "f");
  EXPECT_TRUE(p.has_query && p.has_fragment);
  EXPECT_EQ(p.host.data(), text.data() + 13);  // a view, not a copy

  for (const char* bad : {"", "/relative", "https://a b/", "https://[::1/", "https://h:99999/"}) {
    SCOPED_TRACE(bad);
    UrlParts q;
    const char* message = split_url(bad, q);
    ASSERT_NE(message, nullptr);
    auto r = parse_url(bad);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message, message);
  }
}

TEST(AsciiIequals, IgnoresAsciiCaseOnly) {
  EXPECT_TRUE(ascii_iequals("LocalHost", "localhost"));
  EXPECT_TRUE(ascii_iequals("", ""));
  EXPECT_FALSE(ascii_iequals("localhost", "localhost."));
  EXPECT_FALSE(ascii_iequals("a", "b"));
  EXPECT_FALSE(ascii_iequals("\xc3\x89", "\xc3\xa9"));  // É vs é: bytes, not Unicode
  EXPECT_FALSE(ascii_iequals("[", "{"));                  // 0x5B vs 0x7B
}

TEST(Loopback, Hosts) {
  const struct {
    const char* host;
    bool loopback;
  } cases[] = {
      {"localhost", true},
      {"LOCALHOST", true},
      {"app.localhost", true},
      {"a.b.localhost", true},
      {"127.0.0.1", true},
      {"127.255.255.254", true},
      {"127.1.2.3", true},
      {"[::1]", true},
      {".localhost", false},
      {"localhost.", false},
      {"localhost.example", false},
      {"evillocalhost", false},
      {"128.0.0.1", false},
      {"127.0.0", false},
      {"127.0.0.1.2", false},
      {"127.0.0.256", false},
      {"0127.0.0.1", false},
      {"127.1", false},
      {"10.0.0.1", false},
      {"[::2]", false},
      {"", false},
      {"::1", false},
      {"a..localhost", false},
      {"127.0.0.-1", false},
      {"127.0.0.1.", false},
      {"127..0.1", false},
      {"1270.0.0.1", false},
      {"127.00.0.1", false},
      {"127.0.0.1a", false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(is_loopback_host(c.host), c.loopback) << c.host;
  }
}

}  // namespace
}  // namespace setupflow
