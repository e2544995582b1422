// Counts malloc/realloc/posix_memalign/aligned_alloc calls for a process it is preloaded into, and exports the
// count as `byline_malloc_calls()`; MiddlewareCostTests prints allocations per request when it finds it:
//   clang -shared -fPIC -O2 -o /tmp/libmalloccount.so bench/malloc-count.c -ldl
//   LD_PRELOAD=/tmp/libmalloccount.so swift test --skip-build --filter MiddlewareCostTests
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>
#include <stdatomic.h>
static atomic_long calls;
static void *(*real_malloc)(size_t);
static void *(*real_realloc)(void *, size_t);
static int (*real_posix_memalign)(void **, size_t, size_t);
static void *(*real_aligned_alloc)(size_t, size_t);
long byline_malloc_calls(void) { return atomic_load(&calls); }
void *malloc(size_t n) { if (!real_malloc) real_malloc = dlsym(RTLD_NEXT, "malloc"); atomic_fetch_add(&calls, 1); return real_malloc(n); }
void *realloc(void *p, size_t n) { if (!real_realloc) real_realloc = dlsym(RTLD_NEXT, "realloc"); atomic_fetch_add(&calls, 1); return real_realloc(p, n); }
int posix_memalign(void **p, size_t a, size_t n) { if (!real_posix_memalign) real_posix_memalign = dlsym(RTLD_NEXT, "posix_memalign"); atomic_fetch_add(&calls, 1); return real_posix_memalign(p, a, n); }
void *aligned_alloc(size_t a, size_t n) { if (!real_aligned_alloc) real_aligned_alloc = dlsym(RTLD_NEXT, "aligned_alloc"); atomic_fetch_add(&calls, 1); return real_aligned_alloc(a, n); }
