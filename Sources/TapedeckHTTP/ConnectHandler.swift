import NIOCore
import NIOHTTP1
import NIOSSL
import NIOTLS

/// Takes `CONNECT host:port` off a forward proxy's connection: asks the
/// `TunnelResponder` what the tunnel becomes, answers 200 (or the refusal),
/// and turns the connection into the tunnel: TLS terminated and HTTP served
/// inside it, or bytes relayed as they are. The `RequestHandler` before it hands
/// it each `CONNECT` in its turn, and reads nothing more until the tunnel is open or refused.
final class ConnectHandler: ChannelInboundHandler, RemovableChannelHandler, @unchecked Sendable {
    // @unchecked Sendable: NIO calls a handler on its channel's event loop only,
    // and the tunnel's answer is brought back to that loop before it is used.
    typealias InboundIn = HTTPServerRequestPart

    private let tunnels: any TunnelResponder
    /// Adds the HTTP handlers that serve the requests inside an intercepted tunnel.
    private let serveHTTP: @Sendable (any Channel, any HTTPResponder) throws -> Void
    private var target: (host: String, port: Int)?
    private var refused: String?

    init(tunnels: any TunnelResponder, serveHTTP: @escaping @Sendable (any Channel, any HTTPResponder) throws -> Void) {
        self.tunnels = tunnels
        self.serveHTTP = serveHTTP
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            if let authority = Self.authority(head.uri) { target = authority } else { refused = head.uri }
        case .body:
            break  // A CONNECT's body means nothing.
        case .end:
            if let refused {
                self.refused = nil
                return refuse(
                    HTTPResponse(
                        status: .badRequest, headers: ["Content-Type": "text/plain"],
                        body: ByteBuffer(string: "CONNECT takes host:port, not \(refused.prefix(200))\n")), context: context)
            }
            guard let target else { return }
            self.target = nil
            let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            tunnels.tunnel(to: target.host, port: target.port, on: context.eventLoop)
                .hop(to: context.eventLoop)
                .whenComplete { result in
                    let (handler, context) = bound.value
                    switch result {
                    case .success(let tunnel): handler.open(tunnel, host: target.host, context: context)
                    case .failure(let error):
                        handler.refuse(
                            HTTPResponse(
                                status: .badGateway, headers: ["Content-Type": "text/plain"],
                                body: ByteBuffer(string: "could not open a tunnel to \(target.host):\(target.port): \(error)\n")), context: context)
                    }
                }
        }
    }

    /// `host:port` (an IPv6 address in brackets), the port at most 65535.
    static func authority(_ uri: String) -> (host: String, port: Int)? {
        guard let colon = uri.lastIndex(of: ":"), let port = Int(uri[uri.index(after: colon)...]), (1...65_535).contains(port) else { return nil }
        var host = String(uri[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, !host.contains("/"), !host.contains(" ") else { return nil }
        return (host, port)
    }

    /// Answers the `CONNECT` with `response`, through NIO's encoder and header
    /// validator like any answer (the encoder is not told the request was a
    /// `CONNECT`, so the body goes out with it), and closes.
    private func refuse(_ response: HTTPResponse, context: ChannelHandlerContext) {
        var headers = response.headers
        headers.replaceOrAdd(name: "Content-Length", value: String(response.body.readableBytes))
        headers.replaceOrAdd(name: "Connection", value: "close")
        let channel = context.channel
        context.write(NIOAny(HTTPServerResponsePart.head(HTTPResponseHead(version: .http1_1, status: response.status, headers: headers))), promise: nil)
        context.write(NIOAny(HTTPServerResponsePart.body(.byteBuffer(response.body))), promise: nil)
        context.writeAndFlush(NIOAny(HTTPServerResponsePart.end(nil))).whenComplete { _ in channel.close(promise: nil) }
    }

    /// Takes the HTTP handlers off the connection: from here on it carries bytes.
    private func removeHTTPHandlers(from pipeline: ChannelPipeline.SynchronousOperations) throws {
        _ = pipeline.removeHandler(try pipeline.handler(type: RequestHandler.self))
        _ = pipeline.removeHandler(try pipeline.handler(type: NIOHTTPResponseHeadersValidator.self))
        _ = pipeline.removeHandler(try pipeline.handler(type: HTTPResponseEncoder.self))
        _ = pipeline.removeHandler(try pipeline.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self))
    }

    private func open(_ tunnel: Tunnel, host: String, context: ChannelHandlerContext) {
        if case .refuse(let response) = tunnel { return refuse(response, context: context) }
        let channel = context.channel
        guard channel.isActive else {
            if case .passThrough(let upstream) = tunnel { upstream.close(promise: nil) }
            return
        }
        do {
            let pipeline = channel.pipeline.syncOperations
            try removeHTTPHandlers(from: pipeline)
            channel.writeAndFlush(ByteBuffer(string: "HTTP/1.1 200 Connection Established\r\n\r\n"), promise: nil)
            switch tunnel {
            case .intercept(let tls, let responder):
                try pipeline.addHandler(NIOSSLServerHandler(context: tls), position: .first)
                try pipeline.addHandler(
                    TunnelFailureReporter(host: host, tunnels: tunnels), position: .after(try pipeline.handler(type: NIOSSLServerHandler.self)))
                try serveHTTP(channel, responder)
            case .passThrough(let upstream):
                let (client, server) = GlueHandler.matchedPair()
                try pipeline.addHandler(client)
                try upstream.pipeline.syncOperations.addHandler(server)
            case .refuse: break
            }
            pipeline.removeHandler(context: context, promise: nil)
            // Reads were held back while the CONNECT waited for its answer.
            channel.read()
        } catch {
            tunnels.tunnelFailed(to: host, error: error)
            channel.close(promise: nil)
        }
    }
}

/// Tells the `TunnelResponder` when an intercepted tunnel's TLS handshake fails
/// (the client refused the proxy's certificate, or broke off), then passes the
/// error on. A client that closes without `close_notify` after a completed
/// handshake is no failure, and is not reported.
final class TunnelFailureReporter: ChannelInboundHandler, @unchecked Sendable {
    // @unchecked Sendable: NIO calls a handler on its channel's event loop only.
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let host: String
    private let tunnels: any TunnelResponder
    private var handshakeCompleted = false

    init(host: String, tunnels: any TunnelResponder) {
        self.host = host
        self.tunnels = tunnels
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .handshakeCompleted = event as? TLSUserEvent { handshakeCompleted = true }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if !handshakeCompleted, error is NIOSSLError || error is BoringSSLError { tunnels.tunnelFailed(to: host, error: error) }
        context.fireErrorCaught(error)
    }
}
