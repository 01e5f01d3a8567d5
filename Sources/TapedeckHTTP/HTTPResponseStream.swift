public import NIOCore
public import NIOHTTP1

/// Where one request's answer goes, from any thread: the whole response at
/// once, or a head and then the body as it arrives. Parts reach the connection
/// in the order they are given.
public final class HTTPResponseStream: Sendable {
    private let context: NIOLoopBound<ChannelHandlerContext>
    /// Changed by `head` when the body's end must close the connection.
    private let exchange: NIOLoopBoundBox<Exchange>
    private let token: OpenExchanges.Token

    init(context: ChannelHandlerContext, exchange: Exchange) {
        self.context = NIOLoopBound(context, eventLoop: context.eventLoop)
        self.exchange = NIOLoopBoundBox(exchange, eventLoop: context.eventLoop)
        token = exchange.token
    }

    /// The whole answer, delivered as it says (on time, late, cut short, slowly, or as a reset).
    public func send(_ response: HTTPResponse) {
        on { [exchange] in exchange.value.send(response, context: $0) }
    }

    /// The status and headers of an answer whose body follows in `body` parts
    /// and then `end`. The head goes out with the first part (or the end), in one
    /// write. With a `Content-Length` the body must add up to it; without one it
    /// goes out chunked (or, to an HTTP/1.0 client, until the connection closes).
    public func head(status: HTTPResponseStatus, headers: HTTPHeaders) {
        on { [exchange] in exchange.value = exchange.value.start(status: status, headers: headers, context: $0) }
    }

    public func body(_ part: ByteBuffer) {
        on { [exchange] in exchange.value.write(part, context: $0) }
    }

    /// The event loop of the client's connection: a producer on it (an upstream
    /// connection of the same loop) hands parts over without a thread hop.
    public var eventLoop: any EventLoop { context.eventLoop }

    /// Sends a part of the body; the future succeeds once the part is written to
    /// the socket, so a producer that waits for it before reading more goes at the
    /// client's pace (backpressure). It fails when the connection is gone.
    public func write(_ part: ByteBuffer) -> EventLoopFuture<Void> {
        let promise = context.eventLoop.makePromise(of: Void.self)
        guard !token.serverIsClosing else {
            promise.fail(ChannelError.ioOnClosedChannel)
            return promise.futureResult
        }
        if context.eventLoop.inEventLoop {
            exchange.value.write(part, context: context.value, promise: promise)
        } else {
            let (context, exchange) = (self.context, self.exchange)
            context.eventLoop.execute { exchange.value.write(part, context: context.value, promise: promise) }
        }
        return promise.futureResult
    }

    public func end() {
        on { [exchange] in exchange.value.finish(context: $0) }
    }

    /// Closes the connection mid-answer, so the client sees the body cut short.
    public func abort() {
        on { $0.close(promise: nil) }
    }

    private func on(_ work: @escaping @Sendable (ChannelHandlerContext) -> Void) {
        // An answer later than a stopping server waits for has no connection left to go to.
        guard !token.serverIsClosing else { return }
        let context = self.context
        // Already on the connection's loop (an upstream of the same loop): no hop, the order is kept.
        if context.eventLoop.inEventLoop { return work(context.value) }
        context.eventLoop.execute { work(context.value) }
    }
}
