import NIOCore
import NIOHTTP1

/// A request as it goes to the upstream: where it goes, and its head and body as
/// they go on the wire there.
struct UpstreamRequest: Sendable {
    /// Where a request goes: its connections are pooled per origin.
    struct Origin: Hashable, Sendable {
        var secure: Bool
        var host: String
        var port: Int
    }

    var origin: Origin
    var head: HTTPRequestHead
    var body: ByteBuffer

    /// The request to `url` (`http://` or `https://`, an authority, then the
    /// target), with `Host` set to the URL's authority unless `headers` name one
    /// and `Content-Length` to the body's. `nil` when `url` is not such a URL.
    init?(url: String, method: HTTPMethod, headers: HTTPHeaders, body: ByteBuffer) {
        let secure: Bool
        if url.hasPrefix("https://") { secure = true } else if url.hasPrefix("http://") { secure = false } else { return nil }
        let afterScheme = url.dropFirst(secure ? 8 : 7)
        let authority = afterScheme.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let target = afterScheme[authority.endIndex...]
        guard let (host, port) = Self.hostAndPort(authority, defaultPort: secure ? 443 : 80), !target.contains("#") else { return nil }
        var headers = headers
        if !headers.contains(name: "Host") { headers.add(name: "Host", value: String(authority)) }
        // A TRACE has no content (RFC 9110, section 9.3.8): NIO's encoder frames it without one.
        let body = method == .TRACE ? ByteBuffer() : body
        if body.readableBytes > 0 || [.POST, .PUT, .PATCH].contains(method) {
            headers.add(name: "Content-Length", value: String(body.readableBytes))
        }
        origin = Origin(secure: secure, host: host, port: port)
        head = HTTPRequestHead(version: .http1_1, method: method, uri: target.hasPrefix("/") ? String(target) : "/" + target, headers: headers)
        self.body = body
    }

    /// `host`, `host:port`, `[v6]` or `[v6]:port`, without user information.
    private static func hostAndPort(_ authority: Substring, defaultPort: Int) -> (String, Int)? {
        guard !authority.isEmpty, !authority.contains("@") else { return nil }
        let host: Substring
        let rest: Substring
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[authority.index(after: authority.startIndex)..<close]
            rest = authority[authority.index(after: close)...]
        } else {
            host = authority.prefix { $0 != ":" }
            rest = authority[host.endIndex...]
        }
        guard !host.isEmpty else { return nil }
        if rest.isEmpty { return (String(host), defaultPort) }
        guard rest.hasPrefix(":"), let port = Int(rest.dropFirst()), (1...65535).contains(port) else { return nil }
        return (String(host), port)
    }
}
