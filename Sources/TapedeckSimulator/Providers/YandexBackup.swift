import Foundation
import Tapedeck
import TapedeckHTTP
import TapedeckProviders

/// Yandex Cloud Backup, `GET /backup/v1/resources/{computeInstanceId}/tasks`:
/// `pageSize` (0 or none: 100) and an opaque `pageToken`, `nextPageToken` left out on the last page,
/// proto3 JSON (fields at their defaults left out, unknown query fields refused),
/// int64 values as strings, RFC 3339 times, `Authorization: Bearer`.
struct YandexBackup {
    /// The query fields `ListTasksRequest` has.
    static let queryFields: Set<String> = ["pageSize", "pageToken"]
    /// What a `pageSize` of 0 (or none) stands for.
    static let defaultPageSize = 100

    func respond(_ request: SimulatedRequest, tasks: [SimulatedTask]) -> HTTPResponse {
        let drifts = request.drifts
        func error(_ status: Int, _ code: Int, _ message: String) -> HTTPResponse {
            ProviderError(request: request).answer(status, code: String(code), message: message)
        }
        let segments = request.segments
        guard segments.count == 5, segments[0] == "backup", segments[1] == "v1", segments[2] == "resources", segments[4] == "tasks"
        else { return error(404, 5, "Not found") }
        guard request.header("Authorization") == "Bearer " + ProviderCredentials.simulatorToken(for: .yandexBackup) else {
            return error(401, 16, "The IAM token is missing or invalid.")
        }
        guard segments[3] == SimulatorFixtures.yandexInstance else { return error(404, 5, "Compute instance \(segments[3]) not found") }
        // The page's query schema says additionalProperties: false.
        if let unknown = request.queryItems.map(\.0).first(where: { !Self.queryFields.contains($0) }) {
            return error(400, 3, "Unknown field \(unknown) in the request; known: pageSize, pageToken.")
        }
        // proto3: 0 is the field's default, which means the default page size.
        var pageSize = request.query["pageSize"].map { Int($0) ?? -1 } ?? 0
        if pageSize == 0 { pageSize = Self.defaultPageSize }
        guard (1...1000).contains(pageSize) else { return error(400, 3, "pageSize must be an int64 from 0 to 1000.") }
        var offset = 0
        if let token = request.query["pageToken"], !token.isEmpty {
            guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8), text.hasPrefix("o:"),
                let decoded = Int(text.dropFirst(2))
            else { return error(400, 3, "Invalid page token.") }
            offset = decoded
        }
        let page = SimulatedResponse.page(tasks, offset: offset, limit: pageSize, drifts: drifts)
        var next = offset + pageSize < tasks.count ? Data("o:\(offset + pageSize)".utf8).base64EncodedString() : ""
        if drifts.contains(.cursorTerminates), next.isEmpty { next = Data("o:0".utf8).base64EncodedString() }
        // proto3 JSON leaves out a field at its default: no nextPageToken on the last page.
        var body = JSONObject([.init(key: "tasks", value: .array([]))])
        if !next.isEmpty { body["nextPageToken"] = .string(next) }
        return SimulatedResponse.page(body, items: "tasks", page, request: request) { task($0, drifts: drifts) }
    }

    private func task(_ task: SimulatedTask, drifts: Set<DriftKind>) -> JSONValue {
        let digits = Int(task.draw % 10)
        let drifted = drifts.contains(.timeFormat)
        let time: (Date) -> String = { drifted ? SimulatedTime.drifted($0) : SimulatedTime.rfc3339($0, fractionDigits: digits) }
        let status = drifts.contains(.enumValue) && task.index % 3 == 0 ? "CANCELLING" : task.pick(["ENQUEUED", "ASSIGNED", "STARTED", "PAUSED", "COMPLETED"])
        let total = Int64(task.draw % 100_000 + 1)
        var object = JSONObject([
            .init(key: "id", value: drifts.contains(.fieldType) ? .number(String(task.recordID)) : .string(String(task.recordID))),
            .init(key: "policyId", value: .string("cbq" + task.hex(17, salt: 3))),
            .init(key: "type", value: .string(task.pick(["BACKUP", "RETENTION", "RECOVERY", "APPLY_POLICY", "REVOKE_POLICY"], salt: 4))),
            .init(
                key: "progress",
                value: .object(
                    JSONObject([
                        .init(key: "current", value: .string(String(status == "COMPLETED" ? total : total / 2))),
                        .init(key: "total", value: .string(String(total))),
                    ]))),
            .init(key: "status", value: .string(status)),
            .init(key: "enqueuedAt", value: .string(time(task.created))),
            .init(key: "startedAt", value: .string(time(task.created.addingTimeInterval(5)))),
            .init(key: "updatedAt", value: .string(time(task.finished))),
            .init(key: "completedAt", value: .string(time(task.finished))),
            .init(key: "computeInstanceId", value: .string(SimulatorFixtures.yandexInstance)),
        ])
        // proto3 JSON leaves out fields at their defaults: false (`cancellable`: "task
        // cancellation is not supported yet"), an unset time, an unspecified enum, an empty string.
        if status == "ENQUEUED" { object["startedAt"] = nil }
        if status != "COMPLETED" {
            object["completedAt"] = nil
        } else if task.draw / 7 % 4 == 0 {
            // "Task error message if task finished with not OK code."
            object["resultCode"] = .string(task.pick(["ERROR", "TIMEDOUT", "ABANDONED"], salt: 6))
            object["error"] = "The backup agent on the instance stopped responding."
        } else {
            object["resultCode"] = "OK"
        }
        if drifts.contains(.requiredField) { object["status"] = nil }
        return .object(object)
    }
}
