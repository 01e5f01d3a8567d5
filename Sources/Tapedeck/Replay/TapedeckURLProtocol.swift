import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The `URLProtocol` that routes a `URLSession`'s requests to its `CassetteSession`.
///
/// A protocol class is instantiated by Foundation and sees only the request, so
/// each session gets a class of its own: `SlotProtocol<Tag>` specialised with a
/// distinct type-level number, looked up in `ProtocolSlots` by that class.
class TapedeckURLProtocol: URLProtocol {
    /// The task answering the request; Foundation calls start and stop on its own queue.
    private var loading: Task<Void, Never>?

    class var slotKey: ObjectIdentifier { ObjectIdentifier(TapedeckURLProtocol.self) }

    override class func canInit(with request: URLRequest) -> Bool { true }
    override class func canonicalRequest(for request: URLRequest) -> URLRequest { request }

    override func startLoading() {
        guard let (session, additionalHeaders) = ProtocolSlots.shared.session(for: Self.slotKey) else {
            client?.urlProtocol(self, didFailWithError: URLError(.cancelled))
            return
        }
        var original = request
        for (name, value) in additionalHeaders where original.value(forHTTPHeaderField: name) == nil {
            original.setValue(value, forHTTPHeaderField: name)
        }
        let recorded = Self.recordedRequest(original)
        let delivery = Delivery(owner: self, client: client, url: original.url ?? URL(fileURLWithPath: "/"))
        // A replay is answered at once from memory; only a recording needs a task for the upstream.
        switch session.deck.answer(recorded) {
        case .replayed(let index, let response):
            delivery.deliver(response, body: session.deck.responseBody(at: index))
        case .missed(let miss):
            delivery.client?.urlProtocol(self, didFailWithError: miss.urlError)
        case .unrecorded:
            loading = Task {
                do {
                    let response = try await session.forward(recorded, original: original)
                    delivery.deliver(response, body: response.body.data)
                } catch {
                    delivery.client?.urlProtocol(delivery.owner, didFailWithError: error)
                }
            }
        }
    }

    override func stopLoading() {
        loading?.cancel()
    }

    /// The request as a cassette stores it, the body read from `httpBody` or `httpBodyStream`.
    static func recordedRequest(_ request: URLRequest) -> RecordedRequest {
        var headers = HeaderFields()
        for (name, value) in (request.allHTTPHeaderFields ?? [:]).sorted(by: { $0.key < $1.key }) {
            headers.append(name: name, value: value)
        }
        var data = request.httpBody ?? Data()
        if data.isEmpty, let stream = request.httpBodyStream {
            stream.open()
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while case let count = stream.read(&buffer, maxLength: buffer.count), count > 0 {
                data.append(contentsOf: buffer[0..<count])
            }
            stream.close()
        }
        return RecordedRequest(
            method: request.httpMethod ?? "GET", url: request.url?.absoluteString ?? "", headers: headers,
            body: RecordedBody(data: data, contentType: headers["Content-Type"]))
    }
}

/// The protocol instance and its client, carried into the task that answers.
private struct Delivery: @unchecked Sendable {
    // @unchecked Sendable: URLProtocolClient callbacks are documented as callable
    // from any thread; the protocol instance is only passed back to them.
    let owner: URLProtocol
    let client: (any URLProtocolClient)?
    let url: URL

    /// Hands a recorded response to the client: the decoded body with a fresh
    /// length (the recorded `Content-Encoding` dropped with the encoding itself).
    func deliver(_ response: RecordedResponse, body: Data) {
        let headers = response.headersAsDelivered(length: body.count)
        var fields: [String: String] = [:]
        for field in headers { fields[field.name] = fields[field.name].map { $0 + ", " + field.value } ?? field.value }
        let http = HTTPURLResponse(url: url, statusCode: response.status, httpVersion: "HTTP/1.1", headerFields: fields)!
        client?.urlProtocol(owner, didReceive: http, cacheStoragePolicy: .notAllowed)
        if !body.isEmpty { client?.urlProtocol(owner, didLoad: body) }
        client?.urlProtocolDidFinishLoading(owner)
    }
}

/// A protocol class of its own for one session: `Tag` is a type-level number.
final class SlotProtocol<Tag>: TapedeckURLProtocol {
    override class var slotKey: ObjectIdentifier { ObjectIdentifier(Tag.self) }
}

enum SlotZero {}
enum SlotSuccessor<Previous> {}

/// Hands out protocol classes to sessions and finds a session by its class.
/// Slot numbers are reused once a session finishes, so the type nesting stays shallow.
final class ProtocolSlots: Sendable {
    static let shared = ProtocolSlots()

    private struct Entry {
        var session: CassetteSession
        var additionalHeaders: [String: String]
        var number: Int
    }

    private struct State {
        var entries: [ObjectIdentifier: Entry] = [:]
        var free: [Int] = []
        var next = 0
    }

    private let state = Mutex(State())

    func claim(for session: CassetteSession, additionalHeaders: [AnyHashable: Any]?) -> AnyClass {
        let headers = (additionalHeaders ?? [:]).reduce(into: [String: String]()) { result, pair in
            if let name = pair.key as? String { result[name] = "\(pair.value)" }
        }
        return state.withLock { state in
            let number: Int
            if let reused = state.free.popLast() {
                number = reused
            } else {
                number = state.next
                state.next += 1
            }
            let (protocolClass, key): (AnyClass, ObjectIdentifier) = Self.slot(number, SlotZero.self)
            state.entries[key] = Entry(session: session, additionalHeaders: headers, number: number)
            return protocolClass
        }
    }

    func session(for key: ObjectIdentifier) -> (CassetteSession, [String: String])? {
        state.withLock { state in state.entries[key].map { ($0.session, $0.additionalHeaders) } }
    }

    func release(_ session: CassetteSession) {
        state.withLock { state in
            for (key, entry) in state.entries where entry.session === session {
                state.entries[key] = nil
                state.free.append(entry.number)
            }
        }
    }

    private static func slot<Tag>(_ number: Int, _: Tag.Type) -> (AnyClass, ObjectIdentifier) {
        number == 0 ? (SlotProtocol<Tag>.self, ObjectIdentifier(Tag.self)) : slot(number - 1, SlotSuccessor<Tag>.self)
    }
}
