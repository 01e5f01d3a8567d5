import Foundation
import Tapedeck
import TapedeckHTTP
import TapedeckProviders

/// Open Telekom Cloud DDM, `GET /v3/{project_id}/jobs`: offset/limit (1-128,
/// default 10) paging with `total`, a required millisecond window whose start
/// may not be more than 30 days back, and an IAM token in `X-Auth-Token` or an AK/SK signature.
struct OtcDdm {
    func respond(_ request: SimulatedRequest, tasks: [SimulatedTask]) -> HTTPResponse {
        let drifts = request.drifts
        func error(_ status: Int, _ code: String, _ message: String) -> HTTPResponse {
            SimulatedResponse.huaweiError(status, code: code, message: message, drifts: drifts)
        }
        guard request.segments.count == 3, request.segments[0] == "v3", request.segments[2] == "jobs" else {
            return error(404, "DBS.280404", "Resource not found.")
        }
        // OTC's API gateway takes AK/SK signing as well as the IAM token, for every service.
        if let failure = HuaweiAuthentication.check(request) { return error(401, "DBS.280401", failure) }
        guard request.segments[1] == SimulatorFixtures.ddmProject else { return error(404, "DBS.280404", "The project does not exist.") }
        let offset = request.query["offset"].map { Int($0) ?? -1 } ?? 0
        guard offset >= 0 else { return error(400, "DBS.280001", "Parameter error: offset must be a non-negative integer.") }
        let limit = request.query["limit"].map { Int($0) ?? 0 } ?? 10
        guard (1...128).contains(limit) else { return error(400, "DBS.280001", "Parameter error: limit must be 1 to 128.") }
        guard let startText = request.query["start_time"], let endText = request.query["end_time"],
            let start = Int64(startText), let end = Int64(endText)
        else { return error(400, "DBS.280001", "Parameter error: start_time and end_time are required (milliseconds).") }
        // "in milliseconds": 12 or 13 digits; seconds (10 digits) or microseconds (16) are refused.
        guard [start, end].allSatisfy({ (100_000_000_000...9_999_999_999_999).contains($0) }) else {
            return error(400, "DBS.280001", "Parameter error: start_time and end_time are timestamps in milliseconds.")
        }
        let nowMillis = Int64(request.now.timeIntervalSince1970 * 1000)
        guard start >= nowMillis - 30 * 86_400_000 - 60_000 else {
            return error(400, "DBS.280001", "Parameter error: start_time cannot be earlier than 30 days before now.")
        }
        guard start < end || drifts.contains(.timeWindow) else {
            return error(400, "DBS.280001", "Parameter error: start_time must be earlier than end_time.")
        }
        let inWindow = tasks.filter {
            let created = Int64($0.created.timeIntervalSince1970 * 1000)
            return created >= start && created <= end
        }
        let page = SimulatedResponse.page(inWindow, offset: offset, limit: limit, drifts: drifts)
        var total = inWindow.count
        if drifts.contains(.totalStable) { total += request.sequence }
        let echoedOffset = drifts.contains(.echoMismatch) ? 0 : offset
        let body = JSONObject([
            .init(key: "jobs", value: .array([])), .init(key: "offset", value: .integer(echoedOffset)),
            .init(key: "limit", value: .integer(limit)), .init(key: "total", value: .integer(total)),
        ])
        return SimulatedResponse.page(body, items: "jobs", page, request: request) { job($0, drifts: drifts) }
    }

    private func job(_ task: SimulatedTask, drifts: Set<DriftKind>) -> JSONValue {
        let status = drifts.contains(.enumValue) && task.index % 3 == 0 ? "ToBeSwitched" : task.pick(["Running", "Completed", "Failed"])
        let drifted = drifts.contains(.timeFormat)
        let time: (Date) -> String = { drifted ? SimulatedTime.drifted($0) : SimulatedTime.offset($0) }
        let id = task.hex(8) + "-" + task.hex(4, salt: 1) + "-4" + task.hex(3, salt: 2) + "-8" + task.hex(3, salt: 3) + "-" + task.hex(12, salt: 4)
        var object = JSONObject([
            .init(key: "id", value: drifts.contains(.fieldType) ? .number(String(task.recordID)) : .string(id)),
            .init(key: "name", value: .string(task.pick(["migrateLogicDb", "CreateInstance", "expandLogicDb", "resizeFlavor"], salt: 5))),
            .init(key: "status", value: .string(status)),
            .init(key: "created_time", value: .string(time(task.created))),
            .init(key: "end_time", value: .string(time(task.finished))),
            .init(key: "process", value: .string(status == "Running" ? "\(task.draw % 100)%" : "")),
            .init(key: "instance_name", value: "ddm-tapedeck-1"),
            .init(key: "instance_id", value: "733c7e8d73a54c27b8308ec784a8be8cin09"),
            .init(key: "operations", value: .array(status == "Running" ? ["modifySwitchingStrategy"] : [])),
            .init(key: "database_name", value: .string("db_" + task.hex(4, salt: 6))),
            .init(key: "fail_reason", value: .string(status == "Failed" ? "Migration timed out." : "")),
        ])
        if drifts.contains(.requiredField) { object["instance_id"] = nil }
        return .object(object)
    }
}
