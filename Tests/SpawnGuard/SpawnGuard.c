// Keeps Foundation's Process.run from crashing the test process on Linux.
//
// Process.run lists /proc/self/fd to find the descriptors to close in the
// child, and copies each entry's whole 256-byte d_name although glibc's
// records are sized to the name (swift-corelibs-foundation PR 5472, fixed
// after Swift 6.3.1). Once about 1,360 descriptors are open, glibc's 32 KiB
// readdir buffer fills, its last record sits at the buffer's end, and when
// that buffer is the last chunk of a malloc heap the copy reads an unmapped
// page: signal 11, now and then. With every test free to run at once, the
// bundle peaks near 2,000 descriptors (each test server's event loops hold an
// epoll, an eventfd and a timerfd, besides its sockets).
//
// Below that count the buffer never fills and the over-read stays inside it.
// So the bundle caps how many tests Swift Testing runs at once, before its
// runner reads the setting: a constructor runs when the bundle loads, while
// the process has one thread. A width already set in the environment wins.

#include "SpawnGuard.h"

#include <stdlib.h>

static const char *const width_variable = "SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH";

__attribute__((constructor)) static void spawn_guard_install(void) {
    setenv(width_variable, "16", 0);
}

int spawn_guard_parallel_tests(void) {
    const char *width = getenv(width_variable);
    return width ? atoi(width) : 0;
}
