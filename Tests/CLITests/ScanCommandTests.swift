import Foundation
import TapedeckTestSupport
import Testing

/// `tapedeck scan` through the built binary.
struct ScanCommandTests {
    static let packageRoot = PackageRoot.url

    @Test func theCommittedCassettesAreClean() throws {
        let result = try TapedeckBinary.run(["scan", "Cassettes"], in: Self.packageRoot)
        #expect(result.status == 0, "\(result.stdout)")
    }

    @Test func aLeakIsReportedByPathWithStatus1AndWithoutTheSecret() throws {
        let file = scratchRoot.appendingPathComponent("leak-\(UUID().uuidString).json")
        try Data(
            #"{"version":1,"interactions":[{"recordedAt":"2026-11-22T10:00:00.000Z","durationMs":1,"request":{"method":"GET","url":"http://h/","headers":[["X-Auth-Token","MIIleakedTokenValue"]]},"response":{"status":200}}]}"#
                .utf8
        ).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try TapedeckBinary.run(["scan", file.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("$.interactions[0].request.headers[0][1]: credential in X-Auth-Token"))
        #expect(!result.stdout.contains("MIIleakedTokenValue"))
    }

    /// The scan reads with the redactor a rules file and --secret-env describe, as `record` and `import` redact.
    @Test func aRulesFileAndSecretEnvironmentWidenTheScan() throws {
        let folder = scratchRoot.appendingPathComponent("scan-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("c.json")
        try Data(
            #"{"version":1,"interactions":[{"recordedAt":"2026-11-22T10:00:00.000Z","durationMs":1,"request":{"method":"GET","url":"http://h/?note=plantedEnvValue","headers":[["X-Tenant-Label","plantedTenantLabel"]]},"response":{"status":200}}]}"#
                .utf8
        ).write(to: file)
        let rules = folder.appendingPathComponent("redaction.json")
        try Data(#"{"headers": ["X-Tenant-Label"]}"#.utf8).write(to: rules)
        #expect(try TapedeckBinary.run(["scan", file.path]).status == 0, "neither is a secret to the standard catalogue")
        let result = try TapedeckBinary.run(
            ["scan", file.path, "--rules", rules.path, "--secret-env", "PLANTED_SCAN_SECRET"], environment: ["PLANTED_SCAN_SECRET": "plantedEnvValue"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("$.interactions[0].request.headers[0][1]: credential in X-Tenant-Label"))
        #expect(result.stdout.contains("$.interactions[0].request.url: registered secret value"))
        #expect(!result.stdout.contains("plantedTenantLabel") && !result.stdout.contains("plantedEnvValue"))
    }

    /// A registered secret that is a plain word is replaced only as a whole token:
    /// the user hears so once, by the variable's name, never by its value.
    @Test func aWeakRegisteredSecretIsWarnedAboutOnceByName() throws {
        let result = try TapedeckBinary.run(
            ["scan", "Cassettes", "--secret-env", "PLANTED_WEAK_SECRET", "--secret-env", "PLANTED_STRONG_SECRET"],
            in: Self.packageRoot, environment: ["PLANTED_WEAK_SECRET": "tasks", "PLANTED_STRONG_SECRET": "Xk29fLq8Vz71Mn4BqPw3"])
        let warnings = result.stderr.split(separator: "\n").filter { $0.contains("warning: the value of") }
        #expect(warnings.count == 1, "\(result.stderr)")
        #expect(warnings.first?.contains("PLANTED_WEAK_SECRET") == true)
        #expect(!result.stderr.contains("tasks") && !result.stderr.contains("Xk29fLq8Vz71Mn4BqPw3"))
    }

    @Test func aMissingPathIsBadInput() throws {
        let result = try TapedeckBinary.run(["scan", "/nonexistent/cassettes"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("/nonexistent/cassettes"))
    }
}
