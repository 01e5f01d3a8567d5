import NIOCore
import NIOHTTP1

/// One connection to an upstream, running one exchange at a time: it writes the
/// request and hands the answer to its `ProxiedExchange` part by part, reading
/// the next part only once the last one is written to the client, so a client
/// that reads slowly slows the upstream down (backpressure). Between exchanges
/// it waits in its loop's `UpstreamPool`, which it leaves when the upstream closes
/// it or it idles for a minute.
final class UpstreamConnection: ChannelDuplexHandler, @unchecked Sendable {
    // @unchecked Sendable: NIO calls a handler on its channel's event loop only,
    // and the pool that hands it exchanges runs on that same loop.
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = HTTPClientRequestPart
    typealias OutboundOut = HTTPClientRequestPart

    /// The exchange under way.
    private struct Running {
        var request: UpstreamRequest
        var exchange: ProxiedExchange
        /// Whether the connection had run an exchange before this one (the upstream may have closed it meanwhile).
        var reused: Bool
        var answered = false
        var keepAlive = false
    }

    let origin: UpstreamRequest.Origin
    private let pool: UpstreamPool
    private var context: ChannelHandlerContext?
    private var running: Running?
    /// Parts of the answer on their way to the client: reading waits for them.
    private var relaying = 0
    /// A read the channel asked for while `relaying`, to be made once the parts are written.
    private var heldRead = false

    init(origin: UpstreamRequest.Origin, pool: UpstreamPool) {
        self.origin = origin
        self.pool = pool
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    /// Sends `request` and relays its answer to `exchange`.
    func run(_ request: UpstreamRequest, for exchange: ProxiedExchange, reused: Bool) {
        running = Running(request: request, exchange: exchange, reused: reused)
        guard let context, context.channel.isActive else { return end(with: UpstreamFailure.closed) }
        context.write(wrapOutboundOut(.head(request.head)), promise: nil)
        if request.body.readableBytes > 0 { context.write(wrapOutboundOut(.body(.byteBuffer(request.body))), promise: nil) }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard var current = running else { return }
        switch unwrapInboundIn(data) {
        case .head(let head):
            current.answered = true
            current.keepAlive = head.isKeepAlive && current.request.head.isKeepAlive
            running = current
            current.exchange.received(head)
        case .body(let part):
            guard let written = current.exchange.received(part) else { return }
            relaying += 1
            written.whenComplete { _ in
                self.relaying -= 1
                if self.relaying == 0, self.heldRead, let context = self.context {
                    self.heldRead = false
                    context.read()
                }
            }
        case .end:
            running = nil
            if current.keepAlive { pool.keep(self) } else { context.close(promise: nil) }
            current.exchange.finished()
        }
    }

    func read(context: ChannelHandlerContext) {
        if relaying > 0 { heldRead = true } else { context.read() }
    }

    func channelInactive(context: ChannelHandlerContext) {
        pool.forget(self)
        end(with: UpstreamFailure.closed)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        end(with: error)
        context.close(promise: nil)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is IdleStateHandler.IdleStateEvent else { return context.fireUserInboundEventTriggered(event) }
        // Waiting for a slow client is not the upstream's silence.
        guard relaying == 0 else { return }
        end(with: UpstreamFailure.timedOut)
        context.close(promise: nil)
    }

    /// Ends the exchange under way, if any, with `error`; or, when a kept
    /// connection turns out closed before anything came back, sends an idempotent
    /// request once more on a new connection (RFC 9110, section 9.2.2).
    private func end(with error: any Error) {
        guard let current = running else { return }
        running = nil
        if current.reused, !current.answered, current.request.head.method.isIdempotent {
            pool.send(current.request, for: current.exchange, onNewConnection: true)
        } else {
            current.exchange.failed(error)
        }
    }
}

extension HTTPMethod {
    fileprivate var isIdempotent: Bool {
        [.GET, .HEAD, .PUT, .DELETE, .OPTIONS, .TRACE].contains(self)
    }
}
