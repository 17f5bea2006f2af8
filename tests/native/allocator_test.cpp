// The wasm module's allocator (wasm/runtime/malloc.c): what the core and embind rely
// on from malloc/free/calloc/realloc. Runs in the wasm build of this suite,
// where wasm/runtime/malloc.c is the allocator; natively the C library's allocator is
// not ours to test, so these skip there.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <set>
#include <string>
#include <vector>

namespace {

#ifdef __EMSCRIPTEN__
#define SKIP_UNLESS_WASM()
#else
#define SKIP_UNLESS_WASM() GTEST_SKIP() << "wasm/runtime/malloc.c is the allocator only in the wasm build"
#endif

bool aligned16(const void* p) { return reinterpret_cast<uintptr_t>(p) % 16 == 0; }

TEST(Allocator, BlocksAreAlignedDistinctAndKeepTheirContents) {
  SKIP_UNLESS_WASM();
  std::vector<unsigned char*> blocks;
  for (size_t n : {0u, 1u, 15u, 16u, 17u, 100u, 1000u, 4096u, 65536u, 300000u}) {
    auto* p = static_cast<unsigned char*>(std::malloc(n));
    ASSERT_NE(p, nullptr) << n;
    EXPECT_TRUE(aligned16(p)) << n;
    std::memset(p, static_cast<int>(n & 0xff), n);
    blocks.push_back(p);
  }
  // No two live blocks overlap: each still holds what was written.
  size_t i = 0;
  for (size_t n : {0u, 1u, 15u, 16u, 17u, 100u, 1000u, 4096u, 65536u, 300000u}) {
    for (size_t j = 0; j < n; ++j) ASSERT_EQ(blocks[i][j], n & 0xff) << n;
    std::free(blocks[i++]);
  }
}

TEST(Allocator, AFreedBlockIsReusedForTheSameSize) {
  SKIP_UNLESS_WASM();
  void* a = std::malloc(200);
  std::free(a);
  void* b = std::malloc(200);
  EXPECT_EQ(a, b);
  // A size in the same power-of-two class reuses it too.
  std::free(b);
  void* c = std::malloc(220);
  EXPECT_EQ(a, c);
  std::free(c);
}

TEST(Allocator, RepeatedFlowsDoNotGrowTheHeap) {
  SKIP_UNLESS_WASM();
  auto churn = [] {
    std::vector<std::string> strings;
    for (int i = 0; i < 200; ++i) strings.emplace_back(static_cast<size_t>(i * 37 % 3000), 'x');
  };
  churn();
  // A block of a class nothing else uses comes from the heap's end; so does a
  // second one while the first is held. Adjacent means the rounds between them
  // took nothing from the heap's end: they ran on the free lists.
  auto* first = static_cast<char*>(std::malloc(3 << 20));  // a 4 MiB block
  for (int round = 0; round < 50; ++round) churn();
  auto* second = static_cast<char*>(std::malloc(3 << 20));
  EXPECT_EQ(second, first + (4 << 20));
  std::free(first);
  std::free(second);
}

TEST(Allocator, CallocZeroesAndRefusesOverflow) {
  SKIP_UNLESS_WASM();
  auto* p = static_cast<unsigned char*>(std::malloc(512));
  std::memset(p, 0xAB, 512);
  std::free(p);
  auto* z = static_cast<unsigned char*>(std::calloc(128, 4));  // reuses the dirty block
  ASSERT_NE(z, nullptr);
  for (int i = 0; i < 512; ++i) ASSERT_EQ(z[i], 0) << i;
  std::free(z);
  EXPECT_EQ(std::calloc(SIZE_MAX / 2, 4), nullptr);
}

TEST(Allocator, ReallocKeepsContentsAndStaysInPlaceWithinTheBlock) {
  SKIP_UNLESS_WASM();
  auto* p = static_cast<char*>(std::realloc(nullptr, 10));
  std::memcpy(p, "0123456789", 10);
  EXPECT_EQ(std::realloc(p, 16), p);  // a 10-byte request gets a 32-byte block: 16 after the header
  auto* q = static_cast<char*>(std::realloc(p, 5000));
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(std::string(q, 10), "0123456789");
  std::free(q);
}

TEST(Allocator, ImpossibleRequestsFailWithNull) {
  SKIP_UNLESS_WASM();
  EXPECT_EQ(std::malloc(SIZE_MAX), nullptr);
  EXPECT_EQ(std::malloc(SIZE_MAX - 8), nullptr);
  EXPECT_EQ(std::malloc((size_t{1} << 30) + 1), nullptr);
  void* p = std::malloc(8);
  EXPECT_EQ(std::realloc(p, SIZE_MAX), nullptr);  // and p is still valid
  std::free(p);
}

TEST(Allocator, AlignedBlocksAreAlignedAndFreeable) {
  SKIP_UNLESS_WASM();
  for (size_t alignment : {8u, 16u, 32u, 64u, 4096u}) {
    void* p = nullptr;
    ASSERT_EQ(posix_memalign(&p, alignment, 100), 0) << alignment;
    EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % alignment, 0u) << alignment;
    std::memset(p, 0x5A, 100);
    auto* q = static_cast<unsigned char*>(std::realloc(p, 10000));  // through the forwarding header
    ASSERT_NE(q, nullptr);
    for (int i = 0; i < 100; ++i) ASSERT_EQ(q[i], 0x5A) << alignment;
    std::free(q);
    void* r = std::aligned_alloc(alignment, 64);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(r) % alignment, 0u) << alignment;
    std::free(r);
  }
  void* p = nullptr;
  EXPECT_NE(posix_memalign(&p, 24, 8), 0);  // not a power of two
}

}  // namespace
