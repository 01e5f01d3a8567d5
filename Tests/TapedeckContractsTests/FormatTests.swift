import Tapedeck
import TapedeckContracts
import Testing

/// Documented time formats and patterns, through the contracts that use them.
struct FormatTests {
    typealias R = Recordings

    static let timeCases: [(created: String, valid: Bool)] = [
        ("2026-04-20T01:52:49.493Z", true),
        ("2026-04-20T01:52:49Z", false),
        ("2026-04-20T01:52:49.49Z", false),
        ("2026-04-20T01:52:49.493+08:00", false),
        ("2026-02-30T01:52:49.493Z", false),
        ("2026-04-20T24:00:00.000Z", false),
    ]

    @Test(arguments: timeCases)
    func iotdaCreateTimeIsMillisecondUTC(_ time: (created: String, valid: Bool)) {
        let report = R.check("huawei-iotda", [R.iotdaPage(marker: nil, next: "9", count: 1, tasks: [R.iotdaTask("0a", created: time.created)])])
        #expect(report.violations(of: .timeFormat).isEmpty == time.valid, "\(report.violations.map(\.message))")
    }

    static let yandexTimes: [(String, Bool)] = [
        ("2026-04-30T10:00:00Z", true), ("2026-04-30T10:00:00.123456789Z", true), ("2026-04-30T10:00:00+03:00", true),
        ("2026-04-30T10:00:00.1234567891Z", false), ("2026-04-30T10:00:00+0300", false), ("2026-04-30 10:00:00Z", false),
    ]

    @Test(arguments: yandexTimes)
    func yandexTimesAreRFC3339(_ time: (String, Bool)) {
        var task = R.yandexTask(1).objectValue!
        task["enqueuedAt"] = .string(time.0)
        let report = R.check("yandex-backup", [R.yandexPage(token: nil, next: nil, tasks: [.object(task)])])
        #expect(report.violations.isEmpty == time.1, "\(report.violations.map(\.message))")
    }

    @Test func ddmAcceptsZOrANumericOffset() {
        for (created, valid) in [("2026-04-25T10:00:00+0000", true), ("2026-04-25T10:00:00Z", true), ("2026-04-25T10:00:00+01:00", false)] {
            let report = R.check("otc-ddm", [R.ddmPage(offset: 0, limit: 10, total: 1, jobs: [R.ddmJob(1, created: created)])])
            #expect(report.violations.isEmpty == valid, "\(created): \(report.violations.map(\.message))")
        }
    }

    @Test(arguments: [("0a-1b", true), ("", false), ("0A", false), ("0a_1", false), (String(repeating: "a", count: 65), false)])
    func iotdaTaskIDPatternAndLength(_ id: (String, Bool)) {
        let report = R.check("huawei-iotda", [R.iotdaPage(marker: nil, next: "9", count: 1, tasks: [R.iotdaTask(id.0)])])
        #expect(report.violations(of: .valueFormat).isEmpty == id.1)
    }

    @Test func timeParametersAreCheckedToo() throws {
        let bad = R.exchange(
            "\(R.kafkaBase)?start=0&limit=2&begin_time=2026-04-01&end_time=20260501000000",
            body: ["job_count": 0, "jobs": []])
        let violation = try #require(R.check("huawei-kafka", [bad]).violations.first)
        #expect(violation.rule == .timeFormat)
        #expect(violation.path == "request.query.begin_time")
        #expect(violation.expected == "YYYYMMDDHHmmss")
    }
}
