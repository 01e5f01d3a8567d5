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

    static let ddmWindow = """
        provider: otc-ddm
        cassette: otc-ddm/w.json
        request:
          path: /v3/619d3e78f61b4be68bc5aa0b59edcf7b/jobs
          query:
            limit: "10"
            start_time: "{now-7d}"
            end_time: "{now}"
            note: "{now+1h:date-time}"
        """

    @Test func relativeTimesAreWrittenInTheContractsFormatAtTheGivenNow() throws {
        let scenario = try Scenario(yaml: Self.ddmWindow, file: "w.yaml", name: "w")
        #expect(scenario.relativeTimes.map(\.name) == ["start_time", "end_time", "note"])
        #expect(scenario.relativeTimes.map(\.line) == [7, 8, 9])
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let (url, bindings) = try scenario.firstPage(
            baseURL: try #require(URL(string: "http://127.0.0.1:9/otc-ddm")), contract: Recordings.contract("otc-ddm"), now: now)
        #expect(
            url.absoluteString
                == "http://127.0.0.1:9/otc-ddm/v3/619d3e78f61b4be68bc5aa0b59edcf7b/jobs?limit=10&start_time=1799395200000&end_time=1800000000000&note=2027-01-15T09:00:00Z"
        )
        #expect(bindings.map(\.value) == ["1799395200000", "1800000000000", "2027-01-15T09:00:00Z"])
        #expect(bindings.map(\.time.expression) == ["{now-7d}", "{now}", "{now+1h:date-time}"])
    }

    @Test func kafkaAndAlibabaWindowsTakeTheirOwnFormats() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let kafka = try Scenario(
            yaml: "provider: huawei-kafka\ncassette: k.json\nrequest:\n  path: /v2/p/instances/i/scheduled-tasks\n  query:\n    begin_time: \"{now-1d-2h}\"\n",
            file: "k.yaml", name: "k")
        let (kafkaURL, _) = try kafka.firstPage(
            baseURL: try #require(URL(string: "http://127.0.0.1:9/huawei-kafka")), contract: Recordings.contract("huawei-kafka"), now: now)
        #expect(kafkaURL.query == "begin_time=20270114060000")
        let alibaba = try Scenario(
            yaml: "provider: alibaba-petadata\ncassette: a.json\nrequest:\n  path: /\n  query:\n    Action: DescribeTasks\n    StartTime: \"{now-2w}\"\n",
            file: "a.yaml", name: "a")
        let (alibabaURL, _) = try alibaba.firstPage(
            baseURL: try #require(URL(string: "http://127.0.0.1:9/alibaba-petadata")), contract: Recordings.contract("alibaba-petadata"), now: now)
        #expect(alibabaURL.query == "Action=DescribeTasks&StartTime=2027-01-01T08:00:00Z")
    }

    @Test func aRelativeTimeWithNoDocumentedFormatNamesItsLine() throws {
        let scenario = try Scenario(
            yaml: "provider: otc-ddm\ncassette: c.json\nrequest:\n  path: /v3/p/jobs\n  query:\n    since: \"{now-1d}\"\n", file: "c.yaml", name: "c")
        #expect {
            try scenario.firstPage(
                baseURL: try #require(URL(string: "http://127.0.0.1:9/otc-ddm")), contract: Recordings.contract("otc-ddm"), now: Date(timeIntervalSince1970: 0))
        } throws: { error in
            let text = String(describing: error)
            return text.hasPrefix("c.yaml:6:12: error: expected a time format for since {now-1d}") && text.contains("{now-7d:epoch-millis}")
        }
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        var yaml: String
        var message: String
        var testDescription: String { message }
    }

    @Test(arguments: [
        Bad(yaml: "provider: otc-ddm\ncassette: c\n", message: "s.yaml:1:1: error: expected a `request` entry, found none"),
        Bad(yaml: "provider: otc-ddm\ncassette: c\nrequest:\n  path: v5\n", message: "s.yaml:4:9: error: expected request.path starting with '/'"),
        Bad(
            yaml: "provider: otc-ddm\ncassette: c\nrequest: {path: /a}\nrules: [enum-value, no-such-rule]\n", message: "s.yaml:4:21: error: expected a rule id"),
        Bad(
            yaml: "provider: otc-ddm\ncassette: c\nrequest: {path: /a}\nallow:\n  - rule: enum-value\n",
            message: "s.yaml:5:5: error: expected a `reason` entry, found none"),
        Bad(yaml: "provider: otc-ddm\ncassette: c\nrequest: {path: /a}\ncasette: typo\n", message: "s.yaml:4:1: error: expected one of the keys"),
        Bad(yaml: "provider: [x\n", message: "s.yaml:2:1: error: expected well-formed YAML"),
        Bad(
            yaml: "provider: otc-ddm\ncassette: c\nrequest:\n  path: /a\n  query:\n    start_time: \"{now-7x}\"\n",
            message: "s.yaml:6:17: error: expected request.query.start_time to be a relative time: a unit after 7"),
        Bad(
            yaml: "provider: otc-ddm\ncassette: c\nrequest:\n  path: /a\n  query:\n    end: \"{now:unix}\"\n",
            message: "s.yaml:6:10: error: expected request.query.end to be a relative time: a time format after ':'"),
    ])
    func badScenariosGiveLocatedErrors(bad: Bad) {
        #expect {
            try Scenario(yaml: bad.yaml, file: "s.yaml", name: "s")
        } throws: { error in
            String(describing: error).contains(bad.message)
        }
    }
}
