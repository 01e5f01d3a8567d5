import NIOCore
import NIOHTTP1

/// Answers a request the HTTP parser rejects before the connection closes:
/// 431 for a head over the size limit, 400 for anything else malformed, each
/// with a one-line reason, as long as no other response has begun.
final class ProtocolErrorHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private var responseInProgress = false

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parserError = error as? HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        if !responseInProgress {
            let (status, reason) = Self.answer(to: parserError)
            var body = context.channel.allocator.buffer(capacity: reason.utf8.count + 1)
            body.writeString(reason + "\n")
            let headers = HTTPHeaders([
                ("Connection", "close"), ("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", String(body.readableBytes)),
            ])
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
        context.close(promise: nil)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head) where head.status.code >= 200: responseInProgress = true
        case .end: responseInProgress = false
        default: break
        }
        context.write(data, promise: promise)
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
}
