import Foundation
import NIOCore
import NIOHTTP1
import Tapedeck
import TapedeckHTTP

/// Headers that belong to one connection or one encoding of a body, never
/// forwarded or replayed as they are (RFC 9110, section 7.6.1).
let connectionHeaders: Set<String> = [
    "connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization", "te", "trailer",
    "transfer-encoding", "upgrade", "content-length", "host",
]

extension HTTPRequest {
    /// The origin-form target (`/path?query`), also when the client sent an
    /// absolute URL (`http://host?query` is `/?query`, `http://host` is `/`).
    var target: String {
        guard uri.hasPrefix("http://") || uri.hasPrefix("https://") else { return uri }
        let afterAuthority = uri.dropFirst(uri.hasPrefix("https") ? 8 : 7).drop { $0 != "/" && $0 != "?" }
        return afterAuthority.hasPrefix("/") ? String(afterAuthority) : "/" + afterAuthority
    }

    /// The request as a cassette records it, at `base` (the upstream's URL, or nothing when replaying).
    func recorded(base: String, keepingHeaders: Bool) -> RecordedRequest {
        var fields = HeaderFields()
        if keepingHeaders {
            for (name, value) in headers where !connectionHeaders.contains(name.lowercased()) { fields.append(name: name, value: value) }
        }
        let data = body.readableBytes == 0 ? Data() : Data(body.readableBytesView)
        return RecordedRequest(
            method: method.rawValue, url: base + target, headers: fields,
            body: RecordedBody(data: data, contentType: headers.first(name: "Content-Type")))
    }
}

extension HTTPHeaders {
    /// An upstream's response headers as a proxy relays them while the body
    /// streams: without the hop-by-hop ones, but with the upstream's `Content-Length`.
    init(relaying headers: HTTPHeaders) {
        self.init()
        for (name, value) in headers where name.lowercased() == "content-length" || !connectionHeaders.contains(name.lowercased()) {
            add(name: name, value: value)
        }
    }
}

extension HTTPResponse {
    /// A recorded response as the server sends it: the decoded body (the
    /// recorded `Content-Encoding` dropped with it) and a fresh length, headers
    /// HTTP cannot carry repaired or dropped (`repaired` is told each change).
    /// A response recorded without a body keeps its `Content-Length`, which an
    /// answer to `HEAD` sends as recorded (any other answer sends its own length).
    init(replaying recorded: RecordedResponse, delay: TimeAmount = .zero, repaired: (String) -> Void = { _ in }) {
        var headers = HTTPHeaders()
        let sendable = SendableHeaders(recorded.headers)
        sendable.repairs.forEach(repaired)
        for field in sendable.fields {
            let name = field.name.lowercased()
            if name == "content-length" {
                if recorded.body.isEmpty, Int(field.value) != nil, !headers.contains(name: "Content-Length") {
                    headers.add(name: field.name, value: field.value)
                }
                continue
            }
            if connectionHeaders.contains(name) { continue }
            if recorded.body.originalEncoding != nil, name == "content-encoding" { continue }
            headers.add(name: field.name, value: field.value)
        }
        self.init(
            status: HTTPResponseStatus(statusCode: recorded.status), headers: headers, body: ByteBuffer(bytes: recorded.body.data),
            delay: delay)
    }

    /// A JSON answer from the server itself.
    init(status: HTTPResponseStatus, json: JSONValue, headers extra: [(String, String)] = []) {
        var buffer = ByteBuffer()
        buffer.writeString(JSONWriter(style: .pretty()).string(from: json))
        buffer.writeString("\n")
        self.init(status: status, headers: HTTPHeaders([("Content-Type", "application/json")] + extra), body: buffer)
    }
}
