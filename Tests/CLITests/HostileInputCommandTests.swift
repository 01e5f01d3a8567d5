import Foundation
import Tapedeck
import TapedeckTestSupport
import Testing

/// Hostile files and option values through the built binary: exit 2 with a
/// located, bounded message, at once, and never a crash or a hang.
struct HostileInputCommandTests {
    static let root = CheckCommandTests.packageRoot

    struct Case: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        /// What standard error must contain.
        var message: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    @Test(arguments: [
        Case(arguments: ["serve", "--port", "70000", "Cassettes/otc-ddm/walk.json"], message: "--port is a TCP port from 0 to 65535"),
        Case(arguments: ["serve", "--port=-1", "Cassettes/otc-ddm/walk.json"], message: "--port is a TCP port from 0 to 65535"),
        Case(arguments: ["serve", "--host", "not-a-host", "Cassettes/otc-ddm/walk.json"], message: "--host: error: expected an address of this machine"),
        Case(arguments: ["serve", "--latency", "99999999999999", "Cassettes/otc-ddm/walk.json"], message: "--latency is none, recorded or a number"),
        Case(arguments: ["serve", "--fault", "latency=99999999999999", "Cassettes/otc-ddm/walk.json"], message: "latency takes whole milliseconds up to"),
        Case(arguments: ["sim", "--tasks", "99999999999"], message: "--tasks is a number of tasks per instance from 0 to 100000"),
        Case(arguments: ["sim", "--port", "70000"], message: "--port is a TCP port"),
        Case(arguments: ["sim", "--new-task-every", "0"], message: "--new-task-every is a number of requests"),
        Case(
            arguments: ["check", "Cassettes/otc-ddm/walk.json", "--allow", "enum-value@$[[["], message: "--allow: error: expected a path as reports write it"),
    ])
    func badOptionValuesExitTwo(_ test: Case) throws {
        let result = try TapedeckBinary.run(test.arguments, in: Self.root, timeout: 60)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains(test.message), "\(result.stderr)")
        #expect(!result.stdout.contains("Serving"))
    }

    @Test func aMegabyteOptionValueIsNotEchoed() throws {
        let result = try TapedeckBinary.run(["serve", "--mode", String(repeating: "x", count: 100_000), "c.json"], in: Self.root)
        #expect(result.status == 2)
        #expect(result.stderr.utf8.count < 4000)
    }

    @Test func aCassetteDurationNoClockCanWaitIsBadInput() throws {
        let folder = try scratchFolder("tapedeck-hostile-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cassette = folder.appendingPathComponent("slow.json")
        try Data(
            #"""
            {"version": 1, "interactions": [{"recordedAt": "2026-11-22T10:54:00.123Z", "durationMs": 1e13,
              "request": {"method": "GET", "url": "http://127.0.0.1/x", "headers": []}, "response": {"status": 200, "headers": []}}]}
            """#.utf8
        ).write(to: cassette)
        let result = try TapedeckBinary.run(["serve", "--latency", "recorded", cassette.path], timeout: 30)
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(cassette.path): $.interactions[0].durationMs: error: expected a number of milliseconds from 0"))
    }

    @Test func aContractOfNestedAliasesExitsTwoAtOnce() throws {
        let folder = try scratchFolder("tapedeck-hostile-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let contract = folder.appendingPathComponent("bomb.yaml")
        var text = "openapi: 3.1.0\nx-a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 { text += "x-a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n" }
        try Data(text.utf8).write(to: contract)
        let result = try TapedeckBinary.run(["check", "Cassettes/otc-ddm/walk.json", "--contracts", contract.path], in: Self.root, timeout: 60)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("error: expected at most 200000 YAML nodes"), "\(result.stderr)")
    }

    @Test(arguments: ["null", "[]"])
    func scanningANonRecordingIsBadInput(text: String) throws {
        let folder = try scratchFolder("tapedeck-hostile-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("odd.json")
        try Data(text.utf8).write(to: file)
        let result = try TapedeckBinary.run(["scan", file.path])
        #expect(result.status == 2)
        #expect(!result.stdout.contains("no secrets found"))
    }

    @Test(arguments: ["0", "-1", "99999", "9223372036854775807"])
    func importLeavesOutAnEntryWithAStatusNoCassetteCanHold(status: String) throws {
        let folder = try scratchFolder("tapedeck-hostile-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let har = folder.appendingPathComponent("bug.har")
        try Data(
            #"""
            {"log": {"entries": [{"startedDateTime": "2026-11-20T10:00:00.000Z", "time": 1,
              "request": {"method": "GET", "url": "https://x.example/a", "headers": []},
              "response": {"status": \#(status), "headers": [], "content": {"size": 0, "mimeType": ""}}}]}}
            """#.utf8
        ).write(to: har)
        let output = folder.appendingPathComponent("out.json")
        let result = try TapedeckBinary.run(["import", har.path, "-o", output.path])
        #expect(result.status == 0)
        #expect(result.stderr.contains("warning: \(har.path): $.log.entries[0] (GET https://x.example/a): left out: its response status is \(status)"))
        #expect(result.stdout.contains("wrote 0 interactions to \(output.path) (redacted, 1 entries left out)"))
        #expect(try CassetteStore.load(output).interactions.isEmpty)
    }

    @Test func recordRefusesAPathItCannotWriteBeforeListening() throws {
        let folder = try scratchFolder("tapedeck-hostile-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("plain")
        try Data().write(to: file)
        let cassette = file.appendingPathComponent("c.json")
        let result = try TapedeckBinary.run(["record", "--upstream", "http://127.0.0.1:9", "--cassette", cassette.path], timeout: 30)
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(cassette.path): error: expected a writable folder, found \(file.path), which is a file"))
        #expect(!result.stdout.contains("Recording"))
    }
}
