import Foundation
import Tapedeck
@testable import TapedeckContracts
import Testing

/// Conformance with JSON Schema 2020-12, measured against the official test
/// suite: every required draft2020-12 test, and the format tests of every
/// format Tapedeck asserts. A test that fails must be listed below with why;
/// any other failure, or a listed one that now passes, fails the run.
@Suite(.serialized)
struct JSONSchemaSuiteTests {
    /// Required tests that fail, by `file: group: test`, and why.
    static let knownRequiredFailures: [String: String] = [
        "defs.json: validate definition against metaschema: valid definition schema":
            "refers to the 2020-12 metaschema, which the suite does not ship and Tapedeck does not bundle",
        "defs.json: validate definition against metaschema: invalid definition schema":
            "refers to the 2020-12 metaschema, which the suite does not ship and Tapedeck does not bundle",
        "ref.json: remote ref, containing refs itself: remote ref valid":
            "refers to the 2020-12 metaschema, which the suite does not ship and Tapedeck does not bundle",
        "ref.json: remote ref, containing refs itself: remote ref invalid":
            "refers to the 2020-12 metaschema, which the suite does not ship and Tapedeck does not bundle",
        "vocabulary.json: schema that uses custom metaschema with with no validation vocabulary: no validation: invalid number, but it still validates":
            "`$vocabulary` is not read: every schema is validated with the 2020-12 vocabularies, as an API description's are",
    ]

    /// Format tests that fail, by `file: group: test`, and why.
    static let knownFormatFailures: [String: String] = [:]

    /// The formats the issue asks for (and `unknown`, which must pass everything).
    static let formatFiles = [
        "date-time", "date", "time", "duration", "email", "uuid", "uri", "uri-reference", "hostname", "ipv4", "ipv6", "regex", "unknown",
    ]

    @Test(.enabled(if: SchemaTestSuiteArchive.runs, SchemaTestSuiteArchive.absence))
    func requiredDraft2020Tests() throws {
        let folder = try SchemaTestSuiteArchive.folder.get()
        let tests = folder.appendingPathComponent("tests/draft2020-12")
        let files = try FileManager.default.contentsOfDirectory(atPath: tests.path).filter { $0.hasSuffix(".json") }.sorted()
        let result = try SuiteRun(remotes: folder.appendingPathComponent("remotes"), assertFormats: false)
            .run(files.map { tests.appendingPathComponent($0) })
        print("JSON Schema 2020-12 required: \(result.passed) of \(result.total) pass (\(result.percent)%)")
        for failure in result.failures { print("  fails: \(failure)") }
        #expect(result.total > 1_000)
        #expect(Double(result.passed) >= 0.99 * Double(result.total))
        #expect(Set(result.failures) == Set(Self.knownRequiredFailures.keys))
    }

    @Test(.enabled(if: SchemaTestSuiteArchive.runs, SchemaTestSuiteArchive.absence))
    func formatTests() throws {
        let folder = try SchemaTestSuiteArchive.folder.get()
        let tests = folder.appendingPathComponent("tests/draft2020-12/optional/format")
        let result = try SuiteRun(remotes: folder.appendingPathComponent("remotes"), assertFormats: true)
            .run(Self.formatFiles.map { tests.appendingPathComponent($0 + ".json") })
        print("JSON Schema 2020-12 formats: \(result.passed) of \(result.total) pass (\(result.percent)%)")
        for failure in result.failures { print("  fails: \(failure)") }
        #expect(result.total > 250)
        #expect(Double(result.passed) >= 0.95 * Double(result.total))
        #expect(Set(result.failures) == Set(Self.knownFormatFailures.keys))
    }
}

/// Runs suite files: each group's schema compiled once, each test's instance validated.
struct SuiteRun {
    let remotes: URL
    let assertFormats: Bool

    struct Result {
        var total = 0
        var passed = 0
        var failures: [String] = []
        var percent: String { String(format: "%.2f", 100 * Double(passed) / Double(max(total, 1))) }
    }

    func run(_ files: [URL]) throws -> Result {
        var result = Result()
        for file in files {
            let groups = try #require(JSONParser.parse(Data(contentsOf: file)).arrayValue)
            for group in groups {
                let tests = group["tests"]?.arrayValue ?? []
                let name = "\(file.lastPathComponent): \(group["description"]?.stringValue ?? "")"
                let builder = SchemaProgramBuilder(dialect: .draft2020, remote: remote)
                let document = builder.add(document: group["schema"] ?? .bool(true))
                let root = try? builder.compile(document: document, pointer: [])
                for test in tests {
                    result.total += 1
                    let expected = test["valid"]?.boolValue ?? false
                    var outcome: Bool?
                    if let root, let data = test["data"] {
                        var evaluator = SchemaEvaluator(program: builder.program, assertFormats: assertFormats)
                        outcome = evaluator.holds(data, node: root)
                    }
                    if outcome == expected {
                        result.passed += 1
                    } else {
                        result.failures.append("\(name): \(test["description"]?.stringValue ?? "")")
                    }
                }
            }
        }
        return result
    }

    /// The suite's remote documents, which it serves at `http://localhost:1234/`.
    func remote(_ uri: String) -> JSONValue? {
        let prefix = "http://localhost:1234/"
        guard uri.hasPrefix(prefix) else { return nil }
        let file = remotes.appendingPathComponent(String(uri.dropFirst(prefix.count)))
        guard let data = try? Data(contentsOf: file) else { return nil }
        return try? JSONParser.parse(data)
    }
}
