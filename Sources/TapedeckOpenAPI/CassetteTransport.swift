public import Foundation
public import HTTPTypes
public import OpenAPIRuntime
public import Tapedeck

/// A `ClientTransport` that records and replays a generated OpenAPI client's
/// requests through a cassette. It wraps the transport the client would use
/// anyway (`URLSessionTransport`, `AsyncHTTPClientTransport`, …), which is only
/// called for what the cassette's mode records. Matching, redaction, record
/// modes and miss reports are the cassette session's, as for a `URLSession`.
///
///     let session = try CassetteSession(CassetteConfiguration(file: cassette, mode: .missing))
///     let client = Client(serverURL: url, transport: CassetteTransport(wrapping: URLSessionTransport(), session: session))
///     …
///     try session.finish()
///
/// A request that matches nothing in a session that only replays throws the
/// near-miss report (`CassetteMiss`): the closest recordings and what differs.
public struct CassetteTransport: ClientTransport {
    private let upstream: any ClientTransport
    public let session: CassetteSession
    /// The largest body, request or response, taken into the cassette.
    private static let largestBody = 64 << 20

    public init(wrapping upstream: any ClientTransport, session: CassetteSession) {
        self.upstream = upstream
        self.session = session
    }

    public func send(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String) async throws -> (HTTPResponse, HTTPBody?) {
        let sent = try await Self.collect(body)
        var base = baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        let headers = Self.headers(request.headerFields)
        let recorded = RecordedRequest(
            method: request.method.rawValue, url: base + (request.path ?? ""), headers: headers,
            body: RecordedBody(data: sent, contentType: headers["Content-Type"]))
        switch session.deck.answer(recorded) {
        case .replayed(let index, let response):
            let data = session.deck.responseBody(at: index)
            return (
                HTTPResponse(status: .init(code: response.status), headerFields: Self.fields(response.headersAsDelivered(length: data.count))), HTTPBody(data)
            )
        case .missed(let miss):
            throw miss
        case .unrecorded:
            return try await forward(request, body: sent, baseURL: baseURL, operationID: operationID, recorded: recorded)
        }
    }

    /// Sends the request through the wrapped transport, records the whole answer, and hands it on.
    private func forward(
        _ request: HTTPRequest, body: Data, baseURL: URL, operationID: String, recorded: RecordedRequest
    ) async throws -> (HTTPResponse, HTTPBody?) {
        // Given up if the upstream throws: the token is dropped unfinished.
        let recording = session.deck.startRecording(recorded)
        let (response, responseBody) = try await upstream.send(
            request, body: body.isEmpty ? nil : HTTPBody(body), baseURL: baseURL, operationID: operationID)
        let data = try await Self.collect(responseBody)
        recording.finish(status: response.status.code, headers: Self.headers(response.headerFields), body: data)
        return (response, HTTPBody(data))
    }

    /// All of a body's bytes (a cassette keeps bodies whole).
    private static func collect(_ body: HTTPBody?) async throws -> Data {
        guard let body else { return Data() }
        return try await Data(collecting: body, upTo: largestBody)
    }

    /// Header lines as a cassette keeps them, in order.
    private static func headers(_ fields: HTTPFields) -> HeaderFields {
        HeaderFields(fields.map { HeaderFields.Field(name: $0.name.rawName, value: $0.value) })
    }

    /// Header lines as HTTP Types has them; a line whose name is not a valid token is left out.
    private static func fields(_ headers: HeaderFields) -> HTTPFields {
        var fields = HTTPFields()
        for field in headers {
            guard let name = HTTPField.Name(field.name) else { continue }
            fields.append(HTTPField(name: name, value: field.value))
        }
        return fields
    }
}
