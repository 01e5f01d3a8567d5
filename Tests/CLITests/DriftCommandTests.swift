import Foundation
import TapedeckTestSupport
import Testing

/// `tapedeck drift` through the built binary, as CI runs it, in a scratch copy
/// of the repository's scenarios so the committed cassettes are never touched.
struct DriftCommandTests {
    static let root = PackageRoot.url

    /// A folder holding Scenarios/ (contracts and one scenario) and an empty Cassettes/.
    static func workspace() throws -> URL {
        let folder = scratchRoot.appendingPathComponent("tapedeck-drift-cli-\(UUID().uuidString)")
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

    /// Three shards of a drift run, merged, are the unsharded run's report, in every format.
    @Test func threeShardsMergedEqualTheUnshardedReport() throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["huawei-iotda-walk", "huawei-kafka-walk", "yandex-backup-walk", "alibaba-petadata-walk", "otc-ddm-window"] {
            try FileManager.default.copyItem(
                at: Self.root.appendingPathComponent("Scenarios/\(name).yaml"), to: folder.appendingPathComponent("Scenarios/\(name).yaml"))
        }
        #expect(try TapedeckBinary.run(["drift", "--simulator", "--update"], in: folder).status == 0)
        let scratch = folder.appendingPathComponent("fresh").path
        let drifted = ["drift", "--simulator", "--drift", "enum-value", "--scratch", scratch, "--format", "json"]
        let whole = try TapedeckBinary.run(drifted, in: folder)
        #expect(whole.status == 1)
        var shards: [String] = []
        var covered = 0
        for index in 1...3 {
            let file = folder.appendingPathComponent("shard-\(index).json").path
            let run = try TapedeckBinary.run(drifted + ["--shard", "\(index)/3", "--output", file], in: folder)
            #expect([0, 1].contains(run.status))
            covered += run.stdout.components(separatedBy: "\"scenario\":").count - 1
            shards.append(file)
        }
        #expect(covered == 6, "each of the six scenarios in exactly one shard")
        let merged = try TapedeckBinary.run(["report", "merge", "--format", "json"] + shards, in: folder)
        #expect(merged.status == 1)
        #expect(merged.stdout == whole.stdout)
        let wholeFile = folder.appendingPathComponent("whole.json")
        try Data(whole.stdout.utf8).write(to: wholeFile)
        for format in ["junit", "markdown", "github", "text"] {
            let fromShards = try TapedeckBinary.run(["report", "merge", "--format", format] + shards, in: folder)
            let fromWhole = try TapedeckBinary.run(["report", "merge", "--format", format, wholeFile.path], in: folder)
            #expect(fromShards.stdout == fromWhole.stdout, "\(format)")
            #expect(!fromShards.stdout.isEmpty)
        }
        let twice = try TapedeckBinary.run(["report", "merge", shards[0], shards[0]], in: folder)
        #expect(twice.status == 2)
        #expect(twice.stderr.contains("already in"))
        let badShard = try TapedeckBinary.run(["drift", "--simulator", "--shard", "4/3"], in: folder)
        #expect(badShard.status == 2)
        #expect(badShard.stderr.contains("--shard: error: expected K/N"))
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

    /// On a terminal (a pseudo-terminal from `script`) drift shows which scenario is under way;
    /// through a pipe, as everywhere else here, it prints no progress at all.
    @Test func progressShowsOnATerminalOnly() throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let piped = try TapedeckBinary.run(["drift", "--simulator", "--update"], in: folder, environment: ["CI": ""])
        #expect(!piped.stderr.contains("drift: scenario"))
        // An empty CI is no CI: the progress line shows.
        let terminal = try TapedeckBinary.run(
            program: URL(fileURLWithPath: "/usr/bin/script"), ["-qec", "'\(TapedeckBinary.url.path)' drift --simulator", "/dev/null"],
            in: folder, environment: ["CI": ""])
        let text = terminal.stdout
        #expect(terminal.status == 0, "\(text)")
        #expect(text.contains("drift: scenario: 1 of 1, otc-ddm-walk"))
        #expect(text.contains("otc-ddm-walk: no drift"))
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
