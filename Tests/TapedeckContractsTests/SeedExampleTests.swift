import Foundation
import Tapedeck
import TapedeckContracts
import Testing

/// The seed pages' own examples: where an example disagrees with its table, the checker says so.
struct SeedExampleTests {
    private func found(_ report: CheckReport) -> Set<String> {
        Set(report.violations.map { "\($0.rule.rawValue) \($0.path)" })
    }

    @Test func ddmExampleStatusIsNotInTheDocumentedEnumeration() throws {
        let report = Recordings.check("otc-ddm", [SeedExamples.ddm])
        let status = try #require(report.violations(of: .enumValue).first)
        #expect(status.path == "$.jobs[0].status")
        #expect(status.actual == "ToBeSwitched")
        #expect(status.expected == "Running, Completed, Failed")
        #expect(status.seed?.contains("Table 5") == true)
        // The example's jobs were created after the example request's end_time (2025-05-15).
        #expect(report.violations(of: .itemsInWindow).count == 3)
        #expect(Set(report.violations.map(\.rule)) == [.enumValue, .itemsInWindow])
    }

    @Test func ddmExampleErrorHasTheDocumentedShape() {
        #expect(Recordings.check("otc-ddm", [SeedExamples.ddmError]).violations.isEmpty)
    }

    /// Its numeric marker is a documented form (Table 4 says String); its tasks come oldest first,
    /// against "descending order of record IDs … a newer record will have a larger ID".
    @Test func iotdaExampleListsItsTasksOldestFirst() throws {
        let report = Recordings.check("huawei-iotda", [SeedExamples.iotda])
        let order = try #require(report.violations(of: .markerMonotonic).first)
        #expect(order.path == "$.tasks[1].create_time")
        #expect(order.actual == "2021-08-19T01:52:49.493Z")
        #expect(order.seed?.contains("descending order of record IDs") == true)
        // The example reports a count of 1 beside two tasks, and (recorded the day after the second task)
        // its first task is more than 180 days old.
        #expect(
            found(report) == [
                "marker-monotonic $.tasks[1].create_time", "items-in-window $.tasks[0].create_time", "total-matches $.page.count",
            ])
    }

    /// Besides the names, the example reports a `job_count` of 2 beside one job on a last page.
    /// Its integer `job_count` is what the contract decided on (the example and the official SDK against Table 3).
    @Test func kafkaExampleJobCountDisagreesWithItsJobsAndTheRequestUsesUndocumentedNames() {
        let report = Recordings.check("huawei-kafka", [SeedExamples.kafka])
        #expect(
            found(report) == [
                "total-matches $.job_count", "param-range request.path", "param-range request.query.beginTime",
                "param-range request.query.endTime",
            ])
        #expect(report.violations(of: .paramRange).first?.expected == "/v2/{project_id}/instances/{instance_id}/scheduled-tasks")
    }

    @Test func yandexExampleShowsTypeNamesInsteadOfValues() {
        let report = Recordings.check("yandex-backup", [SeedExamples.yandex])
        let paths = found(report)
        #expect(paths.contains("field-type $.tasks[0].cancellable"))
        #expect(paths.contains("enum-value $.tasks[0].status"))
        #expect(paths.contains("time-format $.tasks[0].enqueuedAt"))
        #expect(paths.contains("value-format $.tasks[0].id"))
    }

    /// The samples follow their tables, but stand for the signature parameters (which the
    /// page requires, since it requires authentication) with `<[Common request parameters]>`.
    @Test(arguments: ["JSON", "XML"])
    func alibabaExamplesFollowTheirTablesButLeaveOutTheSignature(_ format: String) {
        let example = format == "XML" ? SeedExamples.alibabaXML : SeedExamples.alibabaJSON
        let report = Recordings.check("alibaba-petadata", [example])
        #expect(
            found(report)
                == Set(
                    ["AccessKeyId", "Signature", "SignatureMethod", "SignatureNonce", "SignatureVersion", "Timestamp"].map {
                        "param-range request.query.\($0)"
                    }), "\(report.violations.map { "\($0.rule.rawValue) \($0.path): \($0.message)" })")
        #expect(report.walks.first?.isComplete == true)
    }

    @Test func alibabaXMLIsCheckedLikeJSON() throws {
        var xml = SeedExamples.alibabaXML
        let text = String(decoding: xml.response.body.data, as: UTF8.self)
            .replacingOccurrences(of: "<TotalRecords>0</TotalRecords>", with: "<TotalRecords>none</TotalRecords>")
        xml.response.body = RecordedBody(content: .text(text))
        let report = Recordings.check("alibaba-petadata", [xml])
        let violation = try #require(report.violations(of: .fieldType).first)
        #expect(violation.path == "$.TotalRecords")
    }
}
