import Foundation
import Testing

/// `tapedeck drift` through the built binary, as CI runs it, in a scratch copy
/// of the repository's scenarios so the committed cassettes are never touched.
struct DriftCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A folder holding Scenarios/ (contracts and one scenario) and an empty Cassettes/.
    static func workspace() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tapedeck-drift-cli-\(UUID().uuidString)")
        let scenarios = folder.appendingPathComponent("Scenarios")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Cassettes"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: scenarios, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: root.appendingPathComponent("Scenarios/contracts"), to: scenarios.appendingPathComponent("contracts"))
        try FileManager.default.copyItem(
            at: root.appendingPathComponent("Scenarios/otc-ddm-walk.yaml"), to: scenarios.appendingPathComponent("otc-ddm-walk.yaml"))
        return folder
    }

    @Test func recordThenCompareThenCatchADriftWithTheDocumentedExitStatuses() throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try TapedeckBinary.run(["drift", "--simulator", "--update"], in: folder)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("recorded it, nothing to compare yet"))
        let cassette = folder.appendingPathComponent("Cassettes/otc-ddm/walk.json")
        let committed = try Data(contentsOf: cassette)

        let clean = try TapedeckBinary.run(["drift", "--simulator"], in: folder)
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
        #expect(clean.stdout.contains("otc-ddm-walk: no drift"))

        let report = folder.appendingPathComponent("drift.xml")
        let drifted = try TapedeckBinary.run(
            ["drift", "otc-ddm-walk", "--simulator", "--drift", "echo-mismatch", "--format", "junit", "--output", report.path], in: folder)
        #expect(drifted.status == 1)
        #expect(drifted.stdout.contains("contract-violation (echo-mismatch)"))
        #expect(try String(contentsOf: report, encoding: .utf8) == drifted.stdout)
        #expect(try Data(contentsOf: cassette) == committed, "drift without --update leaves the committed cassette alone")

        let tolerated = try TapedeckBinary.run(["drift", "--simulator", "--drift", "page-size", "--fail-on", "breaking"], in: folder)
        #expect(tolerated.status == 1, "page-size breaks the contract: a breaking violation")
    }

    @Test(arguments: [
        ["drift", "--fail-on", "never", "--simulator"], ["drift", "no-such-scenario", "--simulator"], ["drift", "--drift", "page-size"],
        ["drift", "--format", "yaml", "--simulator"], ["drift", "--simulator", "--drift", "sideways"],
    ])
    func badInputExitsTwoAndSaysWhy(arguments: [String]) throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try TapedeckBinary.run(arguments, in: folder)
        #expect(result.status == 2)
        #expect(!result.stderr.isEmpty)
    }

    @Test func withoutTheSimulatorTheEndpointVariableIsNamed() throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try TapedeckBinary.run(["drift", "--simulator", "--update"], in: folder)
        let result = try TapedeckBinary.run(["drift"], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr.contains("TAPEDECK_BASE_URL_OTC_DDM"))
    }
}
