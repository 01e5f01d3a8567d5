import Foundation
import Tapedeck
import TapedeckContracts
import Testing

/// The constraints the seed pages state (the table in `docs/contracts.md`), one
/// case each way: a recording that satisfies the constraint checks clean, one
/// that breaks it is reported by the named rule. Where a constraint covers a
/// class of values, the cases are generated members of it.
struct DocumentedConstraintTests {
    /// One recording and what the checker must say of it: nothing, or `rule`.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var provider: String
        var recording: [Interaction]
        var rule: ContractRule?
        /// Whether the named rule is the only one reported (a malformed value may also break what depends on it).
        var alone = true

        var testDescription: String { "\(provider): \(name) → \(rule?.rawValue ?? "clean")" }
    }

    /// `object` with `changes` applied (a nil value removes the member).
    static func with(_ object: JSONValue, _ changes: [String: JSONValue?]) -> JSONValue {
        var members = object.objectValue ?? JSONObject()
        for (key, value) in changes.sorted(by: { $0.key < $1.key }) { members[key] = value }
        return .object(members)
    }

    // MARK: yandex-backup

    static func yandex(query: String, tasks: [JSONValue], next: String? = nil) -> [Interaction] {
        var body = JSONObject()
        body["tasks"] = .array(tasks)
        if let next { body["nextPageToken"] = .string(next) }
        return [Recordings.exchange("\(Recordings.yandexBase)?\(query)", body: .object(body))]
    }

    static func yandexTasks(_ count: Int) -> [JSONValue] { (0..<count).map { Recordings.yandexTask(1_000 + $0) } }

    /// proto3's unset page size: any number of items is within "the default".
    static let pageSizeZero: [Case] =
        [0, 1, 3, 101, 1_000].flatMap { (count: Int) -> [Case] in
            [
                Case(
                    name: "pageSize=0 with \(count) tasks", provider: "yandex-backup", recording: yandex(query: "pageSize=0", tasks: yandexTasks(count)),
                    rule: nil),
                Case(name: "no pageSize with \(count) tasks", provider: "yandex-backup", recording: yandex(query: "", tasks: yandexTasks(count)), rule: nil),
            ]
        }
        + [1, 2, 7].map { (size: Int) -> Case in
            Case(
                name: "pageSize=\(size) with \(size + 1) tasks", provider: "yandex-backup",
                recording: yandex(query: "pageSize=\(size)", tasks: yandexTasks(size + 1)), rule: .pageSize)
        }

    /// "Task error message if task finished with not OK code."
    static let yandexError: [Case] = {
        let finished: [Case] = ["ERROR", "WARNING", "CANCELLED", "ABANDONED", "TIMEDOUT", "CODE_UNSPECIFIED"].map { (code: String) -> Case in
            Case(
                name: "COMPLETED, \(code), error", provider: "yandex-backup",
                recording: yandex(query: "pageSize=5", tasks: [with(Recordings.yandexTask(1), ["resultCode": .string(code), "error": "disk full"])]),
                rule: nil)
        }
        let unfinished: [Case] = ["ENQUEUED", "ASSIGNED", "STARTED", "PAUSED", "STATUS_UNSPECIFIED"].map { (status: String) -> Case in
            Case(
                name: "\(status), ERROR, error", provider: "yandex-backup",
                recording: yandex(
                    query: "pageSize=5", tasks: [with(Recordings.yandexTask(1), ["status": .string(status), "resultCode": "ERROR", "error": "disk full"])]),
                rule: .valueFormat)
        }
        return finished + unfinished + [
            Case(
                name: "COMPLETED, no resultCode, error", provider: "yandex-backup",
                recording: yandex(query: "pageSize=5", tasks: [with(Recordings.yandexTask(1), ["resultCode": nil, "error": "x"])]), rule: nil),
            Case(
                name: "COMPLETED, OK, error", provider: "yandex-backup",
                recording: yandex(query: "pageSize=5", tasks: [with(Recordings.yandexTask(1), ["error": "disk full"])]), rule: .valueFormat),
            Case(
                name: "COMPLETED, OK, empty error", provider: "yandex-backup",
                recording: yandex(query: "pageSize=5", tasks: [with(Recordings.yandexTask(1), ["error": ""])]), rule: nil),
        ]
    }()

    /// "Note: task cancellation is not supported yet."
    static let cancellable: [Case] = [
        Case(
            name: "cancellable false", provider: "yandex-backup", recording: yandex(query: "", tasks: [with(Recordings.yandexTask(1), ["cancellable": false])]),
            rule: nil),
        Case(
            name: "cancellable left out", provider: "yandex-backup",
            recording: yandex(query: "", tasks: [with(Recordings.yandexTask(1), ["cancellable": nil])]), rule: nil),
        Case(
            name: "cancellable true", provider: "yandex-backup", recording: yandex(query: "", tasks: [with(Recordings.yandexTask(1), ["cancellable": true])]),
            rule: .enumValue),
    ]

    // MARK: alibaba-petadata

    static let alibabaQuery =
        "https://petadata.aliyuncs.com/?Action=DescribeTasks&InstanceId=pd-1&StartTime=2026-04-01T00:00:00Z"
        + "&EndTime=2026-04-30T00:00:00Z&MaxRecordsPerPage=30&AccessKeyId=REDACTED-1&SignatureMethod=HMAC-SHA1"
        + "&SignatureVersion=1.0&SignatureNonce=REDACTED-2&Timestamp=2026-04-30T00:00:00Z&Signature=REDACTED-3"

    static func alibaba(_ extra: String, echoedPage: Int = 1, tasks: [JSONValue], total: Int? = nil) -> [Interaction] {
        [
            Recordings.exchange(
                alibabaQuery + extra,
                body: [
                    "PageNumbers": .integer(echoedPage), "InstanceId": "pd-1", "RequestId": "D243B1DE", "MaxRecordsPerPage": 30,
                    "Tasks": ["Task": .array(tasks)], "EndTime": "2026-04-30T00:00:00Z", "StartTime": "2026-04-01T00:00:00Z",
                    "TotalRecords": .integer(total ?? tasks.count),
                ])
        ]
    }

    /// "PageNumbers … Default value: 1": a request without it is page 1.
    static let pageNumbers: [Case] =
        [
            Case(name: "no PageNumbers, page 1 echoed", provider: "alibaba-petadata", recording: alibaba("", tasks: [Recordings.alibabaTask(1)]), rule: nil),
            Case(name: "PageNumbers=1", provider: "alibaba-petadata", recording: alibaba("&PageNumbers=1", tasks: [Recordings.alibabaTask(1)]), rule: nil),
            Case(
                name: "no PageNumbers, page 2 echoed", provider: "alibaba-petadata", recording: alibaba("", echoedPage: 2, tasks: [Recordings.alibabaTask(1)]),
                rule: .echoMismatch),
        ]
        + ["0", "-1", "x"].map { (page: String) -> Case in
            Case(
                name: "PageNumbers=\(page)", provider: "alibaba-petadata", recording: alibaba("&PageNumbers=\(page)", tasks: []), rule: .paramRange,
                alone: false)
        }

    /// Status has no documented values; TaskStatus (default 0, 1, 3) judges only the values it can name.
    static let alibabaStatus: [Case] =
        ["0", "1", "3", "6", "7", "Running", "Succeeded", ""].map { (status: String) -> Case in
            Case(
                name: "Status \"\(status)\", no TaskStatus", provider: "alibaba-petadata",
                recording: alibaba("", tasks: [Recordings.alibabaTask(1, status: status)]), rule: nil)
        }
        + ["2", "4", "5"].map { (status: String) -> Case in
            Case(
                name: "Status \"\(status)\" against the default 0, 1, 3", provider: "alibaba-petadata",
                recording: alibaba("", tasks: [Recordings.alibabaTask(1, status: status)]), rule: .filterHonored)
        } + [
            Case(
                name: "Status 2 for TaskStatus=2,4", provider: "alibaba-petadata",
                recording: alibaba("&TaskStatus=2,4", tasks: [Recordings.alibabaTask(1, status: "2")]), rule: nil),
            Case(
                name: "Status 1 for TaskStatus=2", provider: "alibaba-petadata",
                recording: alibaba("&TaskStatus=2", tasks: [Recordings.alibabaTask(1, status: "1")]), rule: .filterHonored),
            Case(name: "TaskStatus=9", provider: "alibaba-petadata", recording: alibaba("&TaskStatus=9", tasks: []), rule: .paramRange),
        ]

    // MARK: huawei-kafka

    /// Table 3 says String, the example and the SDK an integer: both are documented.
    static let jobCount: [Case] =
        ([.integer(1), .string("1")] as [JSONValue]).map { (count: JSONValue) -> Case in
            Case(
                name: "job_count \(count.compactText)", provider: "huawei-kafka",
                recording: [Recordings.kafkaPage(start: 0, jobs: [Recordings.kafkaJob(1)], count: count)], rule: nil)
        }
        + ([true, nil, ["n": 1], [1]] as [JSONValue]).map { (count: JSONValue) -> Case in
            Case(
                name: "job_count \(count.compactText)", provider: "huawei-kafka",
                recording: [Recordings.kafkaPage(start: 0, jobs: [Recordings.kafkaJob(1)], count: count)], rule: .fieldType)
        }

    // MARK: huawei-iotda

    static func iotdaWalk(_ times: [[String]]) -> [Interaction] {
        var marker: String?
        var id = 0
        return times.enumerated().map { (number: Int, page: [String]) -> Interaction in
            let tasks = page.map { (time: String) -> JSONValue in
                id += 1
                return Recordings.iotdaTask(String(format: "%02x", id), created: time)
            }
            let next = String(900 - 100 * number)
            defer { marker = next }
            return Recordings.iotdaPage(marker: marker, next: next, count: times.joined().count, tasks: tasks)
        }
    }

    /// Newest first: "descending order of record IDs … a newer record will have a larger ID".
    static let iotdaOrder: [Case] = [
        Case(
            name: "creation times descend", provider: "huawei-iotda",
            recording: iotdaWalk([["2026-04-20T03:00:00.000Z", "2026-04-20T02:00:00.000Z"], ["2026-04-20T01:00:00.000Z"]]), rule: nil),
        Case(
            name: "equal creation times", provider: "huawei-iotda",
            recording: iotdaWalk([["2026-04-20T03:00:00.000Z", "2026-04-20T03:00:00.000Z"], ["2026-04-20T03:00:00.000Z"]]), rule: nil),
        Case(
            name: "creation times ascend within a page", provider: "huawei-iotda",
            recording: iotdaWalk([["2026-04-20T01:00:00.000Z", "2026-04-20T02:00:00.000Z"], ["2026-04-19T01:00:00.000Z"]]), rule: .markerMonotonic),
        Case(
            name: "a later page holds a newer task", provider: "huawei-iotda",
            recording: iotdaWalk([["2026-04-20T03:00:00.000Z", "2026-04-20T02:00:00.000Z"], ["2026-04-21T01:00:00.000Z"]]), rule: .markerMonotonic),
    ]

    /// Table 4 says String, the example sends a number: both are documented.
    static let iotdaMarker: [Case] =
        ([.string("1805431584415871305"), .number("1805431584415871305")] as [JSONValue]).map { (marker: JSONValue) -> Case in
            Case(
                name: "page.marker \(marker.compactText)", provider: "huawei-iotda",
                recording: [
                    Recordings.exchange(
                        "\(Recordings.iotdaBase)?limit=2", body: ["page": ["count": 1, "marker": marker], "tasks": [Recordings.iotdaTask("0a")]])
                ], rule: nil)
        } + [
            Case(
                name: "page.marker true", provider: "huawei-iotda",
                recording: [
                    Recordings.exchange(
                        "\(Recordings.iotdaBase)?limit=2", body: ["page": ["count": 1, "marker": true], "tasks": [Recordings.iotdaTask("0a")]])
                ], rule: .fieldType)
        ]

    // MARK: otc-ddm

    static func ddm(
        headers: HeaderFields = ["X-Auth-Token": "REDACTED-1"], start: String = String(Recordings.ddmStart), jobs: [JSONValue] = [Recordings.ddmJob(1)]
    ) -> [Interaction] {
        [
            Recordings.exchange(
                "\(Recordings.ddmBase)?offset=0&limit=10&start_time=\(start)&end_time=\(Recordings.ddmEnd)",
                body: ["offset": 0, "limit": 10, "total": .integer(jobs.count), "jobs": .array(jobs)], headers: headers)
        ]
    }

    /// Table 3's X-Auth-Token, or the AK/SK signature; never neither.
    static let ddmCredentials: [Case] = [
        Case(name: "X-Auth-Token", provider: "otc-ddm", recording: ddm(), rule: nil),
        Case(
            name: "AK/SK signature", provider: "otc-ddm",
            recording: ddm(headers: [
                "Authorization": "SDK-HMAC-SHA256 Access=REDACTED, SignedHeaders=host;x-sdk-date, Signature=REDACTED", "X-Sdk-Date": "20260501T000000Z",
            ]), rule: nil),
        Case(name: "no credentials", provider: "otc-ddm", recording: ddm(headers: [:]), rule: .paramRange),
        Case(
            name: "Authorization without X-Sdk-Date", provider: "otc-ddm",
            recording: ddm(headers: ["Authorization": "SDK-HMAC-SHA256 Access=REDACTED, SignedHeaders=host, Signature=REDACTED"]), rule: .paramRange),
        Case(
            name: "a bearer token in Authorization", provider: "otc-ddm",
            recording: ddm(headers: ["Authorization": "Bearer REDACTED", "X-Sdk-Date": "20260501T000000Z"]), rule: .paramRange),
    ]

    /// "in milliseconds": the same instant in seconds or microseconds is another unit.
    static let ddmMillis: [Case] = [7, 9, 14, 29].flatMap { (daysBack: Int) -> [Case] in
        let millis = Int64(Recordings.ddmEnd) - Int64(daysBack) * 86_400_000
        return [
            Case(name: "start_time \(daysBack) days back in ms", provider: "otc-ddm", recording: ddm(start: String(millis - 1)), rule: nil),
            Case(name: "start_time \(daysBack) days back in s", provider: "otc-ddm", recording: ddm(start: String(millis / 1000)), rule: .timeFormat),
            Case(name: "start_time \(daysBack) days back in µs", provider: "otc-ddm", recording: ddm(start: String(millis * 1000)), rule: .timeFormat),
        ]
    }

    /// "60%"-style while Running, "" for any other status.
    static let ddmProcess: [Case] =
        ["0%", "7%", "60%", "100%"].map { (process: String) -> Case in
            Case(
                name: "Running, \(process)", provider: "otc-ddm",
                recording: ddm(jobs: [with(Recordings.ddmJob(1, status: "Running"), ["process": .string(process)])]), rule: nil)
        }
        + ["", "60", "60.5%", "101%", "sixty"].map { (process: String) -> Case in
            Case(
                name: "Running, \"\(process)\"", provider: "otc-ddm",
                recording: ddm(jobs: [with(Recordings.ddmJob(1, status: "Running"), ["process": .string(process)])]), rule: .valueFormat)
        }
        + ["Completed", "Failed"].flatMap { (status: String) -> [Case] in
            [
                Case(
                    name: "\(status), \"\"", provider: "otc-ddm", recording: ddm(jobs: [with(Recordings.ddmJob(1, status: status), ["process": ""])]), rule: nil
                ),
                Case(
                    name: "\(status), 60%", provider: "otc-ddm", recording: ddm(jobs: [with(Recordings.ddmJob(1, status: status), ["process": "60%"])]),
                    rule: .valueFormat),
            ]
        }

    static let all: [Case] = [
        pageSizeZero, yandexError, cancellable, pageNumbers, alibabaStatus, jobCount, iotdaOrder, iotdaMarker, ddmCredentials, ddmMillis,
        ddmProcess,
    ].flatMap { $0 }

    @Test(arguments: all)
    func theCheckerSaysWhatThePageStates(_ example: Case) {
        let report = Recordings.check(example.provider, example.recording)
        if let rule = example.rule {
            #expect(!report.violations(of: rule).isEmpty, "\(report.violations.map(\.description))")
            if example.alone {
                #expect(Set(report.violations.map(\.rule)) == [rule], "only the named rule: \(report.violations.map(\.description))")
            }
        } else {
            #expect(report.violations.isEmpty, "\(report.violations.map(\.description))")
        }
    }

    /// The reports name the seed text behind each new rule.
    @Test func conditionReportsCiteTheirSeedText() throws {
        let report = Recordings.check("otc-ddm", Self.ddm(jobs: [Self.with(Recordings.ddmJob(1, status: "Completed"), ["process": "60%"])]))
        let violation = try #require(report.violations.first)
        #expect(violation.path == "$.jobs[0].process")
        #expect(violation.expected == "^$")
        #expect(violation.seed?.contains("displayed only when the task is being executed") == true)
        let credentials = try #require(Recordings.check("otc-ddm", Self.ddm(headers: [:])).violations.first)
        #expect(credentials.expected == "X-Auth-Token, or Authorization with X-Sdk-Date")
        #expect(credentials.actual == "none")
    }
}
