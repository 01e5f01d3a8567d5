import Foundation
import TapedeckTestSupport
import Testing

/// `tapedeck repro` and `tapedeck trim` through the built binary, in temporary
/// folders: exit 1 with violations, 0 without, 2 on bad input.
struct ReproCommandTests {
    static let packageRoot = PackageRoot.url
    static let contracts = packageRoot.appendingPathComponent("Sources/TapedeckProviders/BuiltIn").path
    static let har = packageRoot.appendingPathComponent("Tests/TapedeckContractsTests/Fixtures/mitmproxy-yandex-no-duplicates.har").path

    /// Runs `tapedeck repro` in `folder`, writing below it.
    static func repro(_ arguments: [String], in folder: URL) throws -> TapedeckBinary.Result {
        try TapedeckBinary.run(["repro"] + arguments + ["--contracts", contracts], in: folder)
    }

    @Test func violationsExitOneAndWriteTheRegressionTest() throws {
        let folder = try scratchFolder("repro-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try Self.repro([Self.har, "--name", "planted"], in: folder)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.contains("no-duplicates at $.tasks[0].id"))
        #expect(result.stdout.contains("Cassettes/yandex-backup/planted.json (3 interactions, redacted)"))
        #expect(result.stdout.contains("fails while no-duplicates is reported"))
        #expect(result.stdout.contains("run it: swift test --filter ScenarioTests.scenario"))
        #expect(result.stdout.contains("trim the evidence: tapedeck trim "))
        let scenario = try String(contentsOf: folder.appendingPathComponent("Scenarios/planted.yaml"), encoding: .utf8)
        #expect(scenario.contains("replay-only: true"))
        #expect(!scenario.contains("expect:"))
        let cassette = try String(contentsOf: folder.appendingPathComponent("Cassettes/yandex-backup/planted.json"), encoding: .utf8)
        #expect(!cassette.contains("t1.9euelZrSimulatorIamToken"))
        // The secret scan finds the token in the HAR, and nothing in what repro wrote.
        #expect(try TapedeckBinary.run(["scan", Self.har]).status == 1)
        let scan = try TapedeckBinary.run(["scan", folder.appendingPathComponent("Cassettes").path])
        #expect(scan.status == 0, "\(scan.stdout)")

        let again = try Self.repro([Self.har, "--name", "planted"], in: folder)
        #expect(again.status == 2)
        #expect(again.stderr.contains("already exists. Pass --force"))
        #expect(try Self.repro([Self.har, "--name", "planted", "--force", "--expect"], in: folder).status == 1)
        let expecting = try String(contentsOf: folder.appendingPathComponent("Scenarios/planted.yaml"), encoding: .utf8)
        #expect(expecting.contains("expect: [no-duplicates]"))
    }

    @Test func aCleanReportExitsZero() throws {
        let folder = try scratchFolder("repro-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let clean = folder.appendingPathComponent("clean.har").path
        let cassette = Self.packageRoot.appendingPathComponent("Cassettes/yandex-backup/walk.json").path
        #expect(try TapedeckBinary.run(["export", cassette, "--output", clean]).status == 0)
        let result = try Self.repro([clean], in: folder)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("no violations"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("Scenarios/clean.yaml").path))
    }

    @Test(arguments: [
        (["no-such-file.har"], "no-such-file.har: error: expected a readable HAR file"),
        ([har, "--name", "../escape"], "--name: error: expected a name"),
        ([har, "--provider", "no-such-provider"], "--provider: error: expected a provider id with a contract"),
    ])
    func badInputExitsTwo(_ arguments: [String], _ message: String) throws {
        let folder = try scratchFolder("repro-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try Self.repro(arguments, in: folder)
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("Scenarios").path))
    }

    @Test func anUnknownEntryIsNamed() throws {
        let folder = try scratchFolder("repro-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let har = folder.appendingPathComponent("browser.har")
        try Data(
            #"""
            {"log": {"entries": [{"startedDateTime": "2026-11-22T17:57:06Z", "request": {"method": "GET", "url": "https://example.com/", "headers": []}, "response": {"status": 200, "headers": [], "content": {"text": ""}}}]}}
            """#.utf8
        ).write(to: har)
        let result = try Self.repro([har.path], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr.contains("browser.har: $.log.entries: error: expected requests to a provider API with a contract"))
        #expect(result.stderr.contains("none of the 1 entries, the first \"https://example.com/\""))
        #expect(result.stderr.contains("Pass --provider ID"))
    }

    @Test func helpExplainsTheWorkflow() throws {
        let result = try TapedeckBinary.run(["repro", "--help"])
        #expect(result.status == 0)
        for text in ["--expect", "--force", "replay-only", "ScenarioTests", "Exit status: 0 no violations, 1 violations"] {
            #expect(result.stdout.contains(text), "\(text)")
        }
    }
}
