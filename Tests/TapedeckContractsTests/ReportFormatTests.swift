import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif
import Tapedeck
import TapedeckContracts
import Testing

/// text, json and junit reports of the same findings.
struct ReportFormatTests {
    static let report = Recordings.check("otc-ddm", [SeedExamples.ddm])

    @Test func jsonIsOneObjectWithAViolationsArray() throws {
        let document = try JSONParser.parse(ReportFormat.json.render([Self.report]))
        let violations = try #require(document["violations"]?.arrayValue)
        #expect(violations.count == Self.report.violations.count)
        let first = try #require(violations.first)
        #expect(first["rule"] == "enum-value")
        #expect(first["provider"] == "otc-ddm")
        #expect(first["exchange"] == 0)
        #expect(first["path"] == "$.jobs[0].status")
        #expect(first["expected"] == "Running, Completed, Failed")
        #expect(first["actual"] == "ToBeSwitched")
        #expect(first["message"]?.stringValue?.isEmpty == false)
    }

    @Test func textGroupsByWalkAndPageWithPathAndSeed() {
        let text = ReportFormat.text.render([Self.report])
        #expect(text.contains("walk 0: exchange 0, 1 pages, 3 items, complete"))
        #expect(text.contains("    page 0 (exchange 0)"))
        #expect(text.contains("enum-value at $.jobs[0].status"))
        #expect(text.contains("seed:     Table 5: status"))
    }

    @Test func junitHasATestCasePerRuleAndFailsTheBrokenOnes() throws {
        let xml = ReportFormat.junit.render([Self.report])
        let document = try XMLDocument(xmlString: xml)
        let cases = try document.nodes(forXPath: "//testcase")
        #expect(cases.count == ContractRule.allCases.count)
        let failing = try document.nodes(forXPath: "//testcase[failure]/@name").compactMap(\.stringValue)
        #expect(Set(failing) == ["enum-value", "items-in-window"])
    }
}
