import Foundation
import Tapedeck
import TapedeckContracts
import Testing
import TapedeckTestSupport

/// Hostile recordings, contracts, scenarios and allowances: `check` and `trim`
/// finish on any value a recording holds, and a contract or scenario that makes
/// no sense is a located, bounded `InputError` at load, never a hang or false findings.
struct HostileContractTests {
    static let cassettes = Recordings.root
        .appendingPathComponent("Cassettes")

    /// A committed walk with every value of query parameter `name` replaced by `value`.
    static func walk(_ file: String, setting name: String, to value: String) throws -> Cassette {
        var cassette = try CassetteStore.load(cassettes.appendingPathComponent(file))
        for index in cassette.interactions.indices {
            var url = cassette.interactions[index].request.url
            if let range = url.range(of: "[?&]\(name)=[^&]*", options: .regularExpression) {
                url.replaceSubrange(range, with: "\(url[range].first!)\(name)=\(value)")
            }
            cassette.interactions[index].request.url = url
        }
        return cassette
    }

    @Test(
        arguments: [
            ("otc-ddm/walk.json", "offset"), ("alibaba-petadata/walk.json", "PageNumbers"), ("huawei-kafka/walk.json", "start"),
            ("alibaba-petadata/walk.json", "MaxRecordsPerPage"), ("otc-ddm/walk.json", "limit"), ("otc-ddm/walk.json", "end_time"),
            ("otc-ddm/walk.json", "start_time"), ("huawei-kafka/walk.json", "end_time"),
        ], ["9223372036854775807", "-9223372036854775808", "99999999999999999999", "9223372036854775806"])
    func checkAndTrimFinishOnPagingValuesAtTheEdges(target: (file: String, parameter: String), value: String) throws {
        let (file, parameter) = target
        let cassette = try Self.walk(file, setting: parameter, to: value)
        let checker = ContractChecker(contract: Recordings.contract(String(file.prefix(while: { $0 != "/" }))))
        let report = checker.check(cassette, recording: file)
        #expect(!report.walks.isEmpty)
        if let first = report.failures.first {
            _ = try? CassetteTrimmer(checker: checker).trim(cassette, keeping: .rule(first.rule), file: file)
        }
    }

    /// The loading tests' contract, with a default limit and a string parameter with a pattern and a length.
    static let minimal = ContractLoadingTests.minimal
        .replacingOccurrences(of: "items: $.items", with: "items: $.items\n        default-limit: 10")
        .replacingOccurrences(
            of: "- { name: limit, in: query, schema: { type: integer } }",
            with: "- { name: limit, in: query, schema: { type: integer } }\n"
                + "        - { name: id, in: query, schema: { type: string, pattern: \"^[a-z]+$\", minLength: 1 } }")

    @Test(arguments: [
        ("pattern: \"^[a-z]+$\"", "pattern: \"([a-z\"", "\"([a-z\", which does not compile"),
        ("minLength: 1", "minLength: -3", "`minLength` of 0 or more, found -3"),
        ("minLength: 1", "minLength: 5, maxLength: 2", "`minLength` at most `maxLength`"),
        ("default-limit: 10", "default-limit: -5", "an integer from 1 to 1000000"),
        ("default-limit: 10", "default-limit: 0", "an integer from 1 to 1000000"),
        ("default-limit: 10", "first-page: 9223372036854775807", "an integer from 0 to 1"),
        ("default-limit: 10", "default-limit: 10\n        x-wrong: 1", ""),
    ])
    func contractsThatMakeNoSenseAreRefusedAtLoad(original: String, replacement: String, message: String) throws {
        let text = Self.minimal.replacingOccurrences(of: original, with: replacement)
        if message.isEmpty {
            _ = try Contract(yaml: text, file: "bad.yaml")
            return
        }
        let error = try #require(throws: InputError.self) { try Contract(yaml: text, file: "bad.yaml") }
        #expect("\(error)".hasPrefix("bad.yaml:"), "\(error)")
        #expect("\(error)".contains(message), "\(error)")
    }

    @Test func aValidPatternIsCheckedAsARegularExpression() throws {
        let contract = try Contract(
            yaml: Self.minimal.replacingOccurrences(of: "pattern: \"^[a-z]+$\"", with: "pattern: \"^(ab)+$\""), file: "ok.yaml")
        let report = ContractChecker(contract: contract).check([
            Recordings.exchange("https://x.example/v1/items?offset=0&limit=1&id=abab", body: ["items": []]),
            Recordings.exchange("https://x.example/v1/items?offset=0&limit=1&id=aba", body: ["items": []]),
        ])
        #expect(report.violations.map(\.exchange) == [1])
    }

