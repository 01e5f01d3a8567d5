import Foundation

/// A program the tests drive that only root can install (Debian's packages), so
/// the suite cannot provision it: a test that needs one is disabled, with the
/// reason, where it is missing. CI sets `TAPEDECK_REQUIRE_TOOLS=1`, which runs
/// such tests anyway, so that a missing tool fails CI instead of skipping.
package struct SystemTool: Sendable {
    package var path: String
    /// The Debian package that brings it.
    package var package: String

    package static let chromium = SystemTool(path: "/usr/bin/chromium", package: "chromium")
    package static let faketime = SystemTool(path: "/usr/bin/faketime", package: "faketime")
    package static let curl = SystemTool(path: "/usr/bin/curl", package: "curl")
    /// The library `faketime` preloads to move a client's clock.
    package static let libfaketime = SystemTool(path: "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1", package: "libfaketime")

    /// The variable that makes every tool required.
    package static let requiredVariable = "TAPEDECK_REQUIRE_TOOLS"

    package var isInstalled: Bool { FileManager.default.fileExists(atPath: path) }

    /// Whether a test that needs it runs: it is installed, or CI requires it.
    package var runs: Bool { isInstalled || ProcessInfo.processInfo.environment[Self.requiredVariable] == "1" }

    /// Why a test that needs it does not run here.
    package var absence: String { "\(path) is missing: apt-get install \(package) (or bash .ci/setup) runs this test" }
}
