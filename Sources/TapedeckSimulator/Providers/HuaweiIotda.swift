import Foundation
import Tapedeck
import TapedeckHTTP
import TapedeckProviders

/// Huawei Cloud IoTDA, `GET /v5/iot/{project_id}/iotda-instances/{instance_id}/tasks`:
/// `offset` (0-500), `limit` (1-500, default 500) and a descending `marker`
/// (only records whose ids are below it), `page.count` and `page.marker`.
struct HuaweiIotda {
    /// "The maximum number of instance tasks is 20."
    static let maximumTasks = 20

    /// How far back tasks can be queried.
    static let retention: TimeInterval = 180 * 86_400

    func respond(_ request: SimulatedRequest, tasks: [SimulatedTask]) -> HTTPResponse {
        let drifts = request.drifts
        func error(_ status: Int, _ code: String, _ message: String) -> HTTPResponse {
            SimulatedResponse.huaweiError(status, code: code, message: message, drifts: drifts)
        }
        let segments = request.segments
        guard segments.count == 6, segments[0] == "v5", segments[1] == "iot", segments[3] == "iotda-instances", segments[5] == "tasks"
        else { return error(404, "IOTDA.000404", "Resource not found.") }
        if let failure = HuaweiAuthentication.check(request) { return error(401, "IOTDA.000401", failure) }
        guard segments[2] == SimulatorFixtures.iotdaProject else { return error(404, "IOTDA.000404", "The project does not exist.") }
        guard segments[4] == SimulatorFixtures.iotdaInstance else { return error(404, "IOTDA.000404", "The instance does not exist.") }
        let offset = request.query["offset"].map { Int($0) ?? -1 } ?? 0
        guard (0...500).contains(offset) else { return error(400, "IOTDA.000002", "The offset must be an integer from 0 to 500.") }
        let limit = request.query["limit"].map { Int($0) ?? 0 } ?? 500
        guard (1...500).contains(limit) else { return error(400, "IOTDA.000002", "The limit must be an integer from 1 to 500.") }
        // "Only instance tasks within 180 days can be queried."
        let oldest = request.now.addingTimeInterval(-Self.retention)
        let retained = tasks.filter { $0.created >= oldest }
        var candidates = retained
        if let marker = request.query["marker"], !marker.isEmpty {
            guard let below = Int64(marker) else { return error(400, "IOTDA.000002", "The marker is not a record id.") }
            candidates = candidates.filter { $0.recordID < below }
        }
        let page = SimulatedResponse.page(candidates, offset: offset, limit: limit, drifts: drifts)
        var marker = page.last.map { String($0.recordID) } ?? ""
        if drifts.contains(.markerMonotonic), let first = tasks.first { marker = String(first.recordID + 1) }
        var count = retained.count
        if drifts.contains(.totalStable) { count += request.sequence }
        let body = JSONObject([
            .init(key: "page", value: .object(JSONObject([.init(key: "count", value: .integer(count)), .init(key: "marker", value: .string(marker))]))),
            .init(key: "tasks", value: .array([])),
        ])
        return SimulatedResponse.page(body, items: "tasks", page, request: request) { task($0, drifts: drifts) }
    }

    private func task(_ task: SimulatedTask, drifts: Set<DriftKind>) -> JSONValue {
        let type = task.pick(["CREATE", "MODIFY", "DELETE", "FREEZE", "UNFREEZE", "UPDATE_ACCESS_CONFIG", "UPDATE_ALLOW_LISTS", "OPEN_SNAT"])
        let status = drifts.contains(.enumValue) && task.index % 3 == 0 ? "CANCELLED" : task.pick(["PENDING", "RUNNING", "SUCCESS", "FAILED"], salt: 7)
        let drifted = drifts.contains(.timeFormat)
        let time: (Date) -> String = { drifted ? SimulatedTime.drifted($0) : SimulatedTime.millis($0) }
        let id = task.hex(8) + "-" + task.hex(4, salt: 1) + "-" + task.hex(4, salt: 2) + "-" + task.hex(4, salt: 3) + "-" + task.hex(12, salt: 4)
        var object = JSONObject([
            .init(key: "task_id", value: drifts.contains(.fieldType) ? .number(String(task.recordID)) : .string(id)),
            .init(key: "type", value: .string(type)),
            .init(key: "status", value: .string(status)),
            .init(key: "status_detail", value: .string(status == "FAILED" ? "The flavor is sold out." : "")),
            .init(key: "create_time", value: .string(time(task.created))),
            .init(key: "start_time", value: .string(time(task.created.addingTimeInterval(1)))),
            .init(key: "end_time", value: .string(time(task.finished))),
        ])
        if type == "MODIFY" {
            object["target_config"] = .object(
                JSONObject([
                    .init(
                        key: "flavor",
                        value: .object(JSONObject([.init(key: "type", value: "iotda.standard.s2"), .init(key: "size", value: .integer(task.draw % 4 + 1))]))),
                    .init(key: "charge_mode", value: .string(task.pick(["prePaid", "postPaid"], salt: 9))),
                ]))
            object["operate_window"] = .object(JSONObject([.init(key: "start_time", value: "18:00"), .init(key: "end_time", value: "22:00")]))
        } else {
            object["target_config"] = .null
            object["operate_window"] = .null
        }
        // A pending task has not started, a running one has not ended.
        if status == "PENDING" { object["start_time"] = nil }
        if status == "PENDING" || status == "RUNNING" { object["end_time"] = nil }
        if drifts.contains(.requiredField) { object["create_time"] = nil }
        return .object(object)
    }
}
