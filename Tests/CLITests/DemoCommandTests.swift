import Foundation
import TapedeckTestSupport
import Testing

struct DemoCommandTests {
    /// The README's main command: every walk clean, every drift caught, and no
    /// recordings left behind in the temporary folder unless `--keep` asks.
    @Test func theDemoPassesAndLeavesNothingInTheTemporaryFolder() throws {
        let scratch = scratchRoot.appendingPathComponent("tapedeck-demo-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let root = PackageRoot.url
        let result = try TapedeckBinary.run(["demo"], in: root, environment: ["TMPDIR": scratch.path], timeout: 300)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("recordings in \(scratch.path)"), "the demo works in TMPDIR")
        #expect(result.stdout.contains("Every walk clean, every drift caught"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)
    }
}
