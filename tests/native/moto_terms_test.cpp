#include "setupflow/moto_terms.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace setupflow {
namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

MotoTermsParams acme() {
  return {.merchant_name = "Acme Supplies",
          .schedule = "on the 1st of each month",
          .amounts = "the price of each order, shipping included",
          .cancellation = "calling 0800 123 456"};
}

MotoConsentInput valid_input() {
  return {.locale = "en-GB",
          .terms = acme(),
          .customer = "cus_Q1w2E3r4",
          .agent = "Dana (agent 17)",
          .channel = "telephone",
          .agreed = true,
          .offer_at_future_checkouts = false,
          .accepted_at_ms = 1'764'931'200'123};
}

TEST(MotoTerms, Locales) {
  EXPECT_EQ(moto_terms_locales(), (std::vector<std::string>{"en", "fr"}));
}

TEST(MotoTerms, EnglishCoversWhatTheGuideRequires) {
  const MotoTerms t = moto_terms("en-US", acme());
  SCOPED_TRACE(t.text);
  EXPECT_EQ(t.locale, "en");
  EXPECT_EQ(t.version, "moto-2026-12-en");
  // Charges on the customer's behalf, without them present.
  EXPECT_TRUE(contains(t.text, "authorize Acme Supplies to keep the card"));
  EXPECT_TRUE(contains(t.text, "on your behalf, without you being present"));
  // Timing and frequency; how amounts are set; cancellation.
  EXPECT_TRUE(contains(t.text, "When and how often you are charged: on the 1st of each month."));
  EXPECT_TRUE(
      contains(t.text, "How each amount is set: the price of each order, shipping included."));
  EXPECT_TRUE(contains(t.text, "To cancel: calling 0800 123 456."));
  EXPECT_TRUE(contains(t.text, "does not undo charges already made"));
  EXPECT_TRUE(contains(t.text, "written copy"));
  EXPECT_FALSE(contains(t.text, "{"));
}

TEST(MotoTerms, FrenchTranslation) {
  const MotoTerms t = moto_terms("fr-CA", {.merchant_name = "Épicerie Lumière",
                                           .schedule = "le 1er de chaque mois",
                                           .amounts = "le prix de chaque commande",
                                           .cancellation = "appeler le 0800 123 456"});
  SCOPED_TRACE(t.text);
  EXPECT_EQ(t.locale, "fr");
  EXPECT_EQ(t.version, "moto-2026-12-fr");
  EXPECT_TRUE(contains(t.text, "Vous autorisez Épicerie Lumière à conserver la carte"));
  EXPECT_TRUE(contains(t.text, "sans votre présence"));
  EXPECT_TRUE(contains(t.text, "Date et fréquence des débits\u00a0: le 1er de chaque mois."));
  EXPECT_TRUE(contains(t.text, "Montant de chaque débit\u00a0: le prix de chaque commande."));
  EXPECT_TRUE(contains(t.text, "Pour l’annuler\u00a0: appeler le 0800 123 456."));
  EXPECT_TRUE(contains(t.text, "n’annule pas les débits déjà effectués"));
  EXPECT_FALSE(contains(t.text, "{"));
}

TEST(MotoTerms, NeutralWordingWhenTheMerchantSaysNothing) {
  for (const char* locale : {"en", "fr"}) {
    const MotoTerms t = moto_terms(locale, {});
    SCOPED_TRACE(t.text);
    EXPECT_FALSE(contains(t.text, "{"));
    EXPECT_FALSE(contains(t.text, ": ."));
    EXPECT_FALSE(contains(t.text, "  "));
  }
  const std::string en = moto_terms("en", {}).text;
  EXPECT_TRUE(contains(en, "You authorize us to keep the card"));
  EXPECT_TRUE(contains(en, "You are charged when you place an order"));
  EXPECT_TRUE(contains(en, "Each charge is the amount of the order or payment you agreed to."));
  EXPECT_TRUE(contains(en, "by contacting us."));
  // A name but no way to cancel: contact the merchant by name.
  EXPECT_TRUE(contains(moto_terms("en", {.merchant_name = "Acme"}).text,
                       "at any time by contacting Acme."));
  EXPECT_TRUE(contains(moto_terms("fr", {.merchant_name = "Acme"}).text, "en contactant Acme."));
}

TEST(MotoTerms, PartsAreCleanedAndEndOnce) {
  const MotoTerms t = moto_terms("en", {.merchant_name = "Ac\u202Eme\n Co",
                                        .schedule = "monthly.",
                                        .amounts = "  fixed\tat\x01 $10 . ",
                                        .cancellation = "\xff"});
  SCOPED_TRACE(t.text);
  EXPECT_TRUE(contains(t.text, "authorize Acme Co to keep"));
  EXPECT_TRUE(contains(t.text, "charged: monthly. "));
  EXPECT_TRUE(contains(t.text, "set: fixed at $10. "));
  EXPECT_TRUE(contains(t.text, "To cancel: \uFFFD."));
}

TEST(MotoTerms, UnknownLocalesFallBackToEnglish) {
  for (const char* locale : {"", "de-DE", "auto", "\xff", "fr-"}) {
    const MotoTerms t = moto_terms(locale, acme());
    EXPECT_EQ(t.locale, std::string(locale) == "fr-" ? "fr" : "en") << locale;
  }
}

