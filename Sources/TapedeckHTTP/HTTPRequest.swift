public import NIOCore
public import NIOHTTP1

/// A request as a responder sees it: the head and the whole body.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    public var uri: String
    public var headers: HTTPHeaders
    public var body: ByteBuffer
    /// The address the connection came in on (the server's side): what a `Host`
    /// header naming this server by address must name.
    public var localAddress: SocketAddress? = nil
}
