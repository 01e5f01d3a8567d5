public import Foundation

/// One recorded HTTP exchange: what was asked, what came back, when, and how long it took.
public struct Interaction: Sendable, Equatable {
    public var request: RecordedRequest
    public var response: RecordedResponse
    /// When the request was sent; rules relative to "now" are judged against this.
    public var recordedAt: Date
    /// How long the exchange took, in seconds.
    public var duration: TimeInterval
    /// The HAR entry's members the cassette has no field of its own for (`pageref`, `timings`,
    /// `serverIPAddress`, `_initiator`…), kept as they were so an export gives them back; empty when not imported.
    public var har: JSONObject

    public init(request: RecordedRequest, response: RecordedResponse, recordedAt: Date, duration: TimeInterval, har: JSONObject = JSONObject()) {
        self.request = request
        self.response = response
        self.recordedAt = recordedAt
        self.duration = duration
        self.har = har
    }
}

/// The request half of an interaction.
public struct RecordedRequest: Sendable, Equatable {
    public var method: String
    /// The URL exactly as sent (after redaction), including the query string.
    public var url: String
    public var headers: HeaderFields
    public var body: RecordedBody
    /// Query parameters whose value a relative time gave (`start_time` from `{now-7d}`), by name:
    /// replay compares them by expression, not by the value recorded.
    public var relativeTimes: [String: RelativeTime]
    /// The HAR request's other members (`httpVersion`, `cookies`, HTTP/2 pseudo-headers…); see `Interaction.har`.
    public var har: JSONObject

    public init(
        method: String, url: String, headers: HeaderFields = [:], body: RecordedBody = .empty, relativeTimes: [String: RelativeTime] = [:],
        har: JSONObject = JSONObject()
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.relativeTimes = relativeTimes
        self.har = har
    }

    /// The URL's components (path, query items) when the URL parses.
    public var components: URLComponents? { URLComponents(string: url) }
}

/// The response half of an interaction.
public struct RecordedResponse: Sendable, Equatable {
    public var status: Int
    public var headers: HeaderFields
    public var body: RecordedBody
    /// The HAR response's other members (`statusText`, `httpVersion`, `cookies`, `content` but its text…); see `Interaction.har`.
    public var har: JSONObject

    public init(status: Int, headers: HeaderFields = [:], body: RecordedBody = .empty, har: JSONObject = JSONObject()) {
        self.status = status
        self.headers = headers
        self.body = body
        self.har = har
    }

    /// The headers a client is given with the body's `length` bytes in-process:
    /// the body as stored (decoded), so the recorded `Content-Encoding` goes with
    /// the encoding, and the length is the stored body's.
    package func headersAsDelivered(length: Int) -> HeaderFields {
        var delivered = headers
        if body.originalEncoding != nil { delivered.remove("Content-Encoding") }
        delivered.set("Content-Length", to: String(length))
        return delivered
    }
}

extension Interaction {
    /// Whether the interaction keeps members of a HAR entry, which only format version 2 holds.
    package var keepsHARDetails: Bool { !har.isEmpty || !request.har.isEmpty || !response.har.isEmpty }
}
