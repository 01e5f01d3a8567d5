import NIOCore
import NIOHTTP1
import Tapedeck
import TapedeckHTTP

/// Keeps the servers to their owner: a web page the user visits must not reach
/// them through the browser. A page can make the browser send a request to
/// loopback (a cross-site `POST /__tapedeck/reset`), or point its own host name
/// at 127.0.0.1 and read the answers (DNS rebinding: `GET /__tapedeck/journal`
/// with `Host: evil.example`). So the admin endpoints (and, on the recording
/// reverse proxy, every path, which would otherwise let a page inject exchanges
/// into a recording) answer only a `Host` naming the server's own address or a
/// loopback name, with 421 otherwise; and the admin endpoints refuse any request
/// that carries an `Origin` (browsers send one on cross-site and scripted
/// requests; `curl` and SDKs do not), with 403.
struct AdminGuard {
    /// The names that always mean this machine.
    static let loopbackNames: Set<String> = ["localhost", "127.0.0.1", "::1"]

    /// The refusal for `request` to `responder`, or `nil` when it may go on. Inside a
    /// `CONNECT` tunnel there are no admin endpoints and `Host` names the tunnel's host;
    /// a forward proxy's own paths are admin; a reverse proxy that records holds every path.
    static func refusal(for request: HTTPRequest, to responder: CassetteResponder) -> HTTPResponse? {
        switch responder.origin {
        case .tunnel: nil
        case .named: refusal(for: request, admin: AdminRoute.route(for: request.uri) != nil, everyPath: false, upstream: nil)
        case .fixed(let upstream):
            refusal(
                for: request, admin: AdminRoute.route(for: request.target) != nil, everyPath: responder.deck.records,
                upstream: upstream)
        }
    }

    /// The refusal for `request`, or `nil` when it may go on.
    /// - Parameters:
    ///   - admin: whether the request names an admin endpoint.
    ///   - everyPath: whether a non-admin request is held to the same `Host` rule (the recording reverse proxy).
    ///   - upstream: the upstream's origin (`scheme://authority`), whose host a client may
    ///     name itself (a signature covering `Host`, see `CassetteResponder.keepsHost`).
    static func refusal(for request: HTTPRequest, admin: Bool, everyPath: Bool, upstream: String?) -> HTTPResponse? {
        guard admin || everyPath else { return nil }
        if admin, let origin = request.headers.first(name: "Origin") {
            return HTTPResponse(
                status: .forbidden,
                json: ["error": .string("admin endpoints answer no request from a web page (Origin \(InputError.bounded(origin, limit: 100)))")])
        }
        // No Host at all is no browser's request (HTTP/1.0 tools omit it); two are no one's.
        let hosts = request.headers[canonicalForm: "Host"]
        guard hosts.count <= 1 else { return misdirected("two Host headers") }
        guard let host = hosts.first.map(String.init) else { return nil }
        guard ownsHost(host, localAddress: request.localAddress) || (!admin && names(host, upstream: upstream)) else {
            return misdirected("Host \(InputError.bounded(host, limit: 100))")
        }
        return nil
    }

    private static func misdirected(_ shown: String) -> HTTPResponse {
        HTTPResponse(
            status: HTTPResponseStatus(statusCode: 421, reasonPhrase: "Misdirected Request"),
            json: [
                "error": .string("this server answers requests for its own address or a loopback name, not \(shown)"),
                "hint": "send Host: 127.0.0.1:PORT (a client of the printed address does)",
            ])
    }

    /// Whether `host` (a `Host` value, with or without a port) names this server:
    /// a loopback name, or the address the connection came in on.
    static func ownsHost(_ host: String, localAddress: SocketAddress?) -> Bool {
        let name = self.name(of: host)
        if loopbackNames.contains(name) { return true }
        guard let address = localAddress?.ipAddress else { return false }
        return name == address.lowercased()
    }

    /// Whether `host` names the upstream's host.
    private static func names(_ host: String, upstream: String?) -> Bool {
        guard let upstream, let authority = upstream.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first else {
            return false
        }
        return name(of: host) == name(of: String(authority))
    }

    /// The host name of a `Host` value, lowercased, without its port or an IPv6 address's brackets.
    static func name(of host: String) -> String {
        let host = host.lowercased()
        if host.hasPrefix("[") { return String(host.dropFirst().prefix { $0 != "]" }) }
        return String(host.prefix { $0 != ":" })
    }
}
