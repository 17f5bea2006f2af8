// RequestDriver alone: ids, stale answers, retries and their back-off, the
// poll cadence, visibility, the deadline and stop. No flow, no intents: the
// driver must serve any flow unchanged.
#include "setupflow/request_driver.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace setupflow {
namespace {

SendRequest post(std::string key = "idem-1") {
  SendRequest r;
  r.method = "POST";
  r.url = "https://api.example.test/v1/things/t_1/act";
  r.headers = {{"Idempotency-Key", key}};
  r.body = "a=1";
  r.idempotency_key = key;
  return r;
}

SendRequest get() {
  SendRequest r;
  r.method = "GET";
  r.url = "https://api.example.test/v1/things/t_1";
  return r;
}

template <class T>
std::vector<T> only(const Effects& effects) {
  std::vector<T> out;
  for (const Effect& e : effects) {
    if (const T* t = std::get_if<T>(&e)) out.push_back(*t);
  }
  return out;
}

// The delay of the single ScheduleWake in `effects`.
int64_t wake_delay(const Effects& effects) {
  const std::vector<ScheduleWake> wakes = only<ScheduleWake>(effects);
  EXPECT_EQ(wakes.size(), 1u);
  return wakes.empty() ? -1 : wakes[0].delay_ms;
}

uint32_t wake_id(const Effects& effects) {
  const std::vector<ScheduleWake> wakes = only<ScheduleWake>(effects);
  return wakes.empty() ? 0 : wakes.back().timer_id;
}

TEST(RequestDriver, SendsTheStepUnderFreshIdsAndTakesOnlyTheAnswerInFlight) {
  RequestDriver d;
  Effects out;
  d.send_step(post(), out);
  ASSERT_EQ(out.size(), 1u);
  const SendRequest first = std::get<SendRequest>(out[0]);
  EXPECT_EQ(first.request_id, 1u);
  EXPECT_FALSE(d.accept(0));
  EXPECT_FALSE(d.accept(2));
  EXPECT_TRUE(d.awaits(1));
  EXPECT_TRUE(d.accept(1));
  EXPECT_FALSE(d.accept(1)) << "an answer is taken once";

  out.clear();
  ASSERT_TRUE(d.back_off(out));
  ASSERT_EQ(d.on_timer(wake_id(out), 0), RequestDriver::Wake::resend);
  out.clear();
  d.resend(out);
  const SendRequest again = std::get<SendRequest>(out.at(0));
  EXPECT_EQ(again.request_id, 2u);
  EXPECT_FALSE(d.accept(1)) << "the first try's late answer is stale";
  // Unchanged, so the user action's one Idempotency-Key goes with every try.
  EXPECT_EQ(again.idempotency_key, "idem-1");
  EXPECT_EQ(again.headers, first.headers);
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(again.url, first.url);
}

TEST(RequestDriver, RetriesWithDoublingBackoffThenGivesUp) {
  RequestDriver d;
  Effects out;
  d.send_step(post(), out);
  std::vector<int64_t> delays;
  for (int i = 0; i < 4; ++i) {
    ASSERT_TRUE(d.accept(std::get<SendRequest>(out.back()).request_id));
    out.clear();
    ASSERT_TRUE(d.back_off(out)) << "retry " << i + 1;
    delays.push_back(wake_delay(out));
    const uint32_t timer = wake_id(out);
    out.clear();
    ASSERT_EQ(d.on_timer(timer, 0), RequestDriver::Wake::resend);
    d.resend(out);
  }
  EXPECT_EQ(delays, (std::vector<int64_t>{500, 1000, 2000, 4000}));
  ASSERT_TRUE(d.accept(std::get<SendRequest>(out.back()).request_id));
  out.clear();
  EXPECT_FALSE(d.back_off(out)) << "the fifth failure spends the budget";
  EXPECT_TRUE(out.empty());
}

TEST(RequestDriver, BackoffIsCappedAndASuccessRestartsTheCount) {
  RequestDriver d(RetryPolicy{10, 500, 3000}, PollPolicy{});
  Effects out;
  d.send_step(get(), out);
  std::vector<int64_t> delays;
  for (int i = 0; i < 5; ++i) {
    out.clear();
    ASSERT_TRUE(d.back_off(out));
    delays.push_back(wake_delay(out));
  }
  EXPECT_EQ(delays, (std::vector<int64_t>{500, 1000, 2000, 3000, 3000}));
  d.succeeded();
  out.clear();
  ASSERT_TRUE(d.back_off(out));
  EXPECT_EQ(wake_delay(out), 500);
}

TEST(RequestDriver, PollsAtTheVisibleOrHiddenCadenceCappedByTheFlow) {
  RequestDriver d;
  Effects out;
  d.poll_step(get());
  EXPECT_TRUE(d.polling());
  EXPECT_TRUE(out.empty());
  d.schedule_poll(out);
  EXPECT_EQ(wake_delay(out), 1000);
  out.clear();
  d.schedule_poll(out, 300);
  EXPECT_EQ(wake_delay(out), 300);
  out.clear();
  d.schedule_poll(out, 5000);
  EXPECT_EQ(wake_delay(out), 1000) << "a later cap does not slow polling";
  EXPECT_FALSE(d.on_visibility(false));
  out.clear();
  d.schedule_poll(out);
  EXPECT_EQ(wake_delay(out), 10000);
}

TEST(RequestDriver, PollFailuresBackOffAtLeastTheCadenceAndEndAtTheLimit) {
  RequestDriver d;
  Effects out;
  d.poll_step(get());
  d.poll_now(out);
  std::vector<int64_t> delays;
  for (int i = 1; i < 5; ++i) {
    ASSERT_TRUE(d.accept(std::get<SendRequest>(out.back()).request_id));
    out.clear();
    ASSERT_TRUE(d.back_off(out)) << "failure " << i;
    delays.push_back(wake_delay(out));
    const uint32_t timer = wake_id(out);
    out.clear();
    ASSERT_EQ(d.on_timer(timer, 0), RequestDriver::Wake::resend);
    d.resend(out);
  }
  EXPECT_EQ(delays, (std::vector<int64_t>{1000, 1000, 2000, 4000}));
  ASSERT_TRUE(d.accept(std::get<SendRequest>(out.back()).request_id));
  out.clear();
  EXPECT_FALSE(d.back_off(out)) << "five consecutive failed polls end the flow";
}

TEST(RequestDriver, BackInViewPollsAtOnceOnlyWhenARegularPollWaits) {
  RequestDriver d;
  Effects out;
  d.poll_step(get());
  EXPECT_FALSE(d.on_visibility(false));
  d.schedule_poll(out);
  const uint32_t poll_timer = wake_id(out);
  EXPECT_FALSE(d.on_visibility(false)) << "no change";
  ASSERT_TRUE(d.on_visibility(true));
  out.clear();
  d.poll_now(out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(std::get<CancelTimer>(out[0]).timer_id, poll_timer);
  EXPECT_EQ(std::get<SendRequest>(out[1]).method, "GET");
  EXPECT_EQ(d.on_timer(poll_timer, 0), RequestDriver::Wake::none) << "cancelled";

  // A failure back-off is not brought forward.
  ASSERT_TRUE(d.accept(std::get<SendRequest>(out[1]).request_id));
  out.clear();
  ASSERT_TRUE(d.back_off(out));
  EXPECT_FALSE(d.on_visibility(false));
  EXPECT_FALSE(d.on_visibility(true));
}

TEST(RequestDriver, TheDeadlineHasItsTimerAndIsCheckedByClockToo) {
  RequestDriver d;
  Effects out;
  EXPECT_FALSE(d.past_deadline(1'000'000));
  d.start_deadline(1000, 600000, out);
  ASSERT_EQ(out.size(), 1u);
  const ScheduleWake w = std::get<ScheduleWake>(out[0]);
  EXPECT_EQ(w.delay_ms, 600000);
  EXPECT_FALSE(d.past_deadline(600999));
  EXPECT_TRUE(d.past_deadline(601000));
  // A timer that fires early (by the shell's clock) still means the limit.
  EXPECT_EQ(d.on_timer(w.timer_id, 5000), RequestDriver::Wake::deadline);
  EXPECT_TRUE(d.past_deadline(5000));
  EXPECT_EQ(d.on_timer(w.timer_id, 5000), RequestDriver::Wake::none) << "fires once";
}

TEST(RequestDriver, TheDeadlineSaturatesInsteadOfOverflowing) {
  RequestDriver d;
  Effects out;
  d.start_deadline(INT64_MAX - 10, 600000, out);
  EXPECT_FALSE(d.past_deadline(INT64_MAX - 1));
  EXPECT_TRUE(d.past_deadline(INT64_MAX));
}

TEST(RequestDriver, StopCancelsEveryTimerAndForgetsTheRequest) {
  RequestDriver d;
  Effects out;
  d.poll_step(get());
  d.start_deadline(0, 600000, out);
  const uint32_t deadline = wake_id(out);
  out.clear();
  d.poll_now(out);
  const uint32_t request = std::get<SendRequest>(out.back()).request_id;
  out.clear();
  d.schedule_poll(out);
  const uint32_t poll = wake_id(out);
  out.clear();
  d.stop(out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(std::get<CancelTimer>(out[0]).timer_id, poll);
  EXPECT_EQ(std::get<CancelTimer>(out[1]).timer_id, deadline);
  EXPECT_FALSE(d.accept(request));
  EXPECT_EQ(d.on_timer(poll, 0), RequestDriver::Wake::none);
  EXPECT_EQ(d.on_timer(deadline, 0), RequestDriver::Wake::none);
  EXPECT_EQ(d.on_timer(0, 0), RequestDriver::Wake::none);
}

TEST(RequestDriver, ANewWakeReplacesAPendingOne) {
  RequestDriver d;
  Effects out;
  d.poll_step(get());
  d.schedule_poll(out);
  const uint32_t first = wake_id(out);
  out.clear();
  ASSERT_TRUE(d.back_off(out));
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(std::get<CancelTimer>(out[0]).timer_id, first);
  EXPECT_EQ(d.on_timer(first, 0), RequestDriver::Wake::none);
}

TEST(RequestDriver, ResendWaitsForTheRequestInFlight) {
  RequestDriver d;
  Effects out;
  d.send_step(get(), out);
  out.clear();
  d.resend(out);
  EXPECT_TRUE(out.empty()) << "one request in flight at a time";
}

}  // namespace
}  // namespace setupflow
