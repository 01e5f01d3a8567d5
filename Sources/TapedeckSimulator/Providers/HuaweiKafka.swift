import Foundation
import Tapedeck
import TapedeckHTTP
import TapedeckProviders

/// Huawei Cloud DMS for Kafka, `GET /v2/{project_id}/instances/{instance_id}/scheduled-tasks`:
/// `start` (>= 0) and `limit` (1-100) paging, `job_count` (an integer, as the example and the official SDK have it),
/// an optional `begin_time`/`end_time` window in `YYYYMMDDHHmmss`.
struct HuaweiKafka {
    func respond(_ request: SimulatedRequest, tasks: [SimulatedTask]) -> HTTPResponse {
        let drifts = request.drifts
        func error(_ status: Int, _ code: String, _ message: String) -> HTTPResponse {
            SimulatedResponse.huaweiError(status, code: code, message: message, drifts: drifts)
        }
        let segments = request.segments
        guard segments.count == 5, segments[0] == "v2", segments[2] == "instances", segments[4] == "scheduled-tasks" else {
            return error(404, "DMS.00400404", "Resource not found.")
        }
        if let failure = HuaweiAuthentication.check(request) { return error(401, "DMS.00400401", failure) }
        guard segments[1] == SimulatorFixtures.kafkaProject else { return error(404, "DMS.00400404", "The project does not exist.") }
        guard segments[3] == SimulatorFixtures.kafkaInstance else { return error(404, "DMS.00400404", "The instance does not exist.") }
        let start = request.query["start"].map { Int($0) ?? -1 } ?? 0
        guard start >= 0 else { return error(400, "DMS.00400002", "start must be an integer of at least 0.") }
        let limit = request.query["limit"].map { Int($0) ?? 0 } ?? 10
        guard (1...100).contains(limit) else { return error(400, "DMS.00400002", "limit must be an integer from 1 to 100.") }
        var begin = Date.distantPast
        var end = Date.distantFuture
        if let text = request.query["begin_time"] {
            guard let date = SimulatedTime.parseCompact(text) else { return error(400, "DMS.00400002", "begin_time must be YYYYMMDDHHmmss.") }
            begin = date
        }
        if let text = request.query["end_time"] {
            guard let date = SimulatedTime.parseCompact(text) else { return error(400, "DMS.00400002", "end_time must be YYYYMMDDHHmmss.") }
            end = date
        }
        guard begin < end || drifts.contains(.timeWindow) else {
            return error(400, "DMS.00400002", "begin_time must be earlier than end_time.")
        }
        let inWindow = tasks.filter { $0.created >= begin && $0.created <= end }
        let page = SimulatedResponse.page(inWindow, offset: start, limit: limit, drifts: drifts)
        var total = inWindow.count
        if drifts.contains(.totalStable) { total += request.sequence }
        let body = JSONObject([
            .init(key: "job_count", value: .integer(total)),
            .init(key: "jobs", value: .array([])),
        ])
        return SimulatedResponse.page(body, items: "jobs", page, request: request) { job($0, drifts: drifts) }
    }

    private func job(_ task: SimulatedTask, drifts: Set<DriftKind>) -> JSONValue {
        let status =
            drifts.contains(.enumValue) && task.index % 3 == 0 ? "PAUSED" : task.pick(["CREATED", "SUCCESS", "FAILED", "DELETED", "EXECUTING", "CANCELLED"])
        let drifted = drifts.contains(.timeFormat)
        let time: (Date) -> String = { drifted ? SimulatedTime.drifted($0) : SimulatedTime.millis($0) }
        let id = task.hex(32)
        var object = JSONObject([
            .init(key: "id", value: drifts.contains(.fieldType) ? .number(String(task.recordID)) : .string(id)),
            .init(key: "name", value: .string(task.pick(["reassignPartitions", "modifyPartitions", "restartBroker"], salt: 2))),
            .init(key: "user_name", value: "paas_dms_03"),
            .init(key: "user_id", value: "0b01fbb53600d4671fa8c00673c71260"),
            .init(key: "params", value: .string(#"{"reassignment_topics":"[topic-\#(task.draw % 9)]"}"#)),
            .init(key: "status", value: .string(status)),
            .init(key: "created_at", value: .string(time(task.created.addingTimeInterval(-3_600)))),
            .init(key: "updated_at", value: .string(time(task.finished))),
            .init(key: "schedule_at", value: .string(time(task.created))),
        ])
        if drifts.contains(.requiredField) { object["schedule_at"] = nil }
        return .object(object)
    }
}
