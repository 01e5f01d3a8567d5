import NIOCore
import NIOHTTP1

/// Collects one request at a time, asks the responder, and delivers its answer
/// the way the answer says (on time, late, cut short, slowly, or as a reset).
/// Requests are answered in the order they came: while an answer is under way,
/// the requests a client pipelined behind it wait here, and no more is read
/// from the connection until it is done. The same holds for a request the
/// parser rejects (answered 400, or 431 for a head over the limit, then the
/// connection closes) and, on a forward proxy, for a `CONNECT`, which goes on
/// to the `ConnectHandler` after it. A recorded answer that is ready as bytes
/// (`HTTPResponse.encodedOnce()`) is written as it is, past the encoder.
final class RequestHandler: ChannelDuplexHandler, RemovableChannelHandler, @unchecked Sendable {
    // @unchecked Sendable: NIO calls a handler on its channel's event loop only;
    // answers computed in a task come back through `eventLoop.execute`.
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let responder: any HTTPResponder
    private let maximumBodySize: Int
    private let exchanges: OpenExchanges
    /// Whether a `CONNECT` goes on to the next handler (a forward proxy), or is answered like any request.
    private let passesConnect: Bool
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
    /// The parts of a `CONNECT` are going on to the `ConnectHandler`.
    private var passingConnect = false
    /// What the parser rejected, answered once the answers ahead of it are done.
    private var rejected: HTTPParserError?
    /// An answer ended since the last idle check: the idle timeout counts from about then.
    private var answeredSinceIdleCheck = false
    /// Where bytes already encoded enter the pipeline: just past the HTTP encoder.
    private var wire: ChannelHandlerContext?

    init(responder: any HTTPResponder, maximumBodySize: Int, exchanges: OpenExchanges, passesConnect: Bool) {
        self.responder = responder
        self.maximumBodySize = maximumBodySize
        self.exchanges = exchanges
        self.passesConnect = passesConnect
    }

    func handlerAdded(context: ChannelHandlerContext) {
        wire = try? context.pipeline.syncOperations.context(handlerType: HTTPResponseEncoder.self)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        wire = nil
        endOpenExchanges()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        if passingConnect { return passConnect(part, context: context) }
        if answering { return waiting.append(part) }
        take(part, context: context)
    }

    func read(context: ChannelHandlerContext) {
        if answering, !passingConnect { readHeld = true } else { context.read() }
    }

    private func take(_ part: HTTPServerRequestPart, context: ChannelHandlerContext) {
        switch part {
        case .head(let requestHead) where passesConnect && requestHead.method == .CONNECT:
            // The tunnel is the answer: nothing behind it is taken until the ConnectHandler is done.
            answering = true
            passingConnect = true
            passConnect(part, context: context)
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

    private func passConnect(_ part: HTTPServerRequestPart, context: ChannelHandlerContext) {
        if case .end = part { passingConnect = false }
        context.fireChannelRead(wrapInboundOut(part))
    }

    private func answer(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        let request = HTTPRequest(method: head.method, uri: head.uri, headers: head.headers, body: body, localAddress: context.channel.localAddress)
        let keepAlive = head.isKeepAlive
        let immediate = tooLarge ? HTTPResponse(status: .payloadTooLarge) : responder.respondImmediately(to: request)
        if let immediate, let encoded = immediate.encoded, let wire, keepAlive, head.version == .http1_1, head.method != .HEAD,
            immediate.delay == .zero, immediate.delivery == .whole
        {
            answeredSinceIdleCheck = true
            wire.writeAndFlush(NIOAny(IOData.byteBuffer(encoded)), promise: nil)
            // Usually the socket takes it all at once. What it has not taken yet is an answer
            // under way, for a stopping server to wait for: an empty write after it completes with it.
            guard let unsent = try? context.channel.syncOptions?.getOption(ChannelOptions.bufferedWritableBytes), unsent > 0 else { return }
            let token = begin()
            wire.writeAndFlush(NIOAny(IOData.byteBuffer(ByteBuffer()))).whenComplete { _ in token.end() }
            return
        }
        let exchange = Exchange(keepAlive: keepAlive, version: head.version, bodiless: head.method == .HEAD, token: begin(), handler: self)
        answering = true
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
        answeredSinceIdleCheck = true
        // Taking a waiting request can complete its answer at once: the loop below goes on, without recursion.
        guard !drainingWaiting else { return }
        drainingWaiting = true
        // A request that waited behind an answer whose failure closed the connection has nobody to answer.
        while !answering || passingConnect, context.channel.isActive, let part = waiting.popFirst() {
            if passingConnect { passConnect(part, context: context) } else { take(part, context: context) }
        }
        drainingWaiting = false
        if !answering, let rejected { return refuse(rejected, context: context) }
        if !answering || passingConnect, readHeld {
            readHeld = false
            context.read()
        }
    }

    /// Answers what the parser rejected, with a one-line reason, and closes.
    private func refuse(_ error: HTTPParserError, context: ChannelHandlerContext) {
        rejected = nil
        answering = true
        let (status, reason) = Self.answer(to: error)
        let exchange = Exchange(keepAlive: false, version: .http1_1, bodiless: false, token: begin(), handler: self)
        exchange.send(
            HTTPResponse(status: status, headers: ["Content-Type": "text/plain; charset=utf-8"], body: ByteBuffer(string: reason + "\n")), context: context)
    }

    private static func answer(to error: HTTPParserError) -> (HTTPResponseStatus, String) {
        switch error {
        case .headerOverflow: (.requestHeaderFieldsTooLarge, "request head too large")
        case .invalidMethod: (.badRequest, "malformed request line: unknown method")
        case .invalidURL: (.badRequest, "malformed request line: bad target")
        case .invalidVersion: (.badRequest, "malformed request line: bad HTTP version")
        default: (.badRequest, "malformed request: \(error)")
        }
    }

    private func endOpenExchanges() {
        for token in open { token.end() }
        open = []
    }

    func channelInactive(context: ChannelHandlerContext) {
        endOpenExchanges()
        waiting.removeAll()
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is IdleStateHandler.IdleStateEvent else { return context.fireUserInboundEventTriggered(event) }
        // Nothing read for the idle timeout: the client is gone, unless it waits for
        // an answer under way, or has had one lately (it gets another timeout to ask again).
        if !answering, !answeredSinceIdleCheck { context.close(promise: nil) }
        answeredSinceIdleCheck = false
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parserError = error as? HTTPParserError else {
            // A peer that resets or vanishes mid-exchange: nothing to answer.
            return context.close(promise: nil)
        }
        rejected = parserError
        if !answering { refuse(parserError, context: context) }
    }
}
