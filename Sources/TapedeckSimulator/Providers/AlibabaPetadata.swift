import Foundation
import Synchronization
import Tapedeck
import TapedeckHTTP
import TapedeckProviders
import TapedeckSigning

/// Alibaba Cloud PetaData `DescribeTasks`: page-number paging with
/// `MaxRecordsPerPage` in {30, 50, 100, 200, 500, 1000}, a required window, the
/// `TaskStatus` (default 0,1,3) and `TaskAction` filters, JSON or XML, and the
/// RPC signature 1.0 with `Timestamp` freshness and `SignatureNonce` replay checks.
struct AlibabaPetadata {
    let simulator: ProviderSimulator

    /// How far a request's `Timestamp` may be from now, in seconds.
    static let freshness: TimeInterval = 900
    /// The documented `TaskStatus` values.
    static let statuses: Set<String> = ["0", "1", "2", "3", "4", "5"]

    func respond(_ request: SimulatedRequest, tasks: [SimulatedTask]) -> HTTPResponse {
        let drifts = request.drifts
        let query = request.query
        let xml = query["Format"]?.uppercased() == "XML"
        func error(_ status: Int, _ code: String, _ message: String) -> HTTPResponse {
            ProviderError(request: request).answer(status, code: code, message: message)
        }
        guard request.path == "/" else { return error(404, "InvalidAction.NotFound", "Specified api is not found.") }
        if let failure = authenticate(request) { return error(failure.status, failure.code, failure.message) }
        guard query["Action"] == "DescribeTasks" else { return error(400, "InvalidAction.NotFound", "Specified api is not found.") }
        guard query["InstanceId"] == SimulatorFixtures.alibabaInstance else {
            return error(404, "InvalidInstanceId.NotFound", "The specified instance does not exist.")
        }
        guard let startText = query["StartTime"], let start = SimulatedTime.parseAlibaba(startText) else {
            return error(400, "InvalidStartTime.Malformed", "StartTime is required, formatted YYYY-MM-DDTHH:mm:ssZ.")
        }
        guard let endText = query["EndTime"], let end = SimulatedTime.parseAlibaba(endText) else {
            return error(400, "InvalidEndTime.Malformed", "EndTime is required, formatted YYYY-MM-DDTHH:mm:ssZ.")
        }
        guard start < end || drifts.contains(.timeWindow) else {
            return error(400, "InvalidTime.Malformed", "EndTime must be later than StartTime.")
        }
        // "Default value: 1": the official SDK sends no PageNumbers unless asked.
        let pageNumber = query["PageNumbers"].map { Int($0) ?? 0 } ?? 1
        guard pageNumber > 0 else { return error(400, "InvalidPageNumbers.Malformed", "PageNumbers must be an integer greater than 0.") }
        guard let size = query["MaxRecordsPerPage"].flatMap(Int.init), [30, 50, 100, 200, 500, 1000].contains(size) else {
            return error(400, "InvalidMaxRecordsPerPage.Malformed", "MaxRecordsPerPage must be one of 30, 50, 100, 200, 500, 1000.")
        }
        let statuses = Set((query["TaskStatus"] ?? "0,1,3").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        guard statuses.isSubset(of: Self.statuses) else {
            return error(400, "InvalidTaskStatus.Malformed", "TaskStatus must be a comma-separated list of 0, 1, 2, 3, 4 and 5.")
        }
        let matching = tasks.filter { task in
            (task.created >= start && task.created <= end)
                && (drifts.contains(.filterHonored) || statuses.contains(status(task)))
                && (query["TaskAction"].map { $0 == action(task) } ?? true)
        }
        let page = SimulatedResponse.page(matching, offset: (pageNumber - 1) * size, limit: size, drifts: drifts)
        var total = matching.count
        if drifts.contains(.totalStable) { total += request.sequence }
        let body = JSONObject([
            .init(key: "PageNumbers", value: .integer(pageNumber)),
            .init(key: "InstanceId", value: .string(SimulatorFixtures.alibabaInstance)),
            .init(key: "RequestId", value: .string(request.requestID)),
            .init(key: "MaxRecordsPerPage", value: .integer(size)),
            .init(key: "Tasks", value: .object(JSONObject([.init(key: "Task", value: .array(xml ? page.map { item($0, drifts: drifts) } : []))]))),
            .init(key: "EndTime", value: .string(endText)),
            .init(key: "StartTime", value: .string(startText)),
            .init(key: "TotalRecords", value: .integer(total)),
        ])
        guard !xml else { return SimulatedResponse.xml(200, AlibabaXML.render(root: "DescribeTasksResponse", .object(body))) }
        return SimulatedResponse.page(body, items: "Task", page, request: request) { item($0, drifts: drifts) }
    }

    private func status(_ task: SimulatedTask) -> String { String(task.draw % 6) }

    /// 0 before a task starts (status 0), 100 once it succeeded (2), part way otherwise.
    private func progress(status: String, _ task: SimulatedTask) -> String {
        switch status {
        case "0": "0"
        case "2": "100"
        default: String(task.draw % 99 + 1)
        }
    }
    private func action(_ task: SimulatedTask) -> String { task.pick(["CreateInstance", "ModifyInstanceSpec", "RestartInstance", "CreateBackup"], salt: 3) }

    private func item(_ task: SimulatedTask, drifts: Set<DriftKind>) -> JSONValue {
        let drifted = drifts.contains(.timeFormat)
        let time: (Date) -> String = { drifted ? SimulatedTime.drifted($0) : SimulatedTime.alibaba($0) }
        let status = drifts.contains(.enumValue) && task.index % 3 == 0 ? "7" : status(task)
        var object = JSONObject([
            .init(
                key: "TaskId",
                value: drifts.contains(.fieldType) ? .number(String(task.recordID % 1_000_000_000)) : .string(String(task.recordID % 1_000_000_000))),
            .init(key: "BeginTime", value: .string(time(task.created))),
            .init(key: "FinishTime", value: .string(time(task.finished))),
            .init(key: "ExpectedFinishTime", value: .string(time(task.finished))),
            .init(key: "Status", value: .string(status)),
            .init(key: "TaskAction", value: .string(action(task))),
            .init(key: "Progress", value: .string(progress(status: status, task))),
            .init(key: "DBName", value: .string("db_" + task.hex(4))),
            .init(key: "ProgressInfo", value: ""),
        ])
        if drifts.contains(.requiredField) { object["TaskAction"] = nil }
        return .object(object)
    }

    private struct Failure {
        var status: Int
        var code: String
        var message: String
    }

    /// Checks the RPC signature 1.0 against the simulator's AccessKey.
    private func authenticate(_ request: SimulatedRequest) -> Failure? {
        guard case .alibabaRPC(let id, let secret, _) = ProviderCredentials.simulator(for: .alibabaPetadata).scheme else { return nil }
        let query = request.query
        guard let given = query["AccessKeyId"], let signature = query["Signature"], let nonce = query["SignatureNonce"],
            let timestampText = query["Timestamp"]
        else { return Failure(status: 400, code: "MissingParameter", message: "AccessKeyId, Signature, SignatureNonce and Timestamp are required.") }
        guard given == id else { return Failure(status: 404, code: "InvalidAccessKeyId.NotFound", message: "Specified access key is not found.") }
        guard let timestamp = SimulatedTime.parseAlibaba(timestampText), abs(timestamp.timeIntervalSince(request.now)) < Self.freshness else {
            return Failure(status: 400, code: "InvalidTimeStamp.Expired", message: "Specified time stamp or date value is expired.")
        }
        let expected = AlibabaRPCSigner.signature(method: request.method, parameters: request.queryItems, secret: secret)
        guard expected == signature else {
            return Failure(status: 400, code: "SignatureDoesNotMatch", message: "Specified signature is not matched with our calculation.")
        }
        let replayed = simulator.state.withLock { state in !state.nonces.insert(nonce, at: request.now) }
        guard !replayed else { return Failure(status: 400, code: "SignatureNonceUsed", message: "Specified signature nonce was used already.") }
        return nil
    }
}
