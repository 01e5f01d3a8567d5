import NIOCore
import NIOEmbedded
import NIOHTTP1

extension HTTPResponse {
    /// The same response, carrying its bytes as they go on the wire to a
    /// kept-alive HTTP/1.1 exchange (head, `Content-Length` and body), encoded
    /// once by NIO's own encoder and header validator. Unchanged when they
    /// refuse it (a header value with a line break): that response is then
    /// encoded per exchange, and refused there as before.
    public func encodedOnce() -> HTTPResponse {
        let channel = EmbeddedChannel()
        defer { _ = try? channel.finish() }
        var headers = self.headers
        headers.replaceOrAdd(name: "Content-Length", value: String(body.readableBytes))
        do {
            try channel.pipeline.syncOperations.addHandlers([HTTPResponseEncoder(), NIOHTTPResponseHeadersValidator()])
            try channel.writeOutbound(HTTPServerResponsePart.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers)))
            try channel.writeOutbound(HTTPServerResponsePart.body(.byteBuffer(body)))
            try channel.writeOutbound(HTTPServerResponsePart.end(nil))
            var wire = ByteBuffer()
            while let part = try channel.readOutbound(as: IOData.self) {
                guard case .byteBuffer(var bytes) = part else { return self }
                wire.writeBuffer(&bytes)
            }
            // The body is the tail of the wire bytes: kept once, not twice.
            guard let tail = wire.getSlice(at: wire.writerIndex - body.readableBytes, length: body.readableBytes) else { return self }
            var copy = self
            copy.body = tail
            copy.encoded = wire
            return copy
        } catch {
            return self
        }
    }
}
