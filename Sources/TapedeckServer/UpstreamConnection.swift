import NIOCore
import NIOHTTP1
import NIOSSL

/// One connection to an upstream, running one exchange at a time: it writes the
/// request and hands the answer to its `ProxiedExchange` part by part, reading
/// the next part only once the last one is written to the client, so a client
/// that reads slowly slows the upstream down (backpressure). Between exchanges
/// it waits in its loop's `UpstreamPool`, which it leaves when the upstream closes
/// it or it idles for a minute (`silence`).
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

    /// How long the upstream may stay silent during an exchange, and a kept connection idle in the pool.
    private static let silence = TimeAmount.seconds(60)
    /// How often the silence is checked: a silence is noticed within a quarter of `silence` of its end.
    private static let checkEvery = TimeAmount.seconds(15)

    let origin: UpstreamRequest.Origin
    private let pool: UpstreamPool
    private var context: ChannelHandlerContext?
    private var running: Running?
    /// Parts of the answer on their way to the client: reading waits for them.
    private var relaying = 0
    /// A read the channel asked for while `relaying`, to be made once the parts are written.
    private var heldRead = false
    /// The exchange ended while parts were still on their way to the client: once
    /// they are written, the connection goes back to the pool (`true`) or closes.
    private var releaseAfterRelay: Bool?
    /// When the upstream last sent anything, the client last took what it sent, or the connection last started or ended an exchange.
    private var lastActivity = NIODeadline.now()
    /// Checks `lastActivity` against `silence` now and then.
    private var watch: RepeatedTask?

    init(origin: UpstreamRequest.Origin, pool: UpstreamPool) {
        self.origin = origin
        self.pool = pool
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        watch = context.eventLoop.scheduleRepeatedTask(initialDelay: Self.checkEvery, delay: Self.checkEvery) { [self] _ in
            checkSilence()
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        watch?.cancel()
        self.context = nil
    }

    /// Sends `request` and relays its answer to `exchange`.
    func run(_ request: UpstreamRequest, for exchange: ProxiedExchange, reused: Bool) {
        running = Running(request: request, exchange: exchange, reused: reused)
        lastActivity = .now()
        guard let context, context.channel.isActive else { return end(with: UpstreamFailure.closed) }
        context.write(wrapOutboundOut(.head(request.head)), promise: nil)
        if request.body.readableBytes > 0 { context.write(wrapOutboundOut(.body(.byteBuffer(request.body))), promise: nil) }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard var current = running else { return }
        lastActivity = .now()
        switch unwrapInboundIn(data) {
        case .head(let head):
            current.answered = true
            current.keepAlive = head.isKeepAlive && current.request.head.isKeepAlive
            running = current
            current.exchange.received(head)
        case .body(let part):
            let written = current.exchange.received(part)
            if current.exchange.abandoned {
                // The client is gone and the recording full: what was kept is recorded,
                // and the upstream is not read on (an endless stream would be read forever).
                running = nil
                current.exchange.finished()
                context.close(promise: nil)
                return
            }
            guard let written else { return }
            relaying += 1
            written.whenComplete { _ in self.relayed() }
        case .end:
            running = nil
            if relaying == 0 { release(keepingAlive: current.keepAlive) } else { releaseAfterRelay = current.keepAlive }
            current.exchange.finished()
        }
    }

    func read(context: ChannelHandlerContext) {
        if relaying > 0 { heldRead = true } else { context.read() }
    }

    func channelInactive(context: ChannelHandlerContext) {
        watch?.cancel()
        pool.forget(self)
        end(with: UpstreamFailure.closed)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A TLS upstream that closes without close_notify once its answer has begun:
        // whether the answer is whole is the HTTP decoder's call (a body delimited
        // by the close is; one short of its length is not), made as the channel goes.
        if let error = error as? NIOSSLError, case .uncleanShutdown = error, running?.answered == true { return }
        end(with: error)
        context.close(promise: nil)
    }

    /// A part of the answer is written to the client.
    private func relayed() {
        relaying -= 1
        guard relaying == 0, let context else { return }
        // The wait for the client was not the upstream's silence: that counts from here.
        lastActivity = .now()
        if heldRead {
            heldRead = false
            context.read()
        }
        if let keepingAlive = releaseAfterRelay {
            releaseAfterRelay = nil
            release(keepingAlive: keepingAlive)
        }
    }

    /// After an exchange: back to the pool, or closed. A connection that is no
    /// longer active (an answer delimited by the close) is not kept.
    private func release(keepingAlive: Bool) {
        guard let context else { return }
        lastActivity = .now()
        if keepingAlive, context.channel.isActive { pool.keep(self) } else { context.close(promise: nil) }
    }

    /// Closes a connection idle in the pool for `silence`, and ends an exchange
    /// whose upstream has sent nothing for as long (waiting for a slow client is
    /// not the upstream's silence).
    private func checkSilence() {
        guard let context, NIODeadline.now() - lastActivity >= Self.silence, relaying == 0 else { return }
        if running != nil { end(with: UpstreamFailure.timedOut, mayRetry: false) }
        context.close(promise: nil)
    }

    /// Ends the exchange under way, if any, with `error`; or, when a kept
    /// connection turns out closed before anything came back, sends an idempotent
    /// request once more on a new connection (RFC 9110, section 9.2.2).
    private func end(with error: any Error, mayRetry: Bool = true) {
        guard let current = running else { return }
        running = nil
        if mayRetry, current.reused, !current.answered, current.request.head.method.isIdempotent {
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
