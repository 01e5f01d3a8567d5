import Foundation
import Tapedeck
import TapedeckContracts
import TapedeckTestSupport

/// Contracts and small synthetic recordings shared by the tests.
enum Recordings {
    /// The repository's root folder.
    static let root = PackageRoot.url

    /// The built-in contracts, as every command sees them.
    static let catalogue = ContractCatalogue.builtIn

    static func contract(_ provider: String) -> Contract {
        do {
            return try catalogue.contract(for: provider)
        } catch {
            fatalError("\(error)")
        }
    }

    /// 2026-05-01T00:00:00Z: when the synthetic exchanges were "recorded".
    static let recordedAt = Date(timeIntervalSince1970: 1_777_593_600)

    static func exchange(
        _ url: String, status: Int = 200, body: JSONValue, headers: HeaderFields = [:], at date: Date = recordedAt
    ) -> Interaction {
        Interaction(
            request: RecordedRequest(method: "GET", url: url, headers: headers),
            response: RecordedResponse(
                status: status, headers: ["Content-Type": "application/json"], body: RecordedBody(content: .json(body))),
            recordedAt: date, duration: 0.01)
    }

    static func check(_ provider: String, _ interactions: [Interaction]) -> CheckReport {
        ContractChecker(contract: contract(provider)).check(interactions)
    }

    // MARK: otc-ddm: offset paging, total, echo, a 30-day window in milliseconds.

    static let ddmBase = "https://ddm.example.com/v3/0123456789abcdef/jobs"
    static let ddmStart = 1_777_593_600_000 - 10 * 86_400_000
    static let ddmEnd = 1_777_593_600_000

    static func ddmJob(_ id: Int, status: String = "Completed", created: String = "2026-04-25T10:00:00+0000") -> JSONValue {
        [
            "id": .string("job-\(id)"), "name": "migrateLogicDb", "status": .string(status), "created_time": .string(created),
            "end_time": "2026-04-25T10:05:00+0000", "process": "", "instance_name": "ddm-1",
            "instance_id": "733c7e8d73a54c27b8308ec784a8be8cin09", "operations": [], "database_name": "db",
            "fail_reason": "",
        ]
    }

    static func ddmPage(offset: Int, limit: Int = 2, total: Int = 5, jobs: [JSONValue], start: Int = ddmStart) -> Interaction {
        exchange(
            "\(ddmBase)?offset=\(offset)&limit=\(limit)&start_time=\(start)&end_time=\(ddmEnd)",
            body: ["offset": .integer(offset), "limit": .integer(limit), "total": .integer(total), "jobs": .array(jobs)],
            headers: ["X-Auth-Token": "TAPEDECK-REDACTED-1"])
    }

    /// A complete walk of five jobs in pages of two.
    static var ddmWalk: [Interaction] {
        [
            ddmPage(offset: 0, jobs: [ddmJob(1), ddmJob(2)]),
            ddmPage(offset: 2, jobs: [ddmJob(3), ddmJob(4)]),
            ddmPage(offset: 4, jobs: [ddmJob(5)]),
        ]
    }

    // MARK: huawei-iotda: descending marker, default limit 500, 180-day item window.

    static let iotdaBase = "https://iot.example.com/v5/iot/project/iotda-instances/0a1b2c3d-4e5f/tasks"

    static func iotdaTask(_ id: String, created: String = "2026-04-20T01:52:49.493Z") -> JSONValue {
        ["task_id": .string(id), "type": "CREATE", "status": "SUCCESS", "create_time": .string(created), "target_config": nil]
    }

    static func iotdaPage(marker: String?, limit: Int = 2, next: String, count: Int = 3, tasks: [JSONValue]) -> Interaction {
        let query = ["limit=\(limit)"] + (marker.map { ["marker=\($0)"] } ?? [])
        return exchange(
            "\(iotdaBase)?" + query.joined(separator: "&"),
            body: ["page": ["count": .integer(count), "marker": .string(next)], "tasks": .array(tasks)])
    }

    static var iotdaWalk: [Interaction] {
        [
            iotdaPage(marker: nil, next: "900", tasks: [iotdaTask("0a"), iotdaTask("0b")]),
            iotdaPage(marker: "900", next: "800", tasks: [iotdaTask("0c")]),
        ]
    }

