import NIOCore
import NIOHTTP1

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Collects one request at a time, asks the responder, and delivers its answer
/// the way the answer says (on time, late, cut short, slowly, or as a reset).
/// Requests are answered in the order they came: while an answer is under way,
/// the requests a client pipelined behind it wait here, and no more is read
/// from the connection until it is done. A recorded answer that is ready as
/// bytes (`HTTPResponse.encodedOnce()`) is written as it is, past the encoder.
final class RequestHandler: ChannelDuplexHandler, RemovableChannelHandler, @unchecked Sendable {
    // @unchecked Sendable: NIO calls a handler on its channel's event loop only;
    // answers computed in a task come back through `eventLoop.execute`.
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let responder: any HTTPResponder
    private let maximumBodySize: Int
    private let exchanges: OpenExchanges
    /// This connection's exchanges not known to have ended: they end when it closes.
    private var open: [OpenExchanges.Token] = []
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()
    private var tooLarge = false
    /// An answer is under way: what arrives meanwhile waits in `waiting`, and reads wait in `readHeld`.
    private var answering = false
    private var waiting = CircularBuffer<HTTPServerRequestPart>()
    private var readHeld = false
    private var drainingWaiting = false
    /// Where bytes already encoded enter the pipeline: just past the HTTP encoder.
    private var wire: ChannelHandlerContext?

    init(responder: any HTTPResponder, maximumBodySize: Int, exchanges: OpenExchanges) {
        self.responder = responder
        self.maximumBodySize = maximumBodySize
        self.exchanges = exchanges
    }

    func handlerAdded(context: ChannelHandlerContext) {
        wire = try? context.pipeline.syncOperations.context(handlerType: HTTPResponseEncoder.self)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        wire = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        if answering { return waiting.append(part) }
        take(part, context: context)
    }

    func read(context: ChannelHandlerContext) {
        if answering { readHeld = true } else { context.read() }
    }

    private func take(_ part: HTTPServerRequestPart, context: ChannelHandlerContext) {
        switch part {
        case .head(let requestHead):
            head = requestHead
            body = context.channel.allocator.buffer(capacity: 0)
            tooLarge = false
        case .body(var chunk):
            if body.readableBytes + chunk.readableBytes > maximumBodySize { tooLarge = true } else { body.writeBuffer(&chunk) }
        case .end:
            guard let head else { return }
            self.head = nil
            answer(head, context: context)
        }
    }

    private func answer(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        // A request that waited behind an answer whose failure closed the connection: nobody to answer.
        guard context.channel.isActive else { return }
        let request = HTTPRequest(method: head.method, uri: head.uri, headers: head.headers, body: body)
        let keepAlive = head.isKeepAlive
        let immediate = tooLarge ? HTTPResponse(status: .payloadTooLarge) : responder.respondImmediately(to: request)
        if let immediate, let encoded = immediate.encoded, let wire, keepAlive, head.version == .http1_1, head.method != .HEAD,
            immediate.delay == .zero, immediate.delivery == .whole
        {
            // Complete on the spot: nothing for a stopping server to wait for.
            return wire.writeAndFlush(NIOAny(IOData.byteBuffer(encoded)), promise: nil)
        }
        open.removeAll(where: \.isEnded)
        let token = exchanges.begin()
        open.append(token)
        answering = true
        let exchange = Exchange(keepAlive: keepAlive, version: head.version, bodiless: head.method == .HEAD, token: token, handler: self)
        if let immediate {
            exchange.send(immediate, context: context)
        } else {
            responder.respond(to: request, streamingInto: HTTPResponseStream(context: context, exchange: exchange))
        }
    }

    /// The answer under way is complete: the requests that waited are taken in
    /// order, and reading resumes once none is left waiting for its answer.
    fileprivate func answered(context: ChannelHandlerContext) {
        answering = false
        // Taking a waiting request can complete its answer at once: the loop below goes on, without recursion.
        guard !drainingWaiting else { return }
        drainingWaiting = true
        while !answering, let part = waiting.popFirst() { take(part, context: context) }
        drainingWaiting = false
        if !answering, readHeld {
            readHeld = false
            context.read()
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        for token in open { token.end() }
        open = []
        waiting.removeAll()
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent {
            // Nothing read for the idle timeout: the client is gone, unless it waits for an answer under way.
            if !answering { context.close(promise: nil) }
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A peer that resets or vanishes mid-exchange: nothing to answer.
        context.close(promise: nil)
    }
}

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

    /// Queues the head of an answer whose body follows: it goes out with the first
    /// part of the body (or the end), in one write. Without a length, an HTTP/1.1
    /// body goes out chunked; an HTTP/1.0 one ends with the connection.
    func start(status: HTTPResponseStatus, headers: HTTPHeaders, context: ChannelHandlerContext) -> Exchange {
        var exchange = self
        var headers = headers
        if !headers.contains(name: "Content-Length"), version.minor == 0 { exchange.keepAlive = false }
        if !exchange.keepAlive { headers.replaceOrAdd(name: "Connection", value: "close") }
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
        headers.replaceOrAdd(name: "Content-Length", value: String(response.body.readableBytes))
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
        context.writeAndFlush(NIOAny(HTTPServerResponsePart.end(nil))).whenComplete { _ in
            token.end()
            if !keepAlive { channel.close(promise: nil) }
        }
        if keepAlive { handler.answered(context: context) }
    }
}
