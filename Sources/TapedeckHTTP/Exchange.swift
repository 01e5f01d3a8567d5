import NIOCore
import NIOHTTP1

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One answer on its way out, on the channel's event loop.
struct Exchange: Sendable {
    var keepAlive: Bool
    var version: HTTPVersion
    /// The request was a `HEAD`: the answer's head says what the body would be, and no body follows.
    var bodiless: Bool
    /// Ended with the answer (or with the connection), so that a stopping server knows it is done.
    var token: OpenExchanges.Token
    /// Told when the answer is complete, to take the next request.
    var handler: RequestHandler
    /// A `HEAD` answered without a length: the encoder frames it as chunked, and
    /// the chunked terminator at its end would read as the start of the next answer.
    var endsAtHead = false

    /// Queues the head of an answer whose body follows: it goes out with the first
    /// part of the body (or the end), in one write. Without a length, an HTTP/1.1
    /// body goes out chunked; an HTTP/1.0 one ends with the connection.
    func start(status: HTTPResponseStatus, headers: HTTPHeaders, context: ChannelHandlerContext) -> Exchange {
        var exchange = self
        var headers = headers
        if !headers.contains(name: "Content-Length"), version.minor == 0 { exchange.keepAlive = false }
        if !exchange.keepAlive { headers.replaceOrAdd(name: "Connection", value: "close") }
        exchange.endsAtHead = bodiless && version.minor == 1 && !headers.contains(name: "Content-Length")
        guard context.channel.isActive else { return exchange }
        context.write(NIOAny(HTTPServerResponsePart.head(HTTPResponseHead(version: version, status: status, headers: headers))), promise: nil)
        return exchange
    }

    /// Sends a part of the body that `start` announced.
    func write(_ part: ByteBuffer, context: ChannelHandlerContext, promise: EventLoopPromise<Void>? = nil) {
        guard context.channel.isActive else {
            promise?.fail(ChannelError.ioOnClosedChannel)
            return
        }
        guard !bodiless else {
            promise?.succeed()
            return
        }
        context.writeAndFlush(NIOAny(HTTPServerResponsePart.body(.byteBuffer(part))), promise: promise)
    }

    func send(_ response: HTTPResponse, context: ChannelHandlerContext) {
        guard response.delay > .zero else { return deliver(response, context: context) }
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.eventLoop.scheduleTask(in: response.delay) { deliver(response, context: bound.value) }
    }

    private func deliver(_ response: HTTPResponse, context: ChannelHandlerContext) {
        guard context.channel.isActive else { return token.end() }
        var headers = response.headers
        // An answer to HEAD with no body of its own says the length the body would have, as recorded.
        if !(bodiless && response.body.readableBytes == 0 && headers.contains(name: "Content-Length")) {
            headers.replaceOrAdd(name: "Content-Length", value: String(response.body.readableBytes))
        }
        if !keepAlive { headers.replaceOrAdd(name: "Connection", value: "close") }
        let head = HTTPResponseHead(version: version, status: response.status, headers: headers)
        switch response.delivery {
        case .whole:
            context.write(NIOAny(HTTPServerResponsePart.head(head)), promise: nil)
            if !bodiless { context.write(NIOAny(HTTPServerResponsePart.body(.byteBuffer(response.body))), promise: nil) }
            finish(context: context)
        case .reset:
            // SO_LINGER 0 turns the close into a TCP reset.
            let channel = context.channel
            guard let socket = channel as? any SocketOptionProvider else { return channel.close(promise: nil) }
            socket.setSoLinger(linger(l_onoff: 1, l_linger: 0)).whenComplete { _ in channel.close(promise: nil) }
        case .truncated(let bytes):
            context.write(NIOAny(HTTPServerResponsePart.head(head)), promise: nil)
            let cut = bodiless ? 0 : min(bytes, response.body.readableBytes)
            let part = response.body.getSlice(at: response.body.readerIndex, length: cut) ?? ByteBuffer()
            let channel = context.channel
            context.writeAndFlush(NIOAny(HTTPServerResponsePart.body(.byteBuffer(part)))).whenComplete { _ in channel.close(promise: nil) }
        case .slow(let chunkSize, let interval):
            context.writeAndFlush(NIOAny(HTTPServerResponsePart.head(head)), promise: nil)
            guard !bodiless else { return finish(context: context) }
            trickle(response.body, chunkSize: max(1, chunkSize), interval: interval, context: context)
        }
    }

    private func trickle(_ body: ByteBuffer, chunkSize: Int, interval: TimeAmount, context: ChannelHandlerContext) {
        var rest = body
        guard context.channel.isActive else { return }
        guard let chunk = rest.readSlice(length: min(chunkSize, rest.readableBytes)), chunk.readableBytes > 0 else {
            return finish(context: context)
        }
        context.writeAndFlush(NIOAny(HTTPServerResponsePart.body(.byteBuffer(chunk))), promise: nil)
        let remaining = rest
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.eventLoop.scheduleTask(in: interval) { trickle(remaining, chunkSize: chunkSize, interval: interval, context: bound.value) }
    }

    /// Ends the answer; closes the connection unless it is kept alive, and
    /// otherwise goes on to the next request.
    func finish(context: ChannelHandlerContext) {
        let keepAlive = self.keepAlive
        let channel = context.channel
        let token = self.token
        // An empty part completes in order, and frames nothing.
        let last = endsAtHead ? HTTPServerResponsePart.body(.byteBuffer(ByteBuffer())) : .end(nil)
        context.writeAndFlush(NIOAny(last)).whenComplete { _ in
            token.end()
            if !keepAlive { channel.close(promise: nil) }
        }
        if keepAlive { handler.answered(context: context) }
    }
}
