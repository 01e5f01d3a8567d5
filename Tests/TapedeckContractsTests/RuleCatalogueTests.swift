import Foundation
import Tapedeck
import TapedeckContracts
import Testing

/// Every rule: a small recording that must trigger it, and a near-identical one that must not.
struct RuleCatalogueTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var rule: ContractRule
        var provider: String
        var clean: [Interaction]
        var broken: [Interaction]
        /// Where the violation must be reported.
        var path: String
        var testDescription: String { rule.rawValue }
    }

    static func replacing(_ walk: [Interaction], at index: Int, with interaction: Interaction) -> [Interaction] {
        var walk = walk
        walk[index] = interaction
        return walk
    }

    static let cases: [Case] = {
        typealias R = Recordings
        var ddmMissingName = R.ddmJob(1).objectValue!
        ddmMissingName["name"] = nil
        var error = R.exchange(
            "\(R.ddmBase)?start_time=\(R.ddmStart)&end_time=\(R.ddmEnd)", status: 400,
            body: ["error_code": "DBS.280001", "error_msg": "Parameter error."], headers: ["X-Auth-Token": "x"])
        let clean400 = error
        error.response.body = RecordedBody(content: .json(["error_code": "DBS.280001"]))
        return [
            Case(
                rule: .requiredField, provider: "otc-ddm", clean: R.ddmWalk,
                broken: replacing(R.ddmWalk, at: 0, with: R.ddmPage(offset: 0, jobs: [.object(ddmMissingName), R.ddmJob(2)])),
                path: "$.jobs[0].name"),
            Case(
                rule: .fieldType, provider: "huawei-kafka", clean: R.kafkaWalk,
                broken: replacing(R.kafkaWalk, at: 1, with: R.kafkaPage(start: 2, jobs: [R.kafkaJob(3)], count: true)),
                path: "$.job_count"),
            Case(
                rule: .enumValue, provider: "otc-ddm", clean: R.ddmWalk,
                broken: replacing(R.ddmWalk, at: 1, with: R.ddmPage(offset: 2, jobs: [R.ddmJob(3, status: "ToBeSwitched"), R.ddmJob(4)])),
                path: "$.jobs[0].status"),
            Case(
                rule: .timeFormat, provider: "huawei-iotda", clean: R.iotdaWalk,
                broken: replacing(
                    R.iotdaWalk, at: 1, with: R.iotdaPage(marker: "900", next: "800", tasks: [R.iotdaTask("0c", created: "2026-04-20 01:52:49")])),
                path: "$.tasks[0].create_time"),
            Case(
                rule: .valueFormat, provider: "huawei-iotda", clean: R.iotdaWalk,
                broken: replacing(R.iotdaWalk, at: 1, with: R.iotdaPage(marker: "900", next: "800", tasks: [R.iotdaTask("0C")])),
                path: "$.tasks[0].task_id"),
            Case(
                rule: .paramRange, provider: "otc-ddm", clean: R.ddmWalk,
                broken: replacing(R.ddmWalk, at: 2, with: R.ddmPage(offset: 4, limit: 200, jobs: [R.ddmJob(5)])),
                path: "request.query.limit"),
            Case(
                rule: .timeWindow, provider: "otc-ddm",
                clean: [R.ddmPage(offset: 0, limit: 10, total: 1, jobs: [R.ddmJob(1)], start: R.ddmEnd - 29 * 86_400_000)],
                broken: [R.ddmPage(offset: 0, limit: 10, total: 1, jobs: [R.ddmJob(1)], start: R.ddmEnd - 31 * 86_400_000)],
                path: "request.query.start_time"),
            Case(
                rule: .pageSize, provider: "huawei-iotda", clean: R.iotdaWalk,
                broken: replacing(
                    R.iotdaWalk, at: 0, with: R.iotdaPage(marker: nil, next: "900", tasks: [R.iotdaTask("0a"), R.iotdaTask("0b"), R.iotdaTask("0d")])),
                path: "$.tasks"),
            Case(
                rule: .totalStable, provider: "otc-ddm", clean: R.ddmWalk,
                broken: replacing(R.ddmWalk, at: 1, with: R.ddmPage(offset: 2, total: 6, jobs: [R.ddmJob(3), R.ddmJob(4)])),
                path: "$.total"),
            Case(
                rule: .totalMatches, provider: "otc-ddm", clean: R.ddmWalk,
                broken: Array(R.ddmWalk.dropLast()) + [R.ddmPage(offset: 4, jobs: [])],
                path: "$.total"),
            Case(
                rule: .noDuplicates, provider: "yandex-backup", clean: R.yandexWalk,
                broken: replacing(R.yandexWalk, at: 1, with: R.yandexPage(token: "t1", next: "t2", tasks: [R.yandexTask(2), R.yandexTask(4)])),
                path: "$.tasks[0].id"),
            Case(
                rule: .markerMonotonic, provider: "huawei-iotda", clean: R.iotdaWalk,
                broken: replacing(R.iotdaWalk, at: 1, with: R.iotdaPage(marker: "900", next: "1000", tasks: [R.iotdaTask("0c")])),
                path: "$.page.marker"),
            Case(
                rule: .cursorTerminates, provider: "yandex-backup", clean: R.yandexWalk,
                broken: replacing(R.yandexWalk, at: 1, with: R.yandexPage(token: "t1", next: "t1", tasks: [R.yandexTask(3), R.yandexTask(4)])),
                path: "$.nextPageToken"),
            Case(
                rule: .echoMismatch, provider: "alibaba-petadata", clean: R.alibabaWalk,
                broken: replacing(
                    R.alibabaWalk, at: 1,
                    with: {
                        var page = R.alibabaPage(page: 2, tasks: [R.alibabaTask(31)])
                        var body = page.response.body.json!.objectValue!
                        body["PageNumbers"] = 1
                        page.response.body = RecordedBody(content: .json(.object(body)))
                        return page
                    }()),
                path: "$.PageNumbers"),
            Case(
                rule: .itemsInWindow, provider: "otc-ddm", clean: R.ddmWalk,
                broken: replacing(R.ddmWalk, at: 2, with: R.ddmPage(offset: 4, jobs: [R.ddmJob(5, created: "2026-03-01T10:00:00+0000")])),
                path: "$.jobs[0].created_time"),
            Case(
                rule: .filterHonored, provider: "alibaba-petadata",
                clean: [R.alibabaPage(page: 1, tasks: [R.alibabaTask(1, status: "2")], total: 1, extra: "&TaskStatus=2,4")],
                broken: [R.alibabaPage(page: 1, tasks: [R.alibabaTask(1, status: "3")], total: 1, extra: "&TaskStatus=2,4")],
                path: "$.Tasks.Task[0].Status"),
            Case(rule: .errorShape, provider: "otc-ddm", clean: [clean400], broken: [error], path: "$.error_msg"),
            Case(
                rule: .statusCode, provider: "huawei-kafka", clean: R.kafkaWalk,
                broken: R.kafkaWalk + [R.exchange("\(R.kafkaBase)?start=0", status: 500, body: ["error_code": "DMS.500"])],
                path: "$"),
        ]
    }()

    @Test(arguments: ["alibaba-petadata", "huawei-kafka", "huawei-iotda", "yandex-backup", "otc-ddm"])
    func cleanWalksOfEveryProviderReportNothing(_ provider: String) {
        let walk: [Interaction] =
            switch provider {
            case "alibaba-petadata": Recordings.alibabaWalk
            case "huawei-kafka": Recordings.kafkaWalk
            case "huawei-iotda": Recordings.iotdaWalk
            case "yandex-backup": Recordings.yandexWalk
            default: Recordings.ddmWalk
            }
        let report = Recordings.check(provider, walk)
        #expect(report.violations.isEmpty, "\(report.violations)")
        #expect(report.walks.count == 1)
        #expect(report.walks.first?.isComplete == true)
        #expect(report.walks.first?.pages == walk.count)
    }

    @Test func everyRuleHasACase() {
        #expect(Set(Self.cases.map(\.rule)) == Set(ContractRule.allCases))
    }

    @Test(arguments: cases)
    func brokenRecordingTriggersTheRule(_ rule: Case) throws {
        let report = Recordings.check(rule.provider, rule.broken)
        let found = report.violations(of: rule.rule)
        try #require(!found.isEmpty, "expected \(rule.rule.rawValue); got \(report.violations.map { "\($0.rule.rawValue) \($0.path)" })")
        #expect(found.contains { $0.path == rule.path }, "paths: \(found.map(\.path))")
        #expect(found.allSatisfy { $0.provider == rule.provider && $0.isFailing })
        if rule.rule != .statusCode {
            #expect(found.contains { $0.seed != nil }, "every rule but status-code names the seed text behind it")
        }
    }

    @Test(arguments: cases)
    func nearIdenticalCleanRecordingDoesNot(_ rule: Case) {
        let report = Recordings.check(rule.provider, rule.clean)
        #expect(report.violations.isEmpty, "\(report.violations.map { "\($0.rule.rawValue) \($0.path): \($0.message)" })")
    }
}
