// The wasm module's allocator: segregated free lists of power-of-two blocks.
//
// Why not Emscripten's emmalloc: the module allocates only short-lived
// strings and a few small structs per flow (a confirm flow's peak is a few
// KB; the largest block is a response string), so a general allocator's
// splitting, coalescing and bookkeeping buy nothing here, and emmalloc costs
// about 0.8 KB gzip of the payload budget. This one is a handful of
// instructions per call (measured: see the size log in wasm/CMakeLists.txt).
//
// Design: every block is 16 << k bytes (k = 0 … 26, up to 1 GiB) and starts
// with a 16-byte header holding its class, so the pointer handed out is
// 16-byte aligned (max_align_t on wasm32). A freed block goes on its class's
// list and is reused for the next request of that class; memory comes from
// the end of the heap, growing the wasm memory through Emscripten (which
// also renews the glue's views of it), and is never returned (wasm memory
// cannot shrink; emmalloc does not return it either). Rounding up to a power of two
// wastes at most half a block; memory held in one class's list is not
// reused for another class, which is bounded here because a flow's
// allocation sizes repeat from one poll to the next.
//
// Not thread-safe: the module is built without threads. Linked with
// -sMALLOC=none (wasm/CMakeLists.txt), so these are the only malloc and free;
// the core's GoogleTest suite runs on it too when compiled to wasm
// (tests/native/CMakeLists.txt), with tests/native/allocator_test.cpp. The
// aligned and C-library entry points at the end serve that build (GoogleTest
// and musl call them); the package's module links none of them.
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <emscripten/heap.h>

enum { kHeader = 16, kClasses = 27 };

// size_class of a header that only forwards to the block holding it (see
// aligned_block below).
#define kForward 0xFFFFFFFFu

typedef struct Block {
  uint32_t size_class;
  struct Block* next;  // while on a free list; for kForward, the holding block's pointer
} Block;

_Static_assert(sizeof(Block) <= kHeader, "the header fits in 16 bytes");

static Block* free_lists[kClasses];

// The heap's end: memory from here up belongs to no block yet. The linker's
// __heap_base is 16-byte aligned; every block is a multiple of 16 bytes.
extern unsigned char __heap_base;
static uintptr_t heap_end;

// `bytes` more at the heap's end, growing the memory if needed; NULL when
// the memory cannot grow (or the address space is exhausted).
static void* take(size_t bytes) {
  if (!heap_end) heap_end = ((uintptr_t)&__heap_base + 15) & ~(uintptr_t)15;
  const uintptr_t start = heap_end;
  const uintptr_t end = start + bytes;
  if (end < start) return NULL;
  if (end > (uintptr_t)__builtin_wasm_memory_size(0) * 65536 && !emscripten_resize_heap(end)) return NULL;
  heap_end = end;
  return (void*)start;
}

// The smallest class whose block holds n bytes after the header, or -1.
static int class_of(size_t n) {
  if (n > ((size_t)16 << (kClasses - 1)) - kHeader) return -1;
  const size_t total = n + kHeader;  // >= 16
  const int k = 32 - __builtin_clz((uint32_t)(total - 1)) - 4;
  return k < 0 ? 0 : k;
}

void* malloc(size_t n) {
  const int k = class_of(n);
  if (k < 0) return NULL;
  Block* b = free_lists[k];
  if (b) {
    free_lists[k] = b->next;
  } else {
    b = (Block*)take((size_t)16 << k);
    if (!b) return NULL;
    b->size_class = (uint32_t)k;
  }
  return (char*)b + kHeader;
}

void free(void* p) {
  if (!p) return;
  Block* b = (Block*)((char*)p - kHeader);
  if (b->size_class == kForward) {
    free(b->next);
    return;
  }
  b->next = free_lists[b->size_class];
  free_lists[b->size_class] = b;
}

void* calloc(size_t count, size_t size) {
  if (size && count > SIZE_MAX / size) return NULL;
  void* p = malloc(count * size);
  if (p) memset(p, 0, count * size);
  return p;
}

// The bytes usable at p, a pointer malloc or aligned_block returned.
static size_t capacity_of(void* p) {
  const Block* b = (const Block*)((char*)p - kHeader);
  if (b->size_class == kForward) return capacity_of(b->next) - (size_t)((char*)p - (char*)b->next);
  return ((size_t)16 << b->size_class) - kHeader;
}

void* realloc(void* p, size_t n) {
  if (!p) return malloc(n);
  const size_t capacity = capacity_of(p);
  if (n <= capacity) return p;
  void* q = malloc(n);
  if (q) {
    memcpy(q, p, capacity);
    free(p);
  }
  return q;
}

// Alignments above 16 (no code in the package asks for one; libc++'s aligned
// operator new can): a block with room to place an aligned pointer after a
// forwarding header, which free and realloc follow to the holding block.
static void* aligned_block(size_t alignment, size_t n) {
  if (alignment <= kHeader) return malloc(n);
  if (n > SIZE_MAX - alignment - kHeader) return NULL;
  char* holder = malloc(n + alignment + kHeader);
  if (!holder) return NULL;
  char* p = (char*)(((uintptr_t)holder + kHeader + alignment - 1) & ~(uintptr_t)(alignment - 1));
  Block* forward = (Block*)(p - kHeader);
  forward->size_class = kForward;
  forward->next = (Block*)holder;
  return p;
}

int posix_memalign(void** out, size_t alignment, size_t n) {
  if (alignment < sizeof(void*) || (alignment & (alignment - 1))) return 22;  // EINVAL
  void* p = aligned_block(alignment, n);
  if (!p) return 12;  // ENOMEM
  *out = p;
  return 0;
}

void* aligned_alloc(size_t alignment, size_t n) {
  if (!alignment || (alignment & (alignment - 1))) return NULL;
  return aligned_block(alignment, n);
}

void* memalign(size_t alignment, size_t n) __attribute__((alias("aligned_alloc")));

// The C library's own entry points to the allocator (musl calls these, e.g.
// in stdio; the package's module does not, the GoogleTest build does).
void* __libc_malloc(size_t n) __attribute__((alias("malloc")));
void __libc_free(void* p) __attribute__((alias("free")));
void* __libc_calloc(size_t count, size_t size) __attribute__((alias("calloc")));
void* __libc_realloc(void* p, size_t n) __attribute__((alias("realloc")));
void* emscripten_builtin_malloc(size_t n) __attribute__((alias("malloc")));
void emscripten_builtin_free(void* p) __attribute__((alias("free")));
void* emscripten_builtin_memalign(size_t alignment, size_t n) __attribute__((alias("aligned_alloc")));
