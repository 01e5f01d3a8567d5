import NIOCore
import NIOHTTP1

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
        let request = HTTPRequest(method: head.method, uri: head.uri, headers: head.headers, body: body)
        let keepAlive = head.isKeepAlive
        let immediate = tooLarge ? HTTPResponse(status: .payloadTooLarge) : responder.respondImmediately(to: request)
        if let immediate, let encoded = immediate.encoded, let wire, keepAlive, head.version == .http1_1, head.method != .HEAD,
            immediate.delay == .zero, immediate.delivery == .whole
        {
            wire.writeAndFlush(NIOAny(IOData.byteBuffer(encoded)), promise: nil)
            // Usually the socket takes it all at once. What it has not taken yet is an answer
            // under way, for a stopping server to wait for: an empty write after it completes with it.
            guard let unsent = try? context.channel.syncOptions?.getOption(ChannelOptions.bufferedWritableBytes), unsent > 0 else { return }
            let token = begin()
            wire.writeAndFlush(NIOAny(IOData.byteBuffer(ByteBuffer()))).whenComplete { _ in token.end() }
            return
        }
        let token = begin()
        answering = true
        let exchange = Exchange(keepAlive: keepAlive, version: head.version, bodiless: head.method == .HEAD, token: token, handler: self)
        if let immediate {
            exchange.send(immediate, context: context)
        } else {
            responder.respond(to: request, streamingInto: HTTPResponseStream(context: context, exchange: exchange))
        }
    }

    /// Counts an answer as under way until its token ends (or the connection closes).
    private func begin() -> OpenExchanges.Token {
        open.removeAll(where: \.isEnded)
        let token = exchanges.begin()
        open.append(token)
        return token
    }

    /// The answer under way is complete: the requests that waited are taken in
    /// order, and reading resumes once none is left waiting for its answer.
    func answered(context: ChannelHandlerContext) {
        answering = false
        // Taking a waiting request can complete its answer at once: the loop below goes on, without recursion.
        guard !drainingWaiting else { return }
        drainingWaiting = true
        // A request that waited behind an answer whose failure closed the connection has nobody to answer.
        while !answering, context.channel.isActive, let part = waiting.popFirst() { take(part, context: context) }
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
