import Foundation
import Tapedeck
import Testing

@testable import TapedeckContracts

struct ScenarioFileTests {
    static let valid = """
        summary: A marker walk in pages of 50.
        provider: huawei-iotda
        cassette: huawei-iotda/marker-walk.json
        request:
          path: /v5/iot/p1/iotda-instances/i1/tasks
          query:
            limit: "50"
        rules: all
        allow:
          - rule: enum-value
            path: $.tasks[*].status
            reason: the provider added a status in 2026
        """

    @Test func aValidScenarioReadsWhole() throws {
        let scenario = try Scenario(yaml: Self.valid, file: "s.yaml", name: "s")
        #expect(scenario.provider == "huawei-iotda")
        #expect(scenario.cassette == "huawei-iotda/marker-walk.json")
        #expect(scenario.rules == Set(ContractRule.allCases))
        #expect(scenario.allowances == [Allowance(rule: .enumValue, path: "$.tasks[*].status", reason: "the provider added a status in 2026")])
        let (url, relativeTimes) = try scenario.firstPage(
            baseURL: try #require(URL(string: "http://127.0.0.1:8080/huawei-iotda")),
            contract: try Recordings.catalogue.contract(for: "huawei-iotda"), now: Date(timeIntervalSince1970: 0))
        #expect(relativeTimes.isEmpty)
        #expect(url.absoluteString == "http://127.0.0.1:8080/huawei-iotda/v5/iot/p1/iotda-instances/i1/tasks?limit=50")
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        var yaml: String
        var message: String
        var testDescription: String { message }
    }

    @Test(arguments: [
        Bad(yaml: "provider: x\ncassette: c\n", message: "s.yaml:1:1: error: expected a `request` entry, found none"),
        Bad(yaml: "provider: x\ncassette: c\nrequest:\n  path: v5\n", message: "s.yaml:4:9: error: expected request.path starting with '/'"),
        Bad(yaml: "provider: x\ncassette: c\nrequest: {path: /a}\nrules: [enum-value, no-such-rule]\n", message: "s.yaml:4:21: error: expected a rule id"),
        Bad(yaml: "provider: x\ncassette: c\nrequest: {path: /a}\nallow:\n  - rule: enum-value\n", message: "s.yaml:5:5: error: expected a `reason` entry, found none"),
        Bad(yaml: "provider: x\ncassette: c\nrequest: {path: /a}\ncasette: typo\n", message: "s.yaml:4:1: error: expected one of the keys"),
        Bad(yaml: "provider: [x\n", message: "s.yaml: error: expected well-formed YAML"),
    ])
    func badScenariosGiveLocatedErrors(bad: Bad) {
        #expect {
            try Scenario(yaml: bad.yaml, file: "s.yaml", name: "s")
        } throws: { error in
            String(describing: error).contains(bad.message)
        }
    }
}
