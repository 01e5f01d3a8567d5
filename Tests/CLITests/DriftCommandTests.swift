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

    /// A window that has aged out (DDM refuses a start over 30 days back) makes every page a 400:
    /// drift says the scenario failed, exits 3, and keeps the committed cassette even with --update.
    @Test func anExpiredAbsoluteWindowIsAFailedScenarioNotNoDrift() throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try TapedeckBinary.run(["drift", "--simulator", "--update"], in: folder).status == 0)
        let cassette = folder.appendingPathComponent("Cassettes/otc-ddm/walk.json")
        let committed = try Data(contentsOf: cassette)
        let scenario = folder.appendingPathComponent("Scenarios/otc-ddm-walk.yaml")
        let relative = try String(contentsOf: scenario, encoding: .utf8)
        #expect(relative.contains("{now-29d}"))
        let expired = relative.replacingOccurrences(of: "\"{now-29d}\"", with: "\"1746028800000\"")
            .replacingOccurrences(of: "\"{now}\"", with: "\"1747319097182\"")
        try expired.write(to: scenario, atomically: true, encoding: .utf8)

        let result = try TapedeckBinary.run(["drift", "--simulator", "--update"], in: folder)
        #expect(result.status == 3, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("scenario-failed"))
        #expect(result.stdout.contains("status 400"))
        #expect(result.stdout.contains("DBS.280001"), "the provider's error body is shown")
        #expect(!result.stdout.contains("no drift"))
        #expect(try Data(contentsOf: cassette) == committed, "--update never replaces a cassette with a failed recording")
    }

    @Test func anInvalidClockIsRefusedBeforeAnythingRuns() throws {
        let result = try TapedeckBinary.run(["drift", "--simulator"], environment: ["TAPEDECK_NOW": "next tuesday"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("TAPEDECK_NOW"))
        #expect(result.stderr.contains("RFC 3339"))
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
