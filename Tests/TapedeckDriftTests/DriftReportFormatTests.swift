import Foundation
import Tapedeck
import TapedeckDrift
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Every report format, checked for well-formedness.
struct DriftReportFormatTests {
    static let report = DriftReport(results: [
        .init(
            scenario: "huawei-iotda-walk",
            findings: [
                DriftFinding(
                    scenario: "huawei-iotda-walk", kind: .fieldRemoved, path: "$.tasks[*].status", old: "string", new: "absent",
                    reproduce: "tapedeck serve /tmp/fresh.json"),
                DriftFinding(
                    scenario: "huawei-iotda-walk", kind: .contractViolation, path: "$.tasks[*].status", old: "within the contract",
                    new: "\"A, B\" <not> 100% & \"documented\"\nsecond line", rule: "enum-value", reproduce: "tapedeck serve /tmp/fresh.json"),
                DriftFinding(
                    scenario: "huawei-iotda-walk", kind: .fieldAdded, path: "$.tasks[*].owner", old: "absent", new: "string",
                    reproduce: "r", acceptedBecause: "announced"),
            ], freshCassette: "/tmp/fresh.json", warnings: []),
        .init(scenario: "otc-ddm-walk", findings: [], freshCassette: "/tmp/ddm.json", warnings: ["otc-ddm/walk.json was recorded 40 days ago"]),
    ])

    @Test func junitIsWellFormedXMLWithAFailurePerUnacceptedFinding() throws {
        let xml = Self.report.render(.junit)
        let document = try XMLDocument(xmlString: xml)
        let root = try #require(document.rootElement())
        #expect(root.name == "testsuites")
        #expect(root.attribute(forName: "tests")?.stringValue == "4")
        #expect(root.attribute(forName: "failures")?.stringValue == "2")
        let cases = try root.nodes(forXPath: "//testcase")
        #expect(cases.count == 4)
        let failures = try root.nodes(forXPath: "//testcase/failure")
        #expect(failures.count == 2)
        let message = (failures[1] as? XMLElement)?.attribute(forName: "message")?.stringValue
        #expect(message?.contains("<not> 100% & \"documented\"") == true)
        #expect(try root.nodes(forXPath: "//testcase/system-out").count == 1)
    }

    @Test func githubLinesAreWorkflowCommandsWithEscapedValues() throws {
        let lines = Self.report.render(.github).split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        let syntax = try Regex(#"^::(error|warning|notice) title=[^:,\r\n]+::[^\r\n]+$"#)
        for line in lines { #expect(line.wholeMatch(of: syntax) != nil, "\(line)") }
        #expect(lines[0].hasPrefix("::error title=breaking drift in huawei-iotda-walk%3A field-removed::"))
        #expect(lines[1].contains("100%25"))
        #expect(lines[1].contains("%0Asecond line"))
        #expect(lines[2].hasPrefix("::notice "))
        #expect(lines[3].hasPrefix("::warning title=stale cassette::"))
    }

    @Test func jsonParsesBackWithEveryFinding() throws {
        let json = try JSONParser.parse(Self.report.render(.json))
        let scenarios = try #require(json["scenarios"]?.arrayValue)
        #expect(scenarios.count == 2)
        let findings = try #require(scenarios[0]["findings"]?.arrayValue)
        #expect(findings.map { $0["kind"]?.stringValue } == ["field-removed", "contract-violation", "field-added"])
        #expect(findings[1]["rule"]?.stringValue == "enum-value")
        #expect(findings[2]["acceptedBecause"]?.stringValue == "announced")
        #expect(scenarios[1]["warnings"]?[0]?.stringValue?.contains("40 days") == true)
    }

    @Test func markdownIsATableWithOneRowPerFinding() {
        let lines = Self.report.render(.markdown).split(separator: "\n").map(String.init)
        let rows = lines.filter { $0.hasPrefix("| ") }
        #expect(rows.count == 2 + 3)
        let columns = rows.map { $0.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count }
        #expect(Set(columns) == [8], "every row has the header's 7 cells")
        #expect(lines.contains { $0.contains(":warning:") })
    }

    @Test func textCountsEachClassAndTheThresholdDecidesFailure() {
        let text = Self.report.render(.text)
        #expect(text.contains("2 scenario(s): 2 breaking, 0 possibly-breaking, 1 non-breaking"))
        #expect(Self.report.fails(at: .breaking))
        let mild = DriftReport(results: [
            .init(
                scenario: "s", findings: [DriftFinding(scenario: "s", kind: .fieldAdded, path: "$.x", old: "absent", new: "string")],
                freshCassette: "f", warnings: [])
        ])
        #expect(!mild.fails(at: .possiblyBreaking))
        #expect(mild.fails(at: .nonBreaking))
    }
}
