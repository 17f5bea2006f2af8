#include "setupflow/consent.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

namespace setupflow {
namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

size_t count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t p = haystack.find(needle); p != std::string::npos; p = haystack.find(needle, p + 1)) {
    ++n;
  }
  return n;
}

const ConsentMode kModes[] = {ConsentMode::setup, ConsentMode::payment_with_future_usage};

TEST(Consent, Locales) {
  const auto locales = consent_locales();
  EXPECT_EQ(locales, (std::vector<std::string>{"en", "fr"}));
}

TEST(Consent, ResolveLocale) {
  const struct {
    const char* in;
    const char* out;
  } cases[] = {
      {"en", "en"},     {"fr", "fr"},       {"fr-CA", "fr"}, {"FR_fr", "fr"}, {"fr_CA", "fr"},
      {"FR", "fr"},     {" fr ", "fr"},     {"en-GB", "en"}, {"de", "en"},    {"de-DE", "en"},
      {"", "en"},       {"auto", "en"},     {"-", "en"},     {"f", "en"},     {"french", "en"},
      {"frx-CA", "en"}, {"\xff\xfe", "en"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(resolve_locale(c.in), c.out) << c.in;
  }
}

TEST(Consent, EnglishSaysWhatWireMdRequires) {
  for (ConsentMode mode : kModes) {
    const ConsentText t = cashapp_consent("en-US", "Acme Coffee", mode);
    SCOPED_TRACE(t.text);
    EXPECT_EQ(t.locale, "en");
    EXPECT_EQ(count(t.text, "Acme Coffee"), 2u);  // who debits, and whose terms
    EXPECT_TRUE(contains(t.text, "authorize Acme Coffee to debit your Cash App account"));
    EXPECT_TRUE(contains(t.text, "future payments"));
    EXPECT_TRUE(contains(t.text, "this"));
    EXPECT_TRUE(contains(t.text, "terms of Acme Coffee"));
    EXPECT_TRUE(contains(t.text, "until you revoke"));
    EXPECT_TRUE(contains(t.text, "Cash App settings"));
    EXPECT_FALSE(contains(t.text, "{merchant}"));
  }
  EXPECT_TRUE(contains(cashapp_consent("en", "A", ConsentMode::setup).text,
                       "for this and future payments"));
  EXPECT_TRUE(contains(cashapp_consent("en", "A", ConsentMode::payment_with_future_usage).text,
                       "for this payment and future payments"));
}

TEST(Consent, FrenchTranslation) {
  for (ConsentMode mode : kModes) {
    const ConsentText t = cashapp_consent("fr-CA", "Café Lumière", mode);
    SCOPED_TRACE(t.text);
    EXPECT_EQ(t.locale, "fr");
    EXPECT_EQ(count(t.text, "Café Lumière"), 2u);
    EXPECT_TRUE(contains(t.text, "vous autorisez Café Lumière à débiter votre compte Cash App"));
    EXPECT_TRUE(contains(t.text, "futurs"));
    EXPECT_TRUE(contains(t.text, "conditions fixées par Café Lumière"));
    EXPECT_TRUE(contains(t.text, "révoquiez"));
    EXPECT_TRUE(contains(t.text, "paramètres de Cash App"));
    EXPECT_NE(t.text, cashapp_consent("en", "Café Lumière", mode).text);
  }
  EXPECT_TRUE(contains(cashapp_consent("fr", "A", ConsentMode::setup).text,
                       "pour les paiements présents et futurs"));
  EXPECT_TRUE(contains(cashapp_consent("fr", "A", ConsentMode::payment_with_future_usage).text,
                       "pour ce paiement et les paiements futurs"));
}

TEST(Consent, NeutralWordingWithoutMerchant) {
  const char* empties[] = {"", "   ", "\t\n", "\x01\x02", "\u202e"};
  for (ConsentMode mode : kModes) {
    for (const char* e : empties) {
      const ConsentText en = cashapp_consent("en", e, mode);
      EXPECT_TRUE(contains(en.text, "authorize the merchant to debit")) << en.text;
      EXPECT_TRUE(contains(en.text, "the merchant's terms"));
      EXPECT_TRUE(contains(en.text, "Cash App settings"));
      EXPECT_FALSE(contains(en.text, "{merchant}"));
      EXPECT_FALSE(contains(en.text, "  "));
      const ConsentText fr = cashapp_consent("fr", e, mode);
      EXPECT_TRUE(contains(fr.text, "autorisez le commerçant à débiter")) << fr.text;
      EXPECT_FALSE(contains(fr.text, "{merchant}"));
      // Same version whether or not the name is known: the name is a parameter.
      EXPECT_EQ(en.version, cashapp_consent("en", "Acme", mode).version);
    }
  }
}

TEST(Consent, VersionsAreDistinctPerLocaleAndMode) {
  std::set<std::string> versions;
  for (const auto& locale : consent_locales()) {
    for (ConsentMode mode : kModes) {
      const ConsentText t = cashapp_consent(locale, "Acme", mode);
      EXPECT_EQ(t.locale, locale);
      EXPECT_FALSE(t.version.empty());
      EXPECT_TRUE(t.version.size() >= 3 && t.version.substr(t.version.size() - 3) == "-" + locale)
          << t.version;
      EXPECT_TRUE(versions.insert(t.version).second) << t.version;
    }
  }
  EXPECT_EQ(cashapp_consent("en", "Acme").version, "cashapp-2026-11-en");
  // A fallback reports the locale actually used.
  EXPECT_EQ(cashapp_consent("de-DE", "Acme").locale, "en");
  EXPECT_EQ(cashapp_consent("de-DE", "Acme").text, cashapp_consent("en", "Acme").text);
}

TEST(Consent, MerchantNameIsCleaned) {
  const struct {
    std::string raw;
    const char* clean;
  } cases[] = {
      {"  Acme  ", "Acme"},
      {"Acme\nCoffee", "Acme Coffee"},
      {"Acme \t\r\n Coffee", "Acme Coffee"},
      {"Ac\x01me\x7f", "Acme"},
      {"Acme\xc2\x85"
       "Coffee",
       "Acme Coffee"},                                 // NEL is a line break
      {"Ac\xc2\x9bme", "Acme"},                        // C1 control
      {"Acme\u202eeeffoC", "AcmeeeffoC"},              // right-to-left override
      {"\u2066Acme\u2069", "Acme"},                    // isolates
      {"Ac\xffme", "Ac\uFFFDme"},                      // invalid byte
      {"Ac\xc0\x80me", "Ac\uFFFD\uFFFDme"},            // overlong NUL
      {"Ac\xed\xa0\x80me", "Ac\uFFFD\uFFFD\uFFFDme"},  // surrogate
      {"Acme\xe2\x82", "Acme\uFFFD\uFFFD"},            // truncated
      {"Café 😀", "Café 😀"},
      {std::string("Ac\0me", 5), "Acme"},
      {"{merchant}", "{merchant}"},  // substituted once, not recursively
  };
  for (const auto& c : cases) {
    const ConsentText t = cashapp_consent("en", c.raw);
    const std::string expected = std::string("authorize ") + c.clean + " to debit";
    EXPECT_TRUE(contains(t.text, expected)) << t.text;
  }
}

TEST(Consent, HtmlEscapesTheName) {
  const ConsentText t = cashapp_consent("en", "<b>Tom & Jerry's \"Shop\"</b>");
  EXPECT_TRUE(contains(t.text, "<b>Tom & Jerry's \"Shop\"</b>"));
  const std::string html = consent_html(t);
  EXPECT_TRUE(contains(html, "&lt;b&gt;Tom &amp; Jerry&#39;s &quot;Shop&quot;&lt;/b&gt;"))
      << html;
  for (char c : {'<', '>', '"'}) {
    EXPECT_EQ(html.find(c), std::string::npos) << c;
  }
  // Every '&' in the html starts an entity.
  for (size_t p = html.find('&'); p != std::string::npos; p = html.find('&', p + 1)) {
    const std::string rest = html.substr(p, 6);
    EXPECT_TRUE(rest.rfind("&amp;", 0) == 0 || rest.rfind("&lt;", 0) == 0 ||
                rest.rfind("&gt;", 0) == 0 || rest.rfind("&quot;", 0) == 0 ||
                rest.rfind("&#39;", 0) == 0)
        << rest;
  }
  // Without special characters html and text agree.
  const ConsentText plain = cashapp_consent("fr", "Acme");
  EXPECT_EQ(consent_html(plain), plain.text);
  // The neutral English text has an apostrophe of its own, escaped too.
  const ConsentText neutral = cashapp_consent("en", "");
  EXPECT_TRUE(contains(consent_html(neutral), "merchant&#39;s terms"));
}

}  // namespace
}  // namespace setupflow
