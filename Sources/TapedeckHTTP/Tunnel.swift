public import NIOCore
public import NIOSSL

/// What a `CONNECT` becomes, as a `TunnelResponder` decides it.
public enum Tunnel: Sendable {
    /// Answer 200, terminate TLS with `context` (a certificate for the named
    /// host), and serve the HTTP requests inside the tunnel with `responder`.
    case intercept(NIOSSLContext, responder: any HTTPResponder)
    /// Answer 200 and relay bytes both ways between the client and `upstream`
    /// (a connection already open, on the client connection's event loop).
    case passThrough(upstream: any Channel)
    /// Answer with `response` (a 502 saying why) and close the connection.
    case refuse(HTTPResponse)
}

/// What answers `CONNECT host:port` on a forward proxy.
public protocol TunnelResponder: Sendable {
    /// Decides what the tunnel to `host`:`port` becomes. Any connection it opens
    /// is opened on `eventLoop` (the client connection's).
    func tunnel(to host: String, port: Int, on eventLoop: any EventLoop) -> EventLoopFuture<Tunnel>

    /// A tunnel that failed after the 200: a client that refused the proxy's
    /// certificate (it does not trust the local CA), or one that broke off.
    func tunnelFailed(to host: String, error: any Error)
}
