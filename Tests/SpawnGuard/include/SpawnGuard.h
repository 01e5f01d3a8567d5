#ifndef SPAWN_GUARD_H
#define SPAWN_GUARD_H

/// How many tests the guard lets Swift Testing run at once (0 when the guard is not loaded).
int spawn_guard_parallel_tests(void);

#endif
