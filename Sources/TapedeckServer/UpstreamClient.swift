import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Tapedeck

/// The proxy's side towards the upstream: a pool of kept-alive connections on
/// each of the server's event loops, so that an exchange runs on the client
/// connection's loop end to end, on an upstream connection of the same loop
/// (no thread hop, no lock). It speaks HTTP/1.1 through NIO's client handlers
/// (and swift-nio-ssl for HTTPS); redirects are not followed (a 3xx is
/// recorded and handed back, so the client follows it as it would without
/// Tapedeck), nothing is decompressed (the client gets the bytes the upstream
/// sent), and no cookie is kept.
final class UpstreamClient: Sendable {
    private let pools: [ObjectIdentifier: UpstreamPool]

    /// - Throws: `InputError` naming the file when `trust` names certificates that do not read.
    init(group: MultiThreadedEventLoopGroup, trust: UpstreamTrust) throws(InputError) {
        var configuration = TLSConfiguration.makeClientConfiguration()
        var file = "the system's trust store"
        switch trust {
        case .system: break
        case .insecure: configuration.certificateVerification = .none
        case .certificates(let certificates):
            file = certificates.path
            do {
                let roots = try NIOSSLCertificate.fromPEMFile(certificates.path)
                guard !roots.isEmpty else { throw NIOSSLError.failedToLoadCertificate }
                configuration.trustRoots = .certificates(roots)
            } catch {
                throw InputError(file: file, expected: "PEM certificates to verify the upstream with (--upstream-cacert)", found: "\(error)")
            }
        }
        let tls: NIOSSLContext
        do {
            tls = try NIOSSLContext(configuration: configuration)
        } catch {
            throw InputError(file: file, expected: "certificates to verify the upstream with", found: "\(error)")
        }
        var pools: [ObjectIdentifier: UpstreamPool] = [:]
        for loop in group.makeIterator() { pools[ObjectIdentifier(loop)] = UpstreamPool(loop: loop, tls: tls) }
        self.pools = pools
    }

    /// Sends `request` from `eventLoop` (the client connection's); `exchange` gets the answer part by part.
    func send(_ request: UpstreamRequest, to exchange: ProxiedExchange, on eventLoop: any EventLoop) {
        guard let pool = pools[ObjectIdentifier(eventLoop)] else {
            preconditionFailure("an upstream exchange from an event loop that is not the server's")
        }
        if eventLoop.inEventLoop { pool.send(request, for: exchange) } else { eventLoop.execute { pool.send(request, for: exchange) } }
    }

    /// Closes every upstream connection.
    func shutdown() async {
        for pool in pools.values { try? await pool.close().get() }
    }
}