    // MARK: yandex-backup: page tokens, no total, items belong to the path's instance.

    static let yandexBase = "https://backup.example.com/backup/v1/resources/epd-instance-1/tasks"

    static func yandexTask(_ id: Int, instance: String = "epd-instance-1") -> JSONValue {
        [
            "id": .string(String(id)), "cancellable": false, "type": "BACKUP", "status": "COMPLETED",
            "enqueuedAt": "2026-04-30T10:00:00.123456Z", "computeInstanceId": .string(instance), "resultCode": "OK",
        ]
    }

    static func yandexPage(token: String?, next: String?, tasks: [JSONValue]) -> Interaction {
        var body = JSONObject()
        body["tasks"] = .array(tasks)
        if let next { body["nextPageToken"] = .string(next) }
        return exchange("\(yandexBase)?pageSize=2" + (token.map { "&pageToken=\($0)" } ?? ""), body: .object(body))
    }

    static var yandexWalk: [Interaction] {
        [
            yandexPage(token: nil, next: "t1", tasks: [yandexTask(1), yandexTask(2)]),
            yandexPage(token: "t1", next: "t2", tasks: [yandexTask(3), yandexTask(4)]),
            yandexPage(token: "t2", next: nil, tasks: [yandexTask(5)]),
        ]
    }

    // MARK: huawei-kafka: offset `start` as a string, `job_count` an integer (the contract's evidence).

    static let kafkaBase = "https://dms.example.com/v2/project/instances/instance-1/scheduled-tasks"

    static func kafkaJob(_ id: Int, status: String = "SUCCESS") -> JSONValue {
        [
            "id": .string("ff80808\(id)"), "name": "jobName", "user_name": "paas", "user_id": "0b01",
            "params": "{}", "status": .string(status), "created_at": "2026-04-09T03:23:12.702Z",
            "updated_at": "2026-04-09T03:35:00.067Z", "schedule_at": "2026-04-08T05:08:26.000Z",
        ]
    }

    static func kafkaPage(start: Int, jobs: [JSONValue], count: JSONValue = 3) -> Interaction {
        exchange(
            "\(kafkaBase)?start=\(start)&limit=2&begin_time=20260401000000&end_time=20260501000000",
            body: ["job_count": count, "jobs": .array(jobs)])
    }

    static var kafkaWalk: [Interaction] {
        [kafkaPage(start: 0, jobs: [kafkaJob(1), kafkaJob(2)]), kafkaPage(start: 2, jobs: [kafkaJob(3)])]
    }

    // MARK: alibaba-petadata: page numbers, TotalRecords, Tasks.Task, echoes, filters.

    static func alibabaTask(_ id: Int, action: String = "CreateInstance", status: String = "1") -> JSONValue {
        ["TaskId": .string(String(id)), "BeginTime": "2026-04-10T00:00:00Z", "Status": .string(status), "TaskAction": .string(action)]
    }

    static func alibabaPage(page: Int, tasks: [JSONValue], total: Int = 31, extra: String = "") -> Interaction {
        exchange(
            "https://petadata.aliyuncs.com/?Action=DescribeTasks&InstanceId=pd-1&StartTime=2026-04-01T00:00:00Z"
                + "&EndTime=2026-04-30T00:00:00Z&PageNumbers=\(page)&MaxRecordsPerPage=30&Format=JSON\(extra)"
                + "&AccessKeyId=REDACTED-accesskeyid-1&SignatureMethod=HMAC-SHA1&SignatureVersion=1.0&SignatureNonce=REDACTED-signaturenonce-\(page)"
                + "&Timestamp=2026-04-30T00:00:00Z&Signature=REDACTED-signature-\(page)",
            body: [
                "PageNumbers": .integer(page), "InstanceId": "pd-1", "RequestId": "D243B1DE", "MaxRecordsPerPage": 30,
                "Tasks": ["Task": .array(tasks)], "EndTime": "2026-04-30T00:00:00Z", "StartTime": "2026-04-01T00:00:00Z",
                "TotalRecords": .integer(total),
            ])
    }

    static var alibabaWalk: [Interaction] {
        [alibabaPage(page: 1, tasks: (1...30).map { alibabaTask($0) }), alibabaPage(page: 2, tasks: [alibabaTask(31)])]
    }
}
