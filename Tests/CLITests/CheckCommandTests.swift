import Foundation
import Tapedeck
import TapedeckTestSupport
import Testing

/// `tapedeck check` through the built binary: stdout, stderr and the exit status.
struct CheckCommandTests {
    static let packageRoot = PackageRoot.url

    /// A one-page DDM walk recorded at a fixed "now" (2027-01-15), with its job's status given.
    static func ddmCassette(status: String) -> Cassette {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let end = Int64(now.timeIntervalSince1970 * 1000)
        let start = end - 86_400_000
        let job: JSONValue = [
            "id": "92370d30-3ddc-4e05-b8ab-51662d824318", "name": "migrateLogicDb", "status": .string(status),
            "created_time": .string(Self.ddmTime(now.addingTimeInterval(-3600))),
            "end_time": .string(Self.ddmTime(now.addingTimeInterval(-3000))), "process": "", "instance_name": "ddm-1",
            "instance_id": "733c7e8d73a54c27b8308ec784a8be8cin09", "operations": [], "database_name": "db",
            "fail_reason": "",
        ]
        let body: JSONValue = ["jobs": [job], "offset": 0, "limit": 10, "total": 1]
        return Cassette(interactions: [
            Interaction(
                request: RecordedRequest(
                    method: "GET",
                    url: "http://127.0.0.1:9/otc-ddm/v3/0123456789abcdef0123456789abcdef/jobs?start_time=\(start)&end_time=\(end)",
                    headers: ["X-Auth-Token": "REDACTED-x-auth-token-1"]),
                response: RecordedResponse(
                    status: 200, headers: ["Content-Type": "application/json"], body: RecordedBody(content: .json(body))),
                recordedAt: now, duration: 0.002)
        ])
    }

    static func ddmTime(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ssZ"
        return formatter.string(from: date)
    }

    static func write(_ cassette: Cassette) throws -> URL {
        let url = scratchRoot.appendingPathComponent("check-\(UUID().uuidString).json")
        try cassette.jsonData().write(to: url)
        return url
    }

    @Test func aCleanRecordingExits0() throws {
        let file = try Self.write(Self.ddmCassette(status: "Completed"))
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try TapedeckBinary.run(["check", file.path], in: Self.packageRoot)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test func anUndocumentedStatusIsAViolationWithStatus1() throws {
        let file = try Self.write(Self.ddmCassette(status: "ToBeSwitched"))
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try TapedeckBinary.run(["check", file.path, "--format", "json"], in: Self.packageRoot)
        #expect(result.status == 1)
        let report = try JSONParser.parse(result.stdout)
        let violations = try #require(report["violations"]?.arrayValue)
        let violation = try #require(violations.first)
        #expect(violations.count == 1)
        #expect(violation["rule"] == "enum-value")
        #expect(violation["provider"] == "otc-ddm")
        #expect(violation["exchange"] == 0)
        #expect(violation["path"] == "$.jobs[0].status")
        #expect(violation["actual"]?.stringValue?.contains("ToBeSwitched") == true)
    }

    @Test func anAllowedDeviationIsReportedButDoesNotFail() throws {
        let file = try Self.write(Self.ddmCassette(status: "ToBeSwitched"))
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try TapedeckBinary.run(
            ["check", file.path, "--allow", "enum-value@$.jobs[*].status"], in: Self.packageRoot)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("enum-value"))
    }

    @Test func anUnreadableFileIsBadInputWithStatus2() throws {
        let result = try TapedeckBinary.run(["check", "/nonexistent/walk.json"], in: Self.packageRoot)
        #expect(result.status == 2)
        #expect(result.stderr.contains("/nonexistent/walk.json"))
    }

    @Test func aTruncatedCassetteNamesItsLine() throws {
        let url = scratchRoot.appendingPathComponent("truncated-\(UUID().uuidString).json")
        try Data("{\"version\": 1,\n \"interactions\": [".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let result = try TapedeckBinary.run(["check", url.path], in: Self.packageRoot)
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(url.lastPathComponent):2:"))
    }

    @Test func anUnknownFormatIsAUsageError() throws {
        let file = try Self.write(Self.ddmCassette(status: "Completed"))
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try TapedeckBinary.run(["check", file.path, "--format", "yaml"], in: Self.packageRoot)
        #expect(result.status == 2)
        #expect(result.stderr.contains("junit"))
    }
}
