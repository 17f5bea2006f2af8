// MotoReaders: one GET with retries, finish retrieved with the body.
#include "setupflow/moto_readers.hpp"

#include <gtest/gtest.h>

namespace setupflow {
namespace {

struct ReadersRun {
  MotoReaders flow = MotoReaders::create({"https://shop.example/moto/", false}).value();
  std::optional<SendRequest> sent;
  std::optional<ScheduleWake> wake;
  std::optional<Finish> finish;
  void take(const Effects& effects) {
    for (const Effect& e : effects) {
      if (auto* r = std::get_if<SendRequest>(&e)) sent = *r;
      if (auto* w = std::get_if<ScheduleWake>(&e)) wake = *w;
      if (auto* f = std::get_if<Finish>(&e)) finish = *f;
    }
  }
  void respond(int status, std::optional<Error> error = std::nullopt) {
    std::optional<MotoReadersAnswer> answer;
    if (!error) answer.emplace();
    take(flow.on_response({sent->request_id, status, std::move(answer), std::move(error)}, 0));
  }
};

TEST(MotoReaders, GetsTheReadersAndFinishesRetrievedWithTheBody) {
  ReadersRun r;
  r.take(r.flow.start(0));
  ASSERT_TRUE(r.sent);
  EXPECT_EQ(r.sent->method, "GET");
  EXPECT_EQ(r.sent->url, "https://shop.example/moto/readers");
  r.respond(200);
  ASSERT_TRUE(r.finish);
  EXPECT_EQ(r.finish->outcome, Outcome::retrieved);
  EXPECT_TRUE(r.finish->has_object());
  EXPECT_TRUE(r.flow.finished());
}

TEST(MotoReaders, RetriesA5xxThenTakesTheAnswer) {
  ReadersRun r;
  r.take(r.flow.start(0));
  const uint32_t first = r.sent->request_id;
  Error e = api_error("", "down");
  r.respond(503, e);
  ASSERT_TRUE(r.wake);
  EXPECT_FALSE(r.finish);
  r.take(r.flow.on_timer(r.wake->timer_id, 500));
  EXPECT_GT(r.sent->request_id, first);
  EXPECT_TRUE(r.flow.on_response({first, 200, MotoReadersAnswer{}, std::nullopt}, 0).empty())
      << "a stale answer is ignored";
  r.respond(200);
  EXPECT_EQ(r.finish->outcome, Outcome::retrieved);
}

TEST(MotoReaders, ARefusalOrAMalformedAnswerIsAnErrorWithoutObject) {
  ReadersRun r;
  r.take(r.flow.start(0));
  r.respond(200, api_error("invalid_response", "readers must be an array of readers"));
  ASSERT_TRUE(r.finish);
  EXPECT_EQ(r.finish->outcome, Outcome::error);
  EXPECT_FALSE(r.finish->has_object());
  ReadersRun u;
  u.take(u.flow.start(0));
  u.respond(401, invalid_request("not_signed_in", "Sign in."));
  EXPECT_EQ(u.finish->error->code, "not_signed_in");
}

TEST(MotoReaders, NetworkFailuresAfterRetriesAndCancel) {
  ReadersRun r;
  r.take(r.flow.start(0));
  for (int i = 0; i <= MotoSetup::kRetryPolicy.max_retries && !r.finish; ++i) {
    r.take(r.flow.on_network_failure(r.sent->request_id, 0));
    if (r.wake) r.take(r.flow.on_timer(r.wake->timer_id, 0));
  }
  ASSERT_TRUE(r.finish);
  EXPECT_EQ(r.finish->error->type, ErrorType::api_connection_error);
  ReadersRun c;
  c.take(c.flow.start(0));
  c.take(c.flow.on_cancel(0));
  EXPECT_EQ(c.finish->outcome, Outcome::canceled);
  EXPECT_EQ(MotoReaders::create({"ftp://x", false}).ok(), false);
}

}  // namespace
}  // namespace setupflow
