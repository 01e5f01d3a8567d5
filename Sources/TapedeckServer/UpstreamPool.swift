import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// The upstream connections of one event loop, kept alive between exchanges
/// per origin. Everything here runs on that loop, so an exchange and its
/// client connection share one thread, and the pool needs no lock.
final class UpstreamPool: @unchecked Sendable {
    // @unchecked Sendable: every member is used on `loop` only.
    /// Idle connections kept per origin; one more is closed when it comes back.
    private static let keptPerOrigin = 64

    private let loop: any EventLoop
    private let tls: NIOSSLContext
    private var idle: [UpstreamRequest.Origin: [UpstreamConnection]] = [:]
    /// Every open connection, idle or not, to close at shutdown.
    private var open: [ObjectIdentifier: any Channel] = [:]
    private var closing = false

    init(loop: any EventLoop, tls: NIOSSLContext) {
        self.loop = loop
        self.tls = tls
    }

    /// Sends `request` on an idle connection to its origin, or on a new one.
    func send(_ request: UpstreamRequest, for exchange: ProxiedExchange, onNewConnection: Bool = false) {
        loop.preconditionInEventLoop()
        if !onNewConnection, let connection = idle[request.origin]?.popLast() {
            return connection.run(request, for: exchange, reused: true)
        }
        guard !closing else { return exchange.failed(UpstreamFailure.closed) }
        connect(to: request.origin).whenComplete { result in
            switch result {
            case .success(let connection): connection.run(request, for: exchange, reused: false)
            case .failure(let error): exchange.failed(error)
            }
        }
    }

    /// Takes back a connection whose exchange ended with the connection kept alive.
    func keep(_ connection: UpstreamConnection) {
        if !closing, idle[connection.origin, default: []].count < Self.keptPerOrigin {
            idle[connection.origin, default: []].append(connection)
        } else {
            open[ObjectIdentifier(connection)]?.close(promise: nil)
        }
    }

    /// Forgets a connection that closed.
    func forget(_ connection: UpstreamConnection) {
        open[ObjectIdentifier(connection)] = nil
        idle[connection.origin]?.removeAll { $0 === connection }
    }

    /// Closes every connection, and each one that comes back from here on.
    func close() -> EventLoopFuture<Void> {
        loop.flatSubmit { [self] in
            closing = true
            idle = [:]
            let channels = Array(open.values)
            return EventLoopFuture.andAllComplete(channels.map { $0.close() }, on: loop)
        }
    }

    private func connect(to origin: UpstreamRequest.Origin) -> EventLoopFuture<UpstreamConnection> {
        let connection = UpstreamConnection(origin: origin, pool: self)
        let tls = origin.secure ? tls : nil
        // SNI and the name checked are the host's; an IP address is checked against the certificate's IP SANs.
        let serverName = (try? SocketAddress(ipAddress: origin.host, port: 0)) == nil ? origin.host : nil
        return ClientBootstrap(group: loop)
            .connectTimeout(.seconds(10))
            .channelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    if let tls { try pipeline.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverName)) }
                    try pipeline.addHTTPClientHandlers()
                    try pipeline.addHandler(connection)
                }
            }
            .connect(host: origin.host, port: origin.port)
            .map { [self] channel in
                // One that closed at once has been forgotten already; its exchange fails when it runs.
                if channel.isActive { open[ObjectIdentifier(connection)] = channel }
                return connection
            }
    }
}
