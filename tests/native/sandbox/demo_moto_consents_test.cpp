// The hosted demo's consent records for phone orders: one per start (a
// retried start replaces its own), linked to the SetupIntent the start made,
// the full text kept, and kept across a restart on the same database.
#include "demo_moto_consents.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>

namespace setupflow::sandbox::testing {
namespace {

using json = nlohmann::json;

json record(const std::string& customer, const std::string& text) {
  return {{"terms_version", "moto-2026-12-en"}, {"locale", "en"},         {"text", text},
          {"customer", customer},               {"agent", "Demo agent"},  {"channel", "telephone"},
          {"allow_redisplay", "limited"},       {"accepted_at", 1767225600}};
}

TEST(DemoConsentStoreTest, ARecordIsFoundByTheSetupIntentItsStartMade) {
  DemoConsentStore store(":memory:");
  EXPECT_FALSE(store.for_setup_intent("seti_1"));
  store.record("key-1", record("cus_1", "You authorize Rocket Rides…"), 100);
  EXPECT_FALSE(store.for_setup_intent("seti_1")) << "not linked yet";
  store.link("key-1", "seti_1");
  auto found = store.for_setup_intent("seti_1");
  ASSERT_TRUE(found);
  EXPECT_EQ((*found)["text"], "You authorize Rocket Rides…");
  EXPECT_EQ((*found)["customer"], "cus_1");
  EXPECT_EQ((*found)["accepted_at"], 1767225600);
  EXPECT_EQ((*found)["setup_intent"], "seti_1");
  EXPECT_FALSE(store.for_setup_intent("seti_2"));
}

TEST(DemoConsentStoreTest, ARetriedStartReplacesItsOwnRecordAndKeepsTheLink) {
  DemoConsentStore store(":memory:");
  store.record("key-1", record("cus_1", "first"), 100);
  store.link("key-1", "seti_1");
  store.record("key-1", record("cus_1", "retried"), 101);
  store.record("key-2", record("cus_2", "another start"), 102);
  store.link("key-2", "seti_2");
  EXPECT_EQ((*store.for_setup_intent("seti_1"))["text"], "retried");
  EXPECT_EQ((*store.for_setup_intent("seti_2"))["text"], "another start");
}

TEST(DemoConsentStoreTest, RecordsOutliveARestartOnTheSameDatabase) {
  const auto dir = std::filesystem::temp_directory_path() / ("setupflow-consents-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "demo.db").string();
  {
    DemoConsentStore store(path);
    store.record("key-1", record("cus_1", std::string(5000, 'x')), 100);
    store.link("key-1", "seti_1");
  }
  {
    DemoConsentStore reopened(path);
    auto found = reopened.for_setup_intent("seti_1");
    ASSERT_TRUE(found);
    EXPECT_EQ((*found)["text"].get<std::string>().size(), 5000u) << "the full text is kept";
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace setupflow::sandbox::testing