TEST(MotoConsent, RecordsWhatWasReadAndWhoAgreed) {
  auto record = record_moto_consent(valid_input());
  ASSERT_TRUE(record.ok()) << record.error().message;
  const MotoConsentRecord& r = record.value();
  EXPECT_EQ(r.terms_version, "moto-2026-12-en");
  EXPECT_EQ(r.locale, "en");
  EXPECT_EQ(r.text, moto_terms("en-GB", acme()).text);
  EXPECT_EQ(r.customer, "cus_Q1w2E3r4");
  EXPECT_EQ(r.agent, "Dana (agent 17)");
  EXPECT_EQ(r.channel, MotoChannel::telephone);
  EXPECT_EQ(r.allow_redisplay, AllowRedisplay::limited);
  EXPECT_EQ(r.accepted_at, 1'764'931'200);

  MotoConsentInput mail = valid_input();
  mail.channel = "mail";
  mail.offer_at_future_checkouts = true;
  mail.locale = "fr";
  auto second = record_moto_consent(mail);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second.value().channel, MotoChannel::mail);
  EXPECT_EQ(second.value().allow_redisplay, AllowRedisplay::always);
  EXPECT_EQ(second.value().terms_version, "moto-2026-12-fr");
}

TEST(MotoConsent, RefusesARecordWithoutAgreementOrWithBadFields) {
  struct Case {
    const char* name;
    void (*spoil)(MotoConsentInput&);
    const char* code;
    const char* param;
  };
  const Case cases[] = {
      {"not agreed", [](MotoConsentInput& i) { i.agreed = false; }, "consent_not_collected",
       "agreed"},
      {"no customer", [](MotoConsentInput& i) { i.customer = ""; }, "invalid_customer", "customer"},
      {"not a customer id", [](MotoConsentInput& i) { i.customer = "pm_123"; }, "invalid_customer",
       "customer"},
      {"bare prefix", [](MotoConsentInput& i) { i.customer = "cus_"; }, "invalid_customer",
       "customer"},
      {"id with a slash", [](MotoConsentInput& i) { i.customer = "cus_1/../x"; },
       "invalid_customer", "customer"},
      {"id too long", [](MotoConsentInput& i) { i.customer = "cus_" + std::string(252, 'a'); },
       "invalid_customer", "customer"},
      {"no agent", [](MotoConsentInput& i) { i.agent = " \n\t"; }, "invalid_agent", "agent"},
      {"agent too long", [](MotoConsentInput& i) { i.agent = std::string(101, 'a'); },
       "invalid_agent", "agent"},
      {"unknown channel", [](MotoConsentInput& i) { i.channel = "email"; }, "invalid_channel",
       "channel"},
      {"channel case", [](MotoConsentInput& i) { i.channel = "Telephone"; }, "invalid_channel",
       "channel"},
      {"no time", [](MotoConsentInput& i) { i.accepted_at_ms = 0; }, "invalid_time",
       "accepted_at_ms"},
      {"time before the epoch", [](MotoConsentInput& i) { i.accepted_at_ms = -5; }, "invalid_time",
       "accepted_at_ms"},
  };
  for (const Case& c : cases) {
    MotoConsentInput input = valid_input();
    c.spoil(input);
    auto record = record_moto_consent(input);
    ASSERT_FALSE(record.ok()) << c.name;
    EXPECT_TRUE(record.error().is_integration_error()) << c.name;
    EXPECT_EQ(record.error().code, c.code) << c.name;
    EXPECT_EQ(record.error().param, c.param) << c.name;
  }
  // 100 characters of three bytes each is still 100 characters.
  MotoConsentInput wide = valid_input();
  wide.agent.clear();
  for (int i = 0; i < 100; ++i) {
    wide.agent += "€";
  }
  EXPECT_TRUE(record_moto_consent(wide).ok());
}

TEST(MotoConsent, MetadataFitsStripesLimits) {
  MotoConsentInput input = valid_input();
  input.agent = std::string(100, 'x');
  input.offer_at_future_checkouts = true;
  auto record = record_moto_consent(input);
  ASSERT_TRUE(record.ok());
  const auto metadata = moto_consent_metadata(record.value());
  std::map<std::string, std::string> by_key(metadata.begin(), metadata.end());
  EXPECT_EQ(by_key.size(), metadata.size());
  EXPECT_EQ(by_key["consent_terms_version"], "moto-2026-12-en");
  EXPECT_EQ(by_key["consent_locale"], "en");
  EXPECT_EQ(by_key["consent_channel"], "telephone");
  EXPECT_EQ(by_key["consent_agent"], std::string(100, 'x'));
  EXPECT_EQ(by_key["consent_accepted_at"], "1764931200");
  EXPECT_EQ(by_key["consent_allow_redisplay"], "always");
  for (const auto& [key, value] : metadata) {
    EXPECT_LE(key.size(), 40u) << key;
    EXPECT_LE(value.size(), 500u) << key;
  }
}

}  // namespace
}  // namespace setupflow
