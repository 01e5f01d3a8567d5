public import NIOCore
public import NIOHTTP1

/// A response to send: status, headers and the whole body, and how to deliver
/// it (on time and whole, or late, cut short, slowly, or not at all when a
/// fault is injected).
public struct HTTPResponse: Sendable {
    /// How the response reaches the client.
    public enum Delivery: Sendable, Equatable {
        /// Head and body, at once.
        case whole
        /// The connection is reset (TCP RST) instead of answering.
        case reset
        /// The head announces the whole body, but only its first `bytes` are sent before the connection closes.
        case truncated(bytes: Int)
        /// The body goes out `chunkSize` bytes at a time, one chunk per `interval`.
        case slow(chunkSize: Int, interval: TimeAmount)
    }

    public var status: HTTPResponseStatus { didSet { encoded = nil } }
    public var headers: HTTPHeaders { didSet { encoded = nil } }
    public var body: ByteBuffer { didSet { encoded = nil } }
    /// How long to wait before the first byte.
    public var delay: TimeAmount
    public var delivery: Delivery
    /// The whole answer as it goes on the wire to a kept-alive HTTP/1.1
    /// exchange, when `encodedOnce()` made it: a server that sends the same answer
    /// again and again (a replay) writes these bytes as they are. Changing the
    /// status, the headers or the body drops them.
    var encoded: ByteBuffer?

    public init(
        status: HTTPResponseStatus, headers: HTTPHeaders = [:], body: ByteBuffer = ByteBuffer(), delay: TimeAmount = .zero,
        delivery: Delivery = .whole
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.delay = delay
        self.delivery = delivery
    }
}
