package import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One exchange with the upstream while its answer arrives: the head, then
/// the body's parts, collected once for the recording.
package final class UpstreamExchange: Sendable {
    private let request: RecordedRequest
    /// When the request was sent, by the session's clock.
    private let sentAt: Date
    /// The same moment by the system clock, for the duration.
    private let started = Date()
    private let state: Mutex<(head: RecordedResponse, body: Data)> = Mutex((RecordedResponse(status: 0), Data()))

    package init(request: RecordedRequest, sentAt: Date) {
        self.request = request
        self.sentAt = sentAt
    }

    /// Takes the response head: status and headers, in a stable order, each
    /// `Set-Cookie` its own field again (Foundation joins repeated lines).
    func begin(_ http: HTTPURLResponse) -> RecordedResponse {
        var headers = HeaderFields()
        for (name, value) in (http.allHeaderFields as? [String: String] ?? [:]).sorted(by: { $0.key < $1.key }) {
            for line in name.caseInsensitiveEquals("Set-Cookie") ? HeaderFields.splitSetCookie(value) : [value] {
                headers.append(name: name, value: line)
            }
        }
        return begin(status: http.statusCode, headers: headers)
    }

    /// Takes the response head from a client that keeps header lines apart.
    @discardableResult
    package func begin(status: Int, headers: HeaderFields) -> RecordedResponse {
        let head = RecordedResponse(status: status, headers: headers)
        state.withLock { $0.head = head }
        return head
    }

    package func append(_ data: Data) { state.withLock { $0.body.append(data) } }

    /// The finished exchange. The body is kept as bytes (decoded when the
    /// upstream's `Content-Encoding` is one Tapedeck reads) until the cassette is
    /// written: classifying it, JSON parsed and written back to prove it exact, is
    /// work the answer need not wait for.
    package func interaction() -> Interaction {
        let (head, data) = state.withLock { state in
            defer { state.body = Data() }
            return (state.head, state.body)
        }
        let response = Self.recorded(status: head.status, headers: head.headers, body: data)
        return Interaction(request: request, response: response, recordedAt: sentAt, duration: Date().timeIntervalSince(started))
    }

    /// An upstream's answer as a recording keeps it: the body as bytes, decoded
    /// when its `Content-Encoding` is one Tapedeck reads (the encoding noted).
    package static func recorded(status: Int, headers: HeaderFields, body: Data) -> RecordedResponse {
        let encoding = headers["Content-Encoding"]
        var data = body
        if let encoding, let decoded = ContentDecoding.decode(body, encoding: encoding) { data = decoded }
        return RecordedResponse(
            status: status, headers: headers, body: RecordedBody(content: data.isEmpty ? .empty : .binary(data), originalEncoding: encoding))
    }
}
