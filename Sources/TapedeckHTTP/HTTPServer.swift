public import NIOCore
public import NIOHTTP1
import NIOPosix

/// A request as a responder sees it: the head and the whole body.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    public var uri: String
    public var headers: HTTPHeaders
    public var body: ByteBuffer
}

/// A response to send: status, headers and the whole body.
public struct HTTPResponse: Sendable {
    public var status: HTTPResponseStatus
    public var headers: HTTPHeaders
    public var body: ByteBuffer

    public init(status: HTTPResponseStatus, headers: HTTPHeaders = [:], body: ByteBuffer = ByteBuffer()) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// What answers requests: the simulator, the replay server.
public protocol HTTPResponder: Sendable {
    func respond(to request: HTTPRequest) async -> HTTPResponse
}

/// A small HTTP/1.1 server on SwiftNIO: keep-alive, bodies up to a limit,
/// bound to 127.0.0.1 unless told otherwise, port 0 for any free port.
public final class HTTPServer: Sendable {
    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel

    /// The port the server listens on.
    public var port: Int { channel.localAddress?.port ?? 0 }

    /// Starts serving `responder` on `host:port`.
    /// - Throws: NIO's error when the address cannot be bound.
    public init(host: String = "127.0.0.1", port: Int = 0, maximumBodySize: Int = 8 << 20, responder: any HTTPResponder) async throws {
        group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline(withErrorHandling: true).flatMap {
                    channel.pipeline.addHandler(RequestHandler(responder: responder, maximumBodySize: maximumBodySize))
                }
            }
            .childChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
        do {
            channel = try await bootstrap.bind(host: host, port: port).get()
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
    }

    /// Stops listening and closes every connection.
    public func stop() async throws {
        try await channel.close()
        try await group.shutdownGracefully()
    }
}

/// Collects one request at a time and writes the responder's answer.
private final class RequestHandler: ChannelInboundHandler, @unchecked Sendable {
    // @unchecked Sendable: NIO calls a handler on its channel's event loop only;
    // the answer is written back through `eventLoop.execute`.
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let responder: any HTTPResponder
    private let maximumBodySize: Int
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()
    private var tooLarge = false

    init(responder: any HTTPResponder, maximumBodySize: Int) {
        self.responder = responder
        self.maximumBodySize = maximumBodySize
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            head = requestHead
            body.clear()
            tooLarge = false
        case .body(var chunk):
            if body.readableBytes + chunk.readableBytes > maximumBodySize { tooLarge = true } else { body.writeBuffer(&chunk) }
        case .end:
            guard let head else { return }
            self.head = nil
            let request = HTTPRequest(method: head.method, uri: head.uri, headers: head.headers, body: body)
            let keepAlive = head.isKeepAlive
            let version = head.version
            let responder = self.responder
            let tooLarge = self.tooLarge
            let loop = context.eventLoop
            let bound = NIOLoopBound(context, eventLoop: loop)
            Task {
                let response = tooLarge ? HTTPResponse(status: .payloadTooLarge) : await responder.respond(to: request)
                loop.execute { Self.write(response, keepAlive: keepAlive, version: version, context: bound.value) }
            }
        }
    }

    private static func write(_ response: HTTPResponse, keepAlive: Bool, version: HTTPVersion, context: ChannelHandlerContext) {
        var headers = response.headers
        headers.replaceOrAdd(name: "Content-Length", value: String(response.body.readableBytes))
        if !keepAlive { headers.replaceOrAdd(name: "Connection", value: "close") }
        let head = HTTPResponseHead(version: version, status: response.status, headers: headers)
        context.write(NIOAny(HTTPServerResponsePart.head(head)), promise: nil)
        context.write(NIOAny(HTTPServerResponsePart.body(.byteBuffer(response.body))), promise: nil)
        context.writeAndFlush(NIOAny(HTTPServerResponsePart.end(nil))).whenComplete { _ in
            if !keepAlive { context.close(promise: nil) }
        }
    }
}
