import Foundation
import TapedeckTestSupport
import Testing

/// `tapedeck trim` through the built binary, on the cassette `tapedeck repro`
/// writes from the mitmproxy HAR (3 pages, no-duplicates on pages 1 and 2).
struct TrimCommandTests {
    @Test func trimShrinksTheReportedWalk() throws {
        let folder = try scratchFolder("repro-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try ReproCommandTests.repro([ReproCommandTests.har, "--name", "walk"], in: folder).status == 1)
        let cassette = folder.appendingPathComponent("Cassettes/yandex-backup/walk.json")
        let trim = { (arguments: [String]) throws -> TapedeckBinary.Result in
            try TapedeckBinary.run(["trim", cassette.path, "--contracts", ReproCommandTests.contracts] + arguments, in: folder)
        }
        let result = try trim(["--rule", "no-duplicates"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("interactions: 3 -> 2 (kept exchanges 0, 1)"))
        #expect(result.stdout.contains("bytes: "))
        let trimmed = folder.appendingPathComponent("Cassettes/yandex-backup/walk.trimmed.json")
        #expect(FileManager.default.fileExists(atPath: trimmed.path))
        // The trimmed cassette still fails the check on the same rule.
        let check = try TapedeckBinary.run(["check", trimmed.path, "--contracts", ReproCommandTests.contracts + "/yandex-backup.yaml"])
        #expect(check.status == 1)
        #expect(check.stdout.contains("no-duplicates at $.tasks[0].id"))

        let missing = try trim(["--rule", "enum-value"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("expected a violation of enum-value to keep, found only no-duplicates"))
        #expect(try trim([]).status == 2)
        let unknown = try trim(["--rule", "no-such-rule"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("--rule: error: expected a rule id"))
        #expect(try trim(["--rule", "no-duplicates", "--output", cassette.path]).status == 2)

        let before = try Data(contentsOf: cassette)
        #expect(try trim(["--violation", "2", "--in-place"]).status == 0)
        #expect(try Data(contentsOf: cassette).count < before.count)
    }

    @Test func aHARIsTrimmedIntoARedactedCassette() throws {
        let folder = try scratchFolder("repro-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("evidence.json")
        let result = try TapedeckBinary.run([
            "trim", ReproCommandTests.har, "--violation", "2", "--output", output.path, "--contracts", ReproCommandTests.contracts,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("interactions: 3 -> 2 (kept exchanges 1, 2)"))
        let written = try String(contentsOf: output, encoding: .utf8)
        #expect(!written.contains("t1.9euelZrSimulatorIamToken"))
    }
}