    /// Nine levels of aliases, each ten times the one before: 10⁹ nodes once expanded, in 600-odd bytes;
    /// `use` is where the last level is used (as a value, or as a mapping key, which composing would hash).
    static func aliasBomb(_ use: String) -> String {
        var text = "openapi: 3.1.0\nx-a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...8 {
            let previous = "*a\(level - 1)"
            text += "x-a\(level): &a\(level) [\(Array(repeating: previous, count: 10).joined(separator: ", "))]\n"
        }
        return text + use + "\ninfo: { title: t, version: \"1\" }\npaths: {}\n"
    }

    @Test(arguments: ["x-a9: [*a8, *a8, *a8, *a8, *a8, *a8, *a8, *a8, *a8, *a8]", "x-keys: {? *a8 : 1}"])
    func nestedAliasesAreRefusedNotExpanded(use: String) throws {
        let bomb = Self.aliasBomb(use)
        #expect(bomb.utf8.count < 800)
        let error = try #require(throws: InputError.self) { try Contract(yaml: bomb, file: "bomb.yaml") }
        #expect(error.expected == "at most 200000 YAML nodes", "\(error)")
        #expect("\(error)".hasPrefix("bomb.yaml:"))
        #expect(throws: InputError.self) {
            try Scenario(yaml: bomb.replacingOccurrences(of: "openapi: 3.1.0\n", with: ""), file: "s.yaml", name: "s")
        }
    }

    /// A custom tag in an operation's extension made OpenAPIKit trap (it takes the
    /// error's coding path to hold the HTTP verb, and it did not); found by the contract fuzzer.
    @Test(arguments: [
        "      x-tapedeck-evidence:\n        - {!name: SecurityToken, in: query}\n", "      x-note: !<tag:example.com,2026:x> 1\n",
    ])
    func customTagsAreRefusedWithTheirLine(extensionLines: String) throws {
        let text = "openapi: 3.1.0\ninfo: { title: t, version: \"1\" }\npaths:\n  /:\n    get:\n" + extensionLines
        let error = try #require(throws: InputError.self) { try Contract(yaml: text, file: "tagged.yaml") }
        #expect(error.expected.hasPrefix("plain YAML"), "\(error)")
        #expect("\(error)".hasPrefix("tagged.yaml:"), "the line and column are named: \(error)")
    }

    @Test func standardTagsStillWork() throws {
        let text = Self.minimal.replacingOccurrences(of: "info: { title: t, version: \"1\" }", with: "info: { title: !!str t, version: !!str 1 }")
        #expect(try Contract(yaml: text, file: "ok.yaml").provider == "sample")
    }

    @Test func aliasesWithinTheBoundStillWork() throws {
        let text = Self.minimal.replacingOccurrences(of: "info: { title: t, version: \"1\" }", with: "info: &info { title: t, version: \"1\" }\nx-again: *info")
        #expect(try Contract(yaml: text, file: "ok.yaml").provider == "sample")
    }

    @Test(arguments: ["$[[[", "$.", "$..a", "$[1", "$['a'", "tasks[*]", "$[x]", "", "$.a b"])
    func malformedAllowancePathsAreRefused(path: String) {
        #expect(throws: InputError.self) { try Allowance(parsing: "enum-value@\(path)") }
        let yaml = "provider: otc-ddm\ncassette: c.json\nrequest: {path: /a}\nallow:\n  - {rule: enum-value, path: '\(path)', reason: r}\n"
        #expect {
            try Scenario(yaml: yaml, file: "s.yaml", name: "s")
        } throws: { error in
            "\(error)".hasPrefix("s.yaml:5:")
        }
    }

    @Test(arguments: ["$", "$.jobs[*].status", "$.Tasks.Task[3].Status", "$['odd key'][0]", "request.query.offset", "$.a-b.c_d"])
    func wellFormedAllowancePathsAreKept(path: String) throws {
        #expect(try Allowance(parsing: "enum-value@\(path)").path == path)
    }

    @Test(arguments: [
        ("provider: aws-s3\ncassette: c.json\nrequest: {path: /a}\n", "s.yaml:1:11: error: expected a provider id"),
        ("provider: otc-ddm\ncassette: ../../etc/passwd\nrequest: {path: /a}\n", "s.yaml:2:11: error: expected a cassette path below Cassettes/"),
        ("provider: otc-ddm\ncassette: /etc/passwd\nrequest: {path: /a}\n", "s.yaml:2:11: error: expected a cassette path below Cassettes/"),
    ])
    func scenarioErrorsAreLocated(yaml: String, message: String) {
        #expect {
            try Scenario(yaml: yaml, file: "s.yaml", name: "s")
        } throws: { error in
            "\(error)".hasPrefix(message)
        }
    }

    @Test func invalidUTF8InAScenarioOrContractIsLocated() throws {
        let folder = try scratchFolder("hostile-utf8")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("s.yaml")
        try Data("provider: otc-ddm\nsummary: caf\u{E9}\n".utf8.map { $0 == 0xA9 ? 0xFF : $0 }).write(to: file)
        #expect {
            try Scenario(contentsOf: file)
        } throws: { error in
            "\(error)".hasPrefix("\(file.path):2:13: error: expected a UTF-8 scenario file")
        }
        #expect {
            try Contract(contentsOf: file)
        } throws: { error in
            "\(error)".hasPrefix("\(file.path):2:13: error: expected a UTF-8 contract document")
        }
    }
}
