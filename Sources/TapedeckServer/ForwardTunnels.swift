import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Tapedeck
import TapedeckHTTP

/// What the forward proxy makes of `CONNECT host:port`: a host it intercepts
/// gets a tunnel whose TLS the proxy terminates with a certificate from the
/// local CA, its requests answered (recorded or replayed) under the origin
/// `https://host`; any other host gets a plain byte tunnel, recorded nowhere.
/// When recording, the upstream is reached first, so that an unreachable host
/// gets a 502 saying why instead of a tunnel to nothing.
struct ForwardTunnels: TunnelResponder {
    let responder: CassetteResponder
    let leaves: LeafCertificateCache
    /// Hosts to intercept (`*.example.com` for a domain's hosts); empty: every host.
    let intercepted: [String]
    /// Whether anything goes upstream (recording); in replay nothing does.
    let reachesUpstream: Bool
    let authority: CertificateAuthority
    let log: @Sendable (String) -> Void

    func intercepts(_ host: String) -> Bool {
        let host = host.lowercased()
        return intercepted.isEmpty
            || intercepted.contains { pattern in
                pattern.hasPrefix("*.") ? host.hasSuffix(pattern.dropFirst()) : pattern == host
            }
    }

    func tunnel(to host: String, port: Int, on eventLoop: any EventLoop) -> EventLoopFuture<Tunnel> {
        let target = "\(host):\(port)"
        guard host.utf8.count <= LeafCertificateCache.maximumHostLength else {
            let refused = LeafCertificateCache.HostTooLong(length: host.utf8.count)
            return eventLoop.makeSucceededFuture(.refuse(refusal("CONNECT names \(refused)", status: .badRequest)))
        }
        guard intercepts(host) else {
            guard reachesUpstream else {
                return eventLoop.makeSucceededFuture(.refuse(self.refusal("\(target) is not intercepted, and a replay sends nothing upstream")))
            }
            return connect(host, port, on: eventLoop).map { Tunnel.passThrough(upstream: $0) }
                .recover { .refuse(self.refusal("could not connect to \(target): \(UpstreamFailure.reason($0))")) }
        }
        let tls: NIOSSLContext
        do {
            tls = try leaves.context(for: host)
        } catch {
            return eventLoop.makeSucceededFuture(.refuse(self.refusal("could not make a certificate for \(host): \(error)")))
        }
        let hostInURL = host.contains(":") ? "[\(host)]" : host
        let inner = responder.inside("https://\(hostInURL)" + (port == 443 ? "" : ":\(port)"))
        guard reachesUpstream else { return eventLoop.makeSucceededFuture(.intercept(tls, responder: inner)) }
        return connect(host, port, on: eventLoop)
            .map { probe -> Tunnel in
                probe.close(promise: nil)
                return .intercept(tls, responder: inner)
            }
            .recover { .refuse(self.refusal("could not connect to \(target): \(UpstreamFailure.reason($0))")) }
    }

    func tunnelFailed(to host: String, error: any Error) {
        log(
            "the TLS handshake with a client of \(host) failed (\(error)): if the client does not trust the local CA, "
                + "give it \(authority.certificateFile.path) (tapedeck ca shows how)")
    }

    private func connect(_ host: String, _ port: Int, on eventLoop: any EventLoop) -> EventLoopFuture<any Channel> {
        ClientBootstrap(group: eventLoop)
            .connectTimeout(.seconds(10))
            .channelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .connect(host: host, port: port)
    }

    private func refusal(_ reason: String, status: HTTPResponseStatus = .badGateway) -> HTTPResponse {
        log("CONNECT refused: \(reason)")
        return HTTPResponse(status: status, headers: ["Content-Type": "text/plain; charset=utf-8"], body: ByteBuffer(string: reason + "\n"))
    }
}
