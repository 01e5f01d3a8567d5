import Foundation
import Tapedeck
import TapedeckContracts
import Testing

/// Recordings are split into page walks; cross-page rules run per walk.
struct WalkSplittingTests {
    typealias R = Recordings

    @Test func aFirstPageRequestStartsANewWalk() {
        let report = R.check("otc-ddm", R.ddmWalk + R.ddmWalk)
        #expect(report.walks.map(\.exchanges) == [[0, 1, 2], [3, 4, 5]])
        #expect(report.walks.allSatisfy { $0.isComplete && $0.items == 5 })
        // The same ids in two walks are not duplicates.
        #expect(report.violations.isEmpty)
    }

    @Test func aChangedNonPagingParameterStartsANewWalk() {
        let other = R.ddmPage(offset: 2, jobs: [R.ddmJob(3), R.ddmJob(4)], start: R.ddmStart + 1)
        let report = R.check("otc-ddm", [R.ddmWalk[0], other])
        #expect(report.walks.map(\.exchanges) == [[0], [1]])
        #expect(report.walks.map(\.isComplete) == [false, false])
    }

    @Test func anIncompleteWalkIsNotATotalMismatch() {
        let report = R.check("otc-ddm", Array(R.ddmWalk.prefix(2)))
        #expect(report.walks.first?.isComplete == false)
        #expect(report.violations.isEmpty)
    }

    @Test func violationsNameTheirWalkAndPage() throws {
        let broken = R.ddmWalk + [R.ddmPage(offset: 0, jobs: [R.ddmJob(1), R.ddmJob(1)])]
        let duplicate = try #require(R.check("otc-ddm", broken).violations(of: .noDuplicates).first)
        #expect((duplicate.exchange, duplicate.walk, duplicate.page) == (3, 1, 0))
        #expect(duplicate.path == "$.jobs[1].id")
    }

    @Test func aShortTokenPageWithANextTokenDoesNotEndTheWalk() {
        let report = R.check("yandex-backup", [R.yandexPage(token: nil, next: "t1", tasks: [R.yandexTask(1)])])
        #expect(report.walks.first?.isComplete == false)
        #expect(R.check("yandex-backup", R.yandexWalk).walks.first?.isComplete == true)
    }

    @Test func violationsDescribeThemselvesOnOneLine() throws {
        let report = R.check("otc-ddm", [SeedExamples.ddm])
        let first = try #require(report.violations.first)
        #expect(
            "\(first)" == "enum-value at $.jobs[0].status (exchange 0, walk 0, page 0): \"ToBeSwitched\" is not one of "
                + "the documented values; expected Running, Completed, Failed, found ToBeSwitched")
    }

    @Test func aFullMarkerPageWithoutAMarkerCannotContinue() throws {
        var page = R.iotdaPage(marker: nil, next: "", tasks: [R.iotdaTask("0a"), R.iotdaTask("0b")])
        var body = page.response.body.json!.objectValue!
        body["page"] = ["count": 3]
        page.response.body = RecordedBody(content: .json(.object(body)))
        let report = R.check("huawei-iotda", [page])
        let violation = try #require(report.violations(of: .cursorTerminates).first)
        #expect(violation.path == "$.page.marker")
        // The walk ends there, two items short of its total.
        #expect(report.violations(of: .totalMatches).count == 1)
    }

    @Test func markerWalksChainAndEndOnAShortPage() {
        let report = R.check("huawei-iotda", R.iotdaWalk)
        #expect(report.walks.count == 1)
        #expect(report.walks.first?.isComplete == true)
    }

    @Test func rulesCanBeChosenAndDeviationsAllowed() throws {
        let broken = [R.ddmPage(offset: 0, limit: 10, total: 1, jobs: [R.ddmJob(1, status: "ToBeSwitched")])]
        let contract = R.contract("otc-ddm")
        #expect(ContractChecker(contract: contract, rules: [.requiredField]).check(broken).violations.isEmpty)
        let allowed = ContractChecker(
            contract: contract, allowances: [try Allowance(parsing: "enum-value@$.jobs[*].status")]
        ).check(broken)
        #expect(allowed.violations.count == 1)
        #expect(allowed.isClean)
        let elsewhere = ContractChecker(contract: contract, allowances: [Allowance(rule: .enumValue, path: "$.other")])
        #expect(!elsewhere.check(broken).isClean)
    }

    @Test func timeRulesAreJudgedAgainstTheRecordingTime() {
        var old = R.ddmPage(offset: 0, limit: 10, total: 1, jobs: [R.ddmJob(1)], start: R.ddmEnd - 29 * 86_400_000)
        #expect(R.check("otc-ddm", [old]).violations.isEmpty)
        old.recordedAt = R.recordedAt.addingTimeInterval(2 * 86_400)
        #expect(R.check("otc-ddm", [old]).violations.map(\.rule) == [.timeWindow])
        // A start computed as "now minus 30 days" just before the request was recorded is within the limit.
        var justNow = R.ddmPage(offset: 0, limit: 10, total: 1, jobs: [R.ddmJob(1)], start: R.ddmEnd - 30 * 86_400_000)
        justNow.recordedAt = R.recordedAt.addingTimeInterval(0.5)
        #expect(R.check("otc-ddm", [justNow]).violations.isEmpty)
    }
}
