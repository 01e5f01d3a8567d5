import SpawnGuard
import Testing

/// The test bundle spawns Python, curl and the tapedeck binary through
/// Foundation's `Process`, which on Linux reads past a buffer once about 1,360
/// descriptors are open; SpawnGuard caps how many tests run at once, so the
/// bundle stays well below that.
struct SpawnGuardTests {
    @Test func theBundleRunsABoundedNumberOfTestsAtOnce() {
        let width = spawn_guard_parallel_tests()
        #expect((1...32).contains(width), "SpawnGuard is not loaded, or the width (\(width)) lets the descriptors climb")
    }
}
