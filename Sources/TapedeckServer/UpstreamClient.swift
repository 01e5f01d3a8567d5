import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Tapedeck

/// The proxy's side towards the upstream: an AsyncHTTPClient for each of the
/// server's own event loops, so that an exchange runs on the client
/// connection's loop end to end, on an upstream connection of the same loop
/// (no thread hop on the way). Connections are pooled and kept alive; redirects are not
/// followed (a 3xx is recorded and handed back, so the client follows it as it
/// would without Tapedeck), nothing is decompressed (the client gets the bytes
/// the upstream sent), and no cookie is kept.
final class UpstreamClient: Sendable {
    /// One client per event loop, each with that loop as its whole group: its
    /// pool's connections live on the loop. (A request that only requires its
    /// loop from a client of several gets an AsyncHTTPClient "overflow"
    /// connection, closed after the one exchange: a connect, and a TLS
    /// handshake, per request.)
    private let clients: [(loop: any EventLoop, client: HTTPClient)]

    /// - Throws: `InputError` naming the file when `trust` names certificates that do not read.
    init(group: MultiThreadedEventLoopGroup, trust: UpstreamTrust) throws(InputError) {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch trust {
        case .system: break
        case .insecure: tls.certificateVerification = .none
        case .certificates(let file):
            do {
                let certificates = try NIOSSLCertificate.fromPEMFile(file.path)
                guard !certificates.isEmpty else { throw NIOSSLError.failedToLoadCertificate }
                tls.trustRoots = .certificates(certificates)
            } catch {
                throw InputError(
                    file: file.path, expected: "PEM certificates to verify the upstream with (--upstream-cacert)", found: "\(error)")
            }
        }
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tls, redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10), read: .seconds(60)),
            decompression: .disabled)
        configuration.httpVersion = .http1Only
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 64
        // A refused connection or a failed handshake is the client's answer (502 and why) at once, not after retries.
        configuration.connectionPool.retryConnectionEstablishment = false
        // No span per request: nothing here collects them.
        configuration.tracing.tracer = nil
        clients = group.makeIterator().map { loop in (loop, HTTPClient(eventLoopGroupProvider: .shared(loop), configuration: configuration)) }
    }

    /// Sends `request` on `eventLoop` (the client connection's); `exchange` gets the answer part by part.
    func send(_ request: HTTPClient.Request, to exchange: ProxiedExchange, on eventLoop: any EventLoop) {
        let client = clients.first { $0.loop === eventLoop }?.client ?? clients[0].client
        _ = client.execute(request: request, delegate: exchange, eventLoop: .indifferent)
    }

    func shutdown() async {
        for (_, client) in clients { try? await client.shutdown() }
    }
}
