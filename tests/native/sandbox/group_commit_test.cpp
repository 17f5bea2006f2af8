// Group commit under concurrency: requests from many threads share
// transactions, yet every answered change is in the database file once
// handle() returns, and a request that fails undoes only its own writes.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "harness.hpp"

namespace setupflow::sandbox::testing {
namespace {

constexpr const char* kSk = "sk_test_setupflowsandbox";
constexpr const char* kConfirmBody =
    "payment_method_data[type]=cashapp&return_url=https%3A%2F%2Fshop.example%2Fdone"
    "&mandate_data[customer_acceptance][type]=online"
    "&mandate_data[customer_acceptance][online][infer_from_client]=true";

// FakeEnv is called only under the sandbox's mutex; this one is thread-safe
// anyway so the test does not depend on that.
class LockedEnv : public FakeEnv {
 public:
  std::string random_alnum(size_t n) override {
    std::lock_guard<std::mutex> lock(mutex_);
    return FakeEnv::random_alnum(n);
  }

 private:
  std::mutex mutex_;
};

Response call(Sandbox& sb, const std::string& method, const std::string& path, const std::string& body,
              const std::string& idempotency_key = "") {
  Request req;
  req.method = method;
  req.path = path;
  req.body = body;
  req.remote_ip = "127.0.0.1";
  req.headers.emplace("authorization", std::string("Bearer ") + kSk);
  req.headers.emplace("content-type", "application/x-www-form-urlencoded");
  if (!idempotency_key.empty()) req.headers.emplace("idempotency-key", idempotency_key);
  return sb.handle(req);
}

class GroupCommit : public ::testing::Test {
 protected:
  GroupCommit() {
    dir_ = std::filesystem::temp_directory_path() /
           ("setupflow-group-commit-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = (dir_ / "sandbox.db").string();
  }
  ~GroupCommit() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path dir_;
  std::string db_;
};

TEST_F(GroupCommit, EveryAnsweredConfirmIsInTheFileWithItsEventAndIdempotencyRecord) {
  constexpr int kThreads = 8, kPerThread = 20;
  std::vector<std::string> intents;
  std::vector<std::vector<std::string>> answered(kThreads);
  {
    SqliteStore store(db_);
    LockedEnv env;
    Sandbox sb(Config{}, store, env);
    for (int i = 0; i < kThreads; ++i) {
      auto si = json::parse(call(sb, "POST", "/v1/setup_intents", "payment_method_types[]=cashapp").body);
      intents.push_back(si["id"]);
    }
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kPerThread; ++i) {
          // Every thread confirms its own intent again and again, and also
          // retrieves another thread's, so reads meet uncommitted groups.
          Response r = call(sb, "POST", "/v1/setup_intents/" + intents[t] + "/confirm", kConfirmBody,
                            "key-" + std::to_string(t) + "-" + std::to_string(i));
          if (r.status == 200) answered[t].push_back(r.body);
          call(sb, "GET", "/v1/setup_intents/" + intents[(t + 1) % kThreads], "");
        }
      });
    }
    for (auto& th : threads) th.join();
  }  // store closed: from here on only what reached the file counts

  SqliteStore reopened(db_);
  LockedEnv env;
  Sandbox sb(Config{}, reopened, env);
  int confirms = 0;
  for (int t = 0; t < kThreads; ++t) {
    ASSERT_EQ(answered[t].size(), size_t(kPerThread)) << "thread " << t;
    confirms += int(answered[t].size());
    // The last answer is the intent's state in the file.
    auto stored = reopened.get(intents[t]);
    ASSERT_TRUE(stored.has_value());
    EXPECT_EQ((*stored)["status"], "requires_action");
    auto last = json::parse(answered[t].back());
    EXPECT_EQ((*stored)["next_action"], last["next_action"]) << "thread " << t;
    // Each answered confirm replays exactly from its stored idempotency record.
    for (int i = 0; i < kPerThread; ++i) {
      Response replay = call(sb, "POST", "/v1/setup_intents/" + intents[t] + "/confirm", kConfirmBody,
                             "key-" + std::to_string(t) + "-" + std::to_string(i));
      EXPECT_EQ(replay.header("Idempotent-Replayed"), "true");
      EXPECT_EQ(replay.body, answered[t][size_t(i)]);
    }
  }
  EXPECT_EQ(reopened.list("event", std::nullopt, 100000).size(),
            size_t(kThreads) /* created */ + size_t(confirms) /* requires_action */);
}

TEST_F(GroupCommit, AFailedRequestUndoesOnlyItsOwnWritesWhileOthersCommit) {
  constexpr int kThreads = 6, kPerThread = 15;
  std::atomic<int> ok{0}, failed{0};
  {
    SqliteStore store(db_);
    LockedEnv env;
    Sandbox sb(Config{}, store, env);
    std::vector<std::string> intents;
    for (int i = 0; i < kThreads; ++i)
      intents.push_back(json::parse(call(sb, "POST", "/v1/setup_intents", "payment_method_types[]=cashapp").body)["id"]);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kPerThread; ++i) {
          // Odd threads leave out return_url: the confirm creates its payment
          // method, then fails with a 400, which must take the payment
          // method with it and nothing of the others'.
          std::string body = t % 2 ? "payment_method_data[type]=cashapp" : kConfirmBody;
          Response r = call(sb, "POST", "/v1/setup_intents/" + intents[t] + "/confirm", body);
          (r.status == 200 ? ok : failed)++;
        }
      });
    }
    for (auto& th : threads) th.join();
  }
  EXPECT_EQ(ok.load(), (kThreads / 2) * kPerThread);
  EXPECT_EQ(failed.load(), (kThreads / 2) * kPerThread);
  SqliteStore reopened(db_);
  EXPECT_EQ(reopened.list("payment_method", std::nullopt, 100000).size(), size_t(ok.load()));
  EXPECT_EQ(reopened.list("cashapp_token", std::nullopt, 100000).size(), size_t(ok.load()));
}

}  // namespace
}  // namespace setupflow::sandbox::testing
