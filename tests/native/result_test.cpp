// Result<T> is a hand-made tagged union (result.hpp): these check that copies,
// moves and assignments between the value and error states keep the right
// alternative and contents (the ASan build also checks the lifetimes).
#include "setupflow/result.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <type_traits>
#include <utility>

namespace setupflow {
namespace {

static_assert(std::is_copy_constructible_v<Result<std::string>>);
static_assert(!std::is_copy_constructible_v<Result<std::unique_ptr<int>>>);
static_assert(!std::is_copy_assignable_v<Result<std::unique_ptr<int>>>);
static_assert(std::is_nothrow_move_constructible_v<Result<std::string>>);

Error failure(std::string message) { return api_error("code", std::move(message)); }

TEST(Result, CopiesAndMovesKeepTheAlternative) {
  const Result<std::string> value(std::string(40, 'v'));  // long enough to allocate
  const Result<std::string> error(failure("broken"));

  Result<std::string> value_copy = value;
  ASSERT_TRUE(value_copy.ok());
  EXPECT_EQ(*value_copy, std::string(40, 'v'));
  Result<std::string> error_copy = error;
  ASSERT_FALSE(error_copy.ok());
  EXPECT_EQ(error_copy.error().message, "broken");

  Result<std::string> moved = std::move(value_copy);
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(moved.value(), std::string(40, 'v'));
  EXPECT_EQ(std::move(moved).value(), std::string(40, 'v'));
}

TEST(Result, AssignmentSwitchesBetweenValueAndError) {
  Result<std::string> r(std::string(40, 'a'));
  r = Result<std::string>(failure("first"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "first");

  const Result<std::string> other(std::string(40, 'b'));
  r = other;
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, std::string(40, 'b'));

  r = Result<std::string>(std::string(40, 'c'));
  EXPECT_EQ(*r, std::string(40, 'c'));

  const Result<std::string>& same = r;
  r = same;  // self-assignment keeps the value
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, std::string(40, 'c'));
}

TEST(Result, HoldsMoveOnlyValues) {
  Result<std::unique_ptr<int>> r(std::make_unique<int>(7));
  Result<std::unique_ptr<int>> moved = std::move(r);
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(**moved, 7);
  moved = Result<std::unique_ptr<int>>(failure("gone"));
  ASSERT_FALSE(moved.ok());
  EXPECT_EQ(moved.error().message, "gone");
  EXPECT_TRUE(Status(ok_status()).ok());
}

}  // namespace
}  // namespace setupflow
