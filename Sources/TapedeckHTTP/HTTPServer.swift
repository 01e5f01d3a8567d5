public import NIOCore
import NIOHTTP1
public import NIOPosix
public import NIOSSL

/// A small HTTP/1.1 server on SwiftNIO: keep-alive, pipelining, bounded
/// headers and bodies, idle connections closed, bound to 127.0.0.1 unless told
/// otherwise, port 0 for any free port.
public final class HTTPServer: Sendable {
    /// What the server accepts before it answers with an error instead.
    public struct Limits: Sendable {
        /// The largest request body; a larger one is answered 413.
        public var maximumBodySize: Int
        /// The largest request head (all header lines); a larger one is answered 431 and the connection closed.
        public var maximumHeaderSize: Int
        /// A connection that sends nothing for this long, with no answer under way,
        /// is closed: a client that stalls mid-request, or one that stops reading
        /// its answer, included. (A streamed answer has the upstream's own bound on silence.)
        /// A plain `CONNECT` tunnel that carries nothing either way for this long is closed too.
        public var idleTimeout: TimeAmount

        /// `idleTimeout` in whole seconds (for a caller that does not import NIO: the CLI's `--idle-timeout`).
        public var idleTimeoutSeconds: Int64 {
            get { idleTimeout.nanoseconds / 1_000_000_000 }
            set { idleTimeout = .seconds(newValue) }
        }

        public init(maximumBodySize: Int = 8 << 20, maximumHeaderSize: Int = 64 << 10, idleTimeout: TimeAmount = .seconds(60)) {
            self.maximumBodySize = maximumBodySize
            self.maximumHeaderSize = maximumHeaderSize
            self.idleTimeout = idleTimeout
        }
    }

    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel
    private let exchanges: OpenExchanges

    /// The port the server listens on.
    public var port: Int { channel.localAddress?.port ?? 0 }

    /// Starts serving `responder` on `host:port`.
    /// - Parameters:
    ///   - group: the event loops to serve on (the server shuts them down when it
    ///     stops); by default, `threads` loops of its own.
    ///   - tls: serves HTTPS with this context instead of plain HTTP.
    ///   - tunnels: makes the server a forward proxy: `CONNECT` goes to it, and an
    ///     intercepted tunnel's requests to the responder it gives.
    /// - Throws: NIO's error when the address cannot be bound.
    public init(
        host: String = "127.0.0.1", port: Int = 0, limits: Limits = Limits(), threads: Int = System.coreCount,
        group: MultiThreadedEventLoopGroup? = nil, tls: NIOSSLContext? = nil, tunnels: (any TunnelResponder)? = nil, responder: any HTTPResponder
    ) async throws {
        let group = group ?? MultiThreadedEventLoopGroup(numberOfThreads: max(1, threads))
        self.group = group
        let exchanges = OpenExchanges()
        self.exchanges = exchanges
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 1024)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                    try channel.pipeline.syncOperations.addHandler(IdleStateHandler(readTimeout: limits.idleTimeout))
                    try Self.serveHTTP(on: channel, limits: limits, exchanges: exchanges, responder: responder, tunnels: tunnels)
                }
            }
            .childChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
        do {
            channel = try await bootstrap.bind(host: host, port: port).get()
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
    }

    /// Adds the handlers that read requests on `channel` and answer them with
    /// `responder` (and `CONNECT` with `tunnels`): on a new connection, and inside an intercepted tunnel.
    private static func serveHTTP(
        on channel: any Channel, limits: Limits, exchanges: OpenExchanges, responder: any HTTPResponder, tunnels: (any TunnelResponder)?
    ) throws {
        var decoderLimits = NIOHTTPDecoderLimitConfiguration()
        decoderLimits.maxHeaderFieldSize = limits.maximumHeaderSize
        decoderLimits.maxHeaderListSize = limits.maximumHeaderSize
        let pipeline = channel.pipeline.syncOperations
        // NIO's decoder, encoder and header validator; the order of answers to
        // pipelined requests, the answers to what the parser rejects, and answers
        // to HEAD without a body, are the RequestHandler's.
        try pipeline.addHandlers([
            HTTPResponseEncoder(), ByteToMessageHandler(HTTPRequestDecoder(limitConfiguration: decoderLimits)),
            NIOHTTPResponseHeadersValidator(),
            RequestHandler(responder: responder, maximumBodySize: limits.maximumBodySize, exchanges: exchanges, passesConnect: tunnels != nil),
        ])
        if let tunnels {
            try pipeline.addHandler(
                ConnectHandler(tunnels: tunnels) { inner, innerResponder in
                    try serveHTTP(on: inner, limits: limits, exchanges: exchanges, responder: innerResponder, tunnels: nil)
                })
        }
    }

    /// Stops in order: stops accepting connections, waits (at most `drain`) for
    /// the answers under way to finish, then closes every connection. An answer
    /// still under way after `drain` is dropped with its connection. `release`
    /// runs between the two, while the event loops still run (a client on them shuts down there).
    public func stop(drain: Duration = .seconds(4), release: @Sendable () async -> Void = {}) async throws {
        try? await channel.close()
        await exchanges.drain(within: drain)
        await release()
        try await group.shutdownGracefully()
    }
}
