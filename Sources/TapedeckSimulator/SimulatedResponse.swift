import Foundation
import NIOCore
import NIOHTTP1
import Tapedeck
import TapedeckHTTP

/// Response builders shared by the provider handlers.
enum SimulatedResponse {
    static func json(_ status: Int, _ body: JSONValue, headers: [(String, String)] = []) -> HTTPResponse {
        var fields = HTTPHeaders([("Content-Type", "application/json;charset=UTF-8")])
        for (name, value) in headers { fields.add(name: name, value: value) }
        return HTTPResponse(
            status: HTTPResponseStatus(statusCode: status), headers: fields, body: ByteBuffer(string: body.compactText))
    }

    /// A 200 page: `body` written compactly, with the empty array under `key` (which
    /// must appear once) filled with `tasks`, each rendered once per drift set and reused.
    static func page(
        _ body: JSONObject, items key: String, _ tasks: [SimulatedTask], request: SimulatedRequest, render: (SimulatedTask) -> JSONValue
    ) -> HTTPResponse {
        var bytes = JSONWriter().bytes(from: .object(body))
        let marker = Array("\"\(key)\":[]".utf8)
        if let start = bytes.firstRange(of: marker)?.lowerBound {
            let array = request.renderings.array(of: tasks, provider: request.provider, drifts: request.drifts, render: render)
            bytes.replaceSubrange((start + marker.count - 2)..<(start + marker.count), with: array)
        }
        var buffer = ByteBuffer()
        buffer.writeBytes(bytes)
        return HTTPResponse(status: .ok, headers: HTTPHeaders([("Content-Type", "application/json;charset=UTF-8")]), body: buffer)
    }

    static func xml(_ status: Int, _ text: String) -> HTTPResponse {
        HTTPResponse(
            status: HTTPResponseStatus(statusCode: status), headers: HTTPHeaders([("Content-Type", "text/xml;charset=UTF-8")]),
            body: ByteBuffer(string: text))
    }

    /// Huawei's and Open Telekom Cloud's error body; without its codes under the error-shape drift.
    static func huaweiError(_ status: Int, code: String, message: String, drifts: Set<DriftKind>) -> HTTPResponse {
        if drifts.contains(.errorShape) { return json(status, ["message": .string(message)]) }
        return json(status, ["error_code": .string(code), "error_msg": .string(message)])
    }

    /// A request id in the providers' UUID style, derived from the request.
    static func requestID(_ seed: String) -> String {
        var hash: UInt64 = 1_469_598_103_934_665_603
        for byte in seed.utf8 { hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211 }
        let hex = String(SimulatedTask.mix(hash), radix: 16, uppercase: true) + String(SimulatedTask.mix(hash &+ 1), radix: 16, uppercase: true)
        // 32 digits (two 64-bit numbers have at most 32; fewer are followed by zeros), grouped 8-4-4-4-12.
        let digits = Array(hex.utf8) + Array(repeating: UInt8(ascii: "0"), count: max(0, 32 - hex.utf8.count))
        var id: [UInt8] = []
        id.reserveCapacity(36)
        for (position, digit) in digits.enumerated() {
            if [8, 12, 16, 20].contains(position) { id.append(UInt8(ascii: "-")) }
            id.append(digit)
        }
        return String(decoding: id, as: UTF8.self)
    }

    /// The page of `items` at `offset` with `limit` items, longer by one under the page-size drift.
    static func page<T>(_ items: [T], offset: Int, limit: Int, drifts: Set<DriftKind>) -> [T] {
        // The offset and limit come from the request: any Int, Int.max and negative ones included.
        let start = min(max(offset, 0), items.count)
        let length = min(max(limit, 0), items.count) + (drifts.contains(.pageSize) ? 1 : 0)
        var page = Array(items[start..<min(start + length, items.count)])
        if drifts.contains(.noDuplicates), start > 0, !page.isEmpty, let previous = items[safe: start - 1] { page[0] = previous }
        return page
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
